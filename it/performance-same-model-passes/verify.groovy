def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/performance_benchmark_results.json'))
assert result.suite == 'performance' && result.passed == true
def speedup = result.metrics.speedup
// at least the 40 pairs of <iterations>200</iterations> before the first look, then pair by pair until decided
assert speedup.pairs >= 40 && speedup.confidence == 0.95
assert result.metrics.stop.decided == true && result.gates[0].verdict == 'PASS'
assert speedup.lower <= speedup.estimate && speedup.estimate <= speedup.upper
assert speedup.lower >= 0.9
assert result.metrics.method.contains('A B B A') && speedup.rule.contains('anytime-valid')
result.metrics.models.each { m ->
    assert m.loadMillis > 0 && m.coldMillis > 0 && m.warmupIterations == 20
    def l = m.latency
    assert l.count == speedup.pairs * 5
    assert l.minMillis <= l.p50Millis && l.p50Millis <= l.p90Millis && l.p90Millis <= l.p99Millis && l.p99Millis <= l.maxMillis
    assert m.inferencesPerSecond > 0 && m.samplesPerSecond == m.inferencesPerSecond * m.batchSize
}
// one thread calls the engine: its intra-op threads are the engine's own unless they exceed the free cores
// recorded before the suite, then those free cores (at least 1); a fitting below the engine's own is said
def engine = evaluate(new File(basedir, '../../../it/parent/engine-threads.groovy'))
assert result.metrics.intraOpThreads == engine.fitted(result, 1)
assert result.metrics.intraOpThreads >= 1 && result.metrics.intraOpThreads <= engine.engineThreads(result)
engine.assertApplyWarnings(result, [performance: 1])
assert log.contains('measured ' + speedup.pairs + ' block pairs')
