def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/generation_benchmark_results.json'))
assert result.passed == false
def verdicts = result.gates.collectEntries { [it.name, it.verdict] }
assert verdicts == [minTokensPerSecondRatio: 'FAIL', maxTimeToFirstTokenRatio: 'FAIL']
// twice the work: both ratios near 2x worse, decided well before the budget
assert result.metrics.tokensPerSecondRatio.upper < 0.9 && result.metrics.timeToFirstTokenRatio.lower > 1.11
assert log.contains('minTokensPerSecondRatio')
