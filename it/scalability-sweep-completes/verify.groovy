def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/scalability_benchmark_results.json'))
def engine = evaluate(new File(basedir, '../../../it/parent/engine-threads.groovy'))
assert result.suite == 'scalability' && result.passed == true
def curves = result.metrics.curves
assert curves*.axis == ['batch', 'threads', 'input_ids[1]']
assert curves*.sizes == [[1, 2, 4], [1, 2], [24, 48]]
curves.each { curve ->
    assert curve.throughputRatio.size() == curve.sizes.size()
    curve.models.each { m ->
        assert m.samplesPerSecond.size() == curve.sizes.size() && m.samplesPerSecond.every { it > 0 }
        assert m.p50Millis.every { it > 0 } && m.p99Millis.size() == curve.sizes.size()
    }
}
def batch = curves[0].models[0]
assert batch.scalingEfficiency[0] == 1.0
assert curves[2].models.every { it.growthExponent != null }
// the threads calling the engine at once at each point: one, except on the concurrency curve
def callers = [[1, 1, 1], [1, 2], [1, 1]]
// every point's intra-op threads are fitted to the free cores recorded before the suite: the engine's own
// unless the callers times those oversubscribe them, then max(1, free / callers); between points the
// engine's own come back
assert curves*.intraOpThreads == callers.collect { it.collect { n -> engine.fitted(result, n) } }
assert curves.every { it.intraOpThreads.every { t -> t >= 1 && t <= engine.engineThreads(result) } }
assert result.metrics.intraOpThreads == engine.engineThreads(result)
// a point whose callers exceed the cores other processes leave free is reported but not gated, and says so
assert curves*.contended == callers.collect { it.collect { n -> engine.contended(result, n) } }
def contended = curves.sum { it.contended.count { it } }
assert result.gates.size() == 14 - contended
assert result.gates*.name.count { it.startsWith('stableAsBaseline[') } == 7
assert !result.gates*.name.contains('minThroughputRatio[threads=2]') == curves[1].contended[1]
assert result.warnings.any { it.startsWith('threads=2: its threads exceeded the cores other processes left free') } ==
        curves[1].contended[1]
def points = [:]
curves.eachWithIndex { curve, c -> curve.sizes.eachWithIndex { size, i -> points[curve.axis + '=' + size] = callers[c][i] } }
engine.assertApplyWarnings(result, points)
curves.each { curve -> assert curve.stops.size() == curve.sizes.size() }
['batch=4', 'threads=2', 'input_ids[1]=48'].each { assert log.contains(it + ': baseline ') }
assert log.contains('point                  base samples/s')
