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
// the load generator's own overhead, measured first against an instant local server with the same load: far
// more requests per second than the served model's, and shown next to the results
m.models.each { model ->
    def o = model.clientOverhead
    // a failure there is rare (the JDK's server closing a kept-alive connection as the client reuses it), and said
    assert o.load == model.load && o.eventsPerAnswer == 8 && o.completed > 0 && o.failed <= o.completed / 100
    assert o.failed == (o.failures.values().sum() ?: 0)
    assert o.requestsPerSecond > 5 * model.generation.requestsPerSecond
    assert o.p99Millis > 0 && o.p99Millis < model.latency.p50Millis
}
assert log.contains('the load generator alone, against an instant local server')
