def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] memory: minReduction\[peakMinusIdle\] (is -?\d\.\d+(e-?\d+)? \[-?\d\.\d+, -?\d\.\d+\], but expected minimum is 0\.15|has no measured value)/
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/memory_benchmark_results.json'))
assert result.passed == false
assert result.gates.find { it.name == 'maxLeakBytesPerInference[candidate]' }.passed == true
def xml = new File(basedir, 'target/benchmark-results/TEST-qwen-bench-memory.xml').text
assert xml.contains('failures="1"') && xml.contains('<failure message="minReduction[peakMinusIdle] is')
