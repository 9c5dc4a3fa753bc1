def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] scalability: minThroughputRatio\[batch=1\] is 0\.\d+, but expected minimum is 1 \(lower bound of the interval; candidate\/baseline throughput 0\.\d+/
assert log =~ /\[ERROR\] scalability: minThroughputRatio\[batch=2\] is 0\.\d+/
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/scalability_benchmark_results.json'))
assert result.passed == false
assert result.metrics.curves.size() == 1
