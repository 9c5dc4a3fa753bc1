def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] system: stableAsBaseline\[memoryGrowth\] is \d+, but expected maximum is [\d.e+]+ \(bytes of resident memory the candidate gained/
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
def (baseline, candidate) = result.metrics.models
assert candidate.memoryGrowthBytes > 100 * 1024 * 1024
assert baseline.memoryGrowthFraction < 0.1
