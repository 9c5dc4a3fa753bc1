def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
assert result.passed == true
assert result.models*.engine == ['endpoint', 'endpoint']
assert result.gates*.name.sort() == ['maxErrorRate', 'minThroughputRatio', 'stableAsBaseline[throughputDrift]']
assert result.gates.every { it.verdict == 'PASS' }
def m = result.metrics
m.models.each { model ->
    assert model.throughputUnit == 'tokens/s' && model.throughput > 0
    assert model.generation.serving == 'served' && model.generation.tokens > 0
    assert model.generation.timeToFirstToken.p50Millis > 0
    assert model.errors == 0 && model.completed > 0
    assert model.load.startsWith('closed loop, 2 users') && model.load.contains('served model')
    assert model.windows.size() >= 9
    assert model.goodput.objectiveMillis == 2000 && model.goodput.requests > 0 && model.goodput.share > 0.5
}
def ratio = m.throughputRatio
assert ratio.lower >= 0.7 && ratio.estimate > 0.7 && ratio.estimate < 1 / 0.7
assert m.conditions == null
assert log.contains('goodput') && log.contains('the client of the served models')
assert log.contains("client's CPU") && log.contains("client's memory")
