def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/' + name)) }
def all = slurp('all_benchmark_results.json')
assert all.passed == true
assert all.suites*.suite == ['accuracy', 'performance']
assert all.durationMillis > 0
assert slurp('accuracy_benchmark_results.json').passed == true
def performance = slurp('performance_benchmark_results.json')
assert performance.passed == true
assert performance.config.performance.minSpeedup == 0.8
assert log.contains('qwen-bench-maven-plugin:0.1.0-SNAPSHOT:all')
assert log =~ /All \d+ gates passed/
