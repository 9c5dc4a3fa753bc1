def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] memory: maxLeakBytesPerInference\[candidate\] is 2\d{5}\.?\d*, but expected maximum is 16384/
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/memory_benchmark_results.json'))
assert result.gates.find { it.name == 'minReduction[footprint]' }.passed == true
assert result.metrics.models[1].leakBytesPerInference.median > 200000
assert result.metrics.models[0].leakBytesPerInference.median < 16384
