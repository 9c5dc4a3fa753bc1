def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/generation_benchmark_results.json'))
assert result.passed == true
assert result.models*.engine == ['endpoint', 'endpoint']
result.models.each { assert it.runtime.startsWith('served by http://127.0.0.1:') }
def m = result.metrics
assert m.decoding.startsWith('served: streamed chat completions')
assert m.answers.size() == 3 && m.answers.every { it.baselineTokens == it.candidateTokens && it.baselineText }
m.models.each { model -> assert model.timeToFirstToken.p50Millis > 0 && model.tokensPerSecond > 0 }
assert m.tokensPerSecondRatio.lower <= 1 && 1 <= m.tokensPerSecondRatio.upper
assert log.contains('Baseline:  endpoint http://127.0.0.1:')
assert log.contains('streams')
// accuracy judges the answers: identical, and the two conversations with references scored alike
def accuracy = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json'))
assert accuracy.passed == true
assert accuracy.gates*.name == ['minGenerationAgreement']
assert accuracy.metrics.generation.tokenAgreement == 1.0 && accuracy.metrics.generation.sequences == 3
assert accuracy.metrics.generation.input.startsWith('served answers')
assert accuracy.metrics.task.items == 2
assert accuracy.metrics.task.perItem*.references == [['Paris'], ['2', '3', '5', '7', '11']]
assert accuracy.metrics.task.perItem.every { it.baselineAnswer == it.candidateAnswer && it.baselineScore == it.candidateScore }
// the suites that measure files say they do not apply, and write no result
// the system suite serves both endpoints in turns (its own IT checks it closely)
def system = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
assert system.metrics.models.every { it.throughputUnit == 'tokens/s' && it.errors == 0 }
// the scalability suite sweeps concurrent users over both endpoints: the same model passes at every point
def scalability = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/scalability_benchmark_results.json'))
assert scalability.passed == true
assert scalability.metrics.curves*.axis == ['users'] && scalability.metrics.curves[0].unit == 'answers/s'
assert scalability.gates.findAll { it.name.startsWith('minThroughputRatio') }*.verdict == ['PASS', 'PASS']
['performance', 'memory', 'hardware'].each {
    assert !new File(basedir, "target/benchmark-results/${it}_benchmark_results.json").exists()
}
def html = new File(basedir, 'target/benchmark-results/index.html').text
assert html.contains('does not apply to served models')
