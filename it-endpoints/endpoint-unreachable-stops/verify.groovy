def log = new File(basedir, 'build.log').text
assert log.contains('The candidate endpoint http://127.0.0.1:9/v1')
assert log.contains('is unreachable')
assert log.contains('Start the server, or check <candidate><endpoint><url>')
assert !new File(basedir, 'target/benchmark-results/generation_benchmark_results.json').exists()
