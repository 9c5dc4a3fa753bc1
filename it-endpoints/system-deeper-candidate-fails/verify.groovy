def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
assert result.passed == false
def ratio = result.gates.find { it.name == 'minThroughputRatio' }
assert ratio.verdict == 'FAIL' && ratio.upper < 0.9 : ratio
// slower, not failing: every request of both endpoints answered
assert result.gates.find { it.name == 'maxErrorRate' }.verdict == 'PASS'
result.metrics.models.each { assert it.errors == 0 && it.completed > 0 && it.throughputUnit == 'tokens/s' }
def (base, cand) = result.metrics.models
assert cand.throughput < base.throughput
assert log =~ /gates failed: minThroughputRatio/
