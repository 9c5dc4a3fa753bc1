def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
assert result.suite == 'system'
def (baseline, candidate) = result.metrics.models
[baseline, candidate].each { m ->
    assert m.load == 'closed loop, 4 users, think time 0 ms, answers in one continuous batch of up to 4 (prefills on a second thread)'
    assert m.throughputUnit == 'tokens/s'
    assert m.errors == 0 && m.completed > 0
    def g = m.generation
    assert g.serving == 'continuous-batching' && g.decoding == 'key/value cache'
    // every answer has 1 to 16 tokens (a stop token counts as produced), and the windows count tokens
    assert g.tokens >= m.completed && g.tokens <= 16 * m.completed
    assert Math.abs(m.throughput - g.tokens / m.durationSeconds) < 1e-6 * m.throughput
    assert g.requestsPerSecond > 0 && Math.abs(g.requestsPerSecond - m.completed / m.durationSeconds) < 1e-6 * g.requestsPerSecond
    // four users share the batch (one may be in prefill): more than one sequence per step, never more than four
    assert g.meanBatchSize > 1.5 && g.meanBatchSize <= 4 && g.largestBatch >= 3
    assert g.timeToFirstToken.count == m.completed && g.queueWait.count == m.completed
    assert g.timeToFirstToken.p50Millis > 0 && g.timeToFirstToken.p50Millis <= m.latency.p50Millis
    m.windows.each { w -> assert w.throughput > 0 }
}
def ratio = result.gates.find { it.name == 'minThroughputRatio' }
assert ratio.detail.startsWith('candidate/baseline throughput in tokens/s')
// decided (PASS) or undecided, with an interval that has width; a FAIL fails the build. 4 users need both
// cores: when other processes took one during the turns, every gate but the error rate is INCONCLUSIVE
// because the machine was busy
def engine = evaluate(new File(basedir, '../../../it/parent/engine-threads.groovy'))
def conditions = result.metrics.conditions
assert conditions.callers == 4 && conditions.intraOpThreads == 1
assert ratio.verdict in ['PASS', 'INCONCLUSIVE'] && ratio.lower < ratio.actual && ratio.actual < ratio.upper
assert (ratio.undecided == 'BUSY') == engine.busy(conditions)
assert result.gates.find { it.name == 'maxErrorRate' }.verdict == 'PASS'
result.gates.findAll { !(it.name in ['minThroughputRatio', 'maxErrorRate']) }.each { engine.assertGate(it, conditions, 'PASS') }
assert log =~ /system: baseline [\d.]+ tokens\/s, p99 [\d.]+ ms.*answers\/s, first token p50 [\d.]+ ms p99 [\d.]+ ms, queueing p50 [\d.]+ ms, batch [\d.]+ on average \(at most [34]\)/
def html = new File(basedir, 'target/benchmark-results/index.html').text
assert html.contains('<th>first token p50 / p99 (ms)</th>') && html.contains('<td>continuous-batching</td>')
