def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] scalability: minThroughputRatio\[batch=1\] is 0\.\d+ \[0\.\d+, 0\.\d+\], but expected minimum is 0\.9 \(candidate\/baseline throughput, the median over \d+ pairs of four interleaved blocks with one-sided anytime-valid bounds \(each side's error at most 5%\), decided\)/
assert log =~ /\[ERROR\] scalability: minThroughputRatio\[batch=2\] is 0\.\d+/
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/scalability_benchmark_results.json'))
assert result.passed == false
assert result.gates.findAll { it.name.startsWith('minThroughputRatio') }*.verdict == ['FAIL', 'FAIL']
assert result.metrics.curves.size() == 1
