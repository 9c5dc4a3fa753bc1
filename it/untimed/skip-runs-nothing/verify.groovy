def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping the benchmarks (qwen-bench.skip=true).')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/benchmark-results').exists()
