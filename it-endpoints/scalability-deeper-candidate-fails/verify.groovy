// the 64-layer candidate answers fewer conversations per second than the 2-layer baseline at every number of
// concurrent users: each point's throughput ratio FAILs the default 0.90 with its whole interval below it
def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/scalability_benchmark_results.json'))
assert result.passed == false
assert result.models*.engine == ['endpoint', 'endpoint']
def curve = result.metrics.curves[0]
assert curve.kind == 'concurrency' && curve.axis == 'users' && curve.sizes == [1, 4]
assert curve.unit == 'answers/s'
assert result.metrics.method.contains('answers per second')
// served models have no busy-machine rule: no conditions are recorded, and no gate is undecided as busy
assert curve.conditions.every { it == null }
curve.models.each { m ->
    assert m.samplesPerSecond.every { it > 0 } && m.p99Millis.every { it > 0 }
    assert m.blockThroughput.every { it.size() >= 2 }
}
['users=1', 'users=4'].each { point ->
    def gate = result.gates.find { it.name == "minThroughputRatio[$point]" }
    assert gate.verdict == 'FAIL' && gate.upper < 0.9 : gate
}
assert log.contains('answers/s')
assert log =~ /gates failed: minThroughputRatio\[users=1\]/
// the knee of each endpoint: a level of the curve, or null when throughput kept growing
assert curve.models.every { m -> m.knee == null || curve.sizes.contains(m.knee) }
