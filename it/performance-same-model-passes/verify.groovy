def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/performance_benchmark_results.json'))
assert result.suite == 'performance' && result.passed == true
def speedup = result.metrics.speedup
// at least the 9 pairs that can decide at 0.95 before the first look, then pair by pair until decided
assert speedup.pairs >= 9 && speedup.confidence == 0.95
assert result.metrics.stop.decided == true && result.gates[0].verdict == 'PASS'
assert speedup.lower <= speedup.estimate && speedup.estimate <= speedup.upper
assert speedup.lower >= 0.9
assert result.metrics.method.contains('A B B A or B A A B') && speedup.rule.contains('one-sided anytime-valid')
result.metrics.models.each { m ->
    assert m.loadMillis > 0 && m.coldMillis > 0 && m.warmupIterations == 20
    def l = m.latency
    // a pair is four blocks, two of each model
    assert l.count == 2 * speedup.pairs * result.metrics.blockSize && result.metrics.blockSize >= 1
    assert l.minMillis <= l.p50Millis && l.p50Millis <= l.p90Millis && l.p90Millis <= l.p99Millis && l.p99Millis <= l.maxMillis
    assert m.inferencesPerSecond > 0 && m.samplesPerSecond == m.inferencesPerSecond * m.batchSize
}
// one thread calls the engine with the declared intra-op threads (1 by default), whatever the load; on a
// quiet machine one core is free, so the gate decides
def engine = evaluate(new File(basedir, '../../../it/parent/engine-threads.groovy'))
assert result.metrics.intraOpThreads == engine.declared(result)
assert result.metrics.conditions.callers == 1 && !engine.busy(result.metrics.conditions)
assert log.contains('measured ' + speedup.pairs + ' pairs of four ' + result.metrics.blockSize + '-inference blocks')
assert result.metrics.baselineBlockMillis.size() == 2 * speedup.pairs
