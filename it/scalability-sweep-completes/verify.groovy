def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/scalability_benchmark_results.json'))
def engine = evaluate(new File(basedir, '../../../it/parent/engine-threads.groovy'))
assert result.suite == 'scalability'
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
// every point's intra-op threads are the declared ones (1 per caller by default), whatever the load
assert curves*.intraOpThreads == callers.collect { it.collect { n -> engine.declared(result) } }
assert curves.every { curve -> curve.conditions*.callers == callers[curves.indexOf(curve)] }
// every point keeps every gate; a point whose declared threads needed more cores than other processes
// left free while it was measured is INCONCLUSIVE because the machine was busy, all its gates alike
assert result.gates.size() == 14
assert result.gates*.name.count { it.startsWith('stableAsBaseline[') } == 7
curves.each { curve ->
    curve.sizes.eachWithIndex { size, i ->
        def name = "minThroughputRatio[${curve.axis}=${size}]".toString()
        engine.assertGate(result.gates.find { it.name == name }, curve.conditions[i], 'PASS')
    }
}
def contended = curves.sum { curve -> curve.sizes.indices.count { engine.busy(curve.conditions[it]) } }
assert result.passed == (contended == 0)
assert curves.every { it.blockSizes.every { b -> b >= 1 } }
curves.each { curve -> assert curve.stops.size() == curve.sizes.size() }
['batch=4', 'threads=2', 'input_ids[1]=48'].each { assert log.contains(it + ': baseline ') }
assert log.contains('point                  base samples/s')
