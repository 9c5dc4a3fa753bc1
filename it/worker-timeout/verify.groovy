def log = new File(basedir, 'build.log').text
assert log.contains('The performance worker did not finish within workerTimeout (5 s) and was stopped.')
assert log.contains('-Dqwen-bench.workerTimeout=SECONDS')
assert log.contains('MojoExecutionException')
assert !new File(basedir, 'target/benchmark-results/performance_benchmark_results.json').exists()
def work = new File(basedir, 'target/qwen-bench')
assert !work.exists() || !work.listFiles().any { it.name.endsWith('.json') || it.name.endsWith('.error') }
