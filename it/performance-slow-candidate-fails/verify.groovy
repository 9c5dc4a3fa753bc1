def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] performance: minSpeedup is 0\.\d+, but expected minimum is 1 \(lower bound of the interval; speedup 0\.\d+, 95% interval \[0\.\d+, 0\.\d+\] from \d+ block pairs: the candidate is clearly below the target\)/
assert log.contains('MojoFailureException')
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/performance_benchmark_results.json'))
assert result.passed == false
assert result.metrics.speedup.upper < 1.0
