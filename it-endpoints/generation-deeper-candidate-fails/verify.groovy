def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/generation_benchmark_results.json'))
assert result.passed == false
def gate = result.gates.find { it.name == 'minTokensPerSecondRatio' }
assert gate.verdict == 'FAIL' && gate.upper < 0.9
assert log =~ /gates failed: minTokensPerSecondRatio/
