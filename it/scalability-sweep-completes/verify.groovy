def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/scalability_benchmark_results.json'))
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
// a point whose threads exceed the cores other processes leave free is reported but not gated
def contended = curves.sum { it.contended.count { it } }
assert result.gates.size() == 14 - contended
assert result.metrics.intraOpThreads >= 1
assert result.gates*.name.count { it.startsWith('stableAsBaseline[') } == 7
// 2 threads x the engine's 2 intra-op threads would oversubscribe 2 cores: the point runs with 1 each
// (and one thread gets fewer than the engine's when other processes keep cores busy)
assert curves[1].intraOpThreads[0] >= 1 && curves[1].intraOpThreads[0] <= result.metrics.intraOpThreads
assert curves[1].intraOpThreads[1] == Math.max(1, (int) (Runtime.runtime.availableProcessors() / 2))
curves.each { curve -> assert curve.stops.size() == curve.sizes.size() }
['batch=4', 'threads=2', 'input_ids[1]=48'].each { assert log.contains(it + ': baseline ') }
assert log.contains('point                  base samples/s')
