def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/generation_benchmark_results.json'))
assert result.suite == 'generation' && result.passed == true
def m = result.metrics
assert m.decoding.startsWith('full recompute') && m.maxNewTokens == 8
assert m.models*.role == ['baseline', 'candidate']
m.models.each { model ->
    assert model.timeToFirstToken.p50Millis > 0 && model.timePerOutputToken.p50Millis > 0
    assert model.tokensPerSecond > 0 && model.timePerOutputToken.count == 7 * model.requests
}
// at least the 9 pairs that can decide at 95% (every pair of a model against a faster one may be on one side)
assert m.tokensPerSecondRatio.pairs >= 9 && m.tokensPerSecondRatio.lower <= m.tokensPerSecondRatio.upper
assert m.answers.size() == 4 && m.answers.every { it.baselineTokens.size() <= 8 && it.candidateTokens.size() <= 8 }
assert result.gates*.name == ['minTokensPerSecondRatio', 'maxTimeToFirstTokenRatio']
assert log.contains('generation: baseline first token ')
def html = new File(basedir, 'target/benchmark-results/index.html').text
assert html.contains('<h3>Answers</h3>') && html.contains('id="answers"')
