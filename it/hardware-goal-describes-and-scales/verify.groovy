def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/hardware_benchmark_results.json'))
assert result.suite == 'hardware' && result.passed == true
// what the machine and engine offer, from the worker
assert result.system.cpuFeatures != null && result.system.engineCapabilities.libtorchVersion == '2.7.1'
// thread scaling: both models at 1 and 2 intra-op threads, paired, with intervals
def curve = result.metrics.threadScaling
assert curve.axis == 'intraOpThreads' && curve.sizes == [1, 2] && curve.intraOpThreads == [1, 2]
curve.models.each { m ->
    assert m.samplesPerSecond.size() == 2 && m.samplesPerSecond.every { it > 0 }
    assert m.scalingEfficiency[0] == 1.0 && m.scalingEfficiency[1] > 0
}
curve.throughputRatio.each { r -> assert r.lower <= r.estimate && r.estimate <= r.upper && r.pairs >= 11 }
// a count above the free cores is reported, not gated
def contended = curve.contended.count { it }
assert result.gates*.name.count { it.startsWith('minThroughputRatio[intraOpThreads=') } == 2 - contended
assert result.gates*.name.contains('stableAsBaseline[intraOpThreads=1]')
assert log.contains('hardware: candidate/baseline throughput by intraOpThreads 1:')
assert log.contains('intraOpThreads=2 ')
def html = new File(basedir, 'target/benchmark-results/index.html').text
assert html.contains('<h3>Machine and engine</h3>') && html.contains('<h3>Thread scaling</h3>')
// operator profiles side by side, FLOPs per inference from the recorded shapes (generate.py's hand count)
assert result.metrics.profiles.size() == 2 && result.metrics.profiles.every { it.flopsPerInference == 42008576 }
assert result.metrics.profileComparison.changes.size() > 0
assert result.metrics.profiles[1].operators*.name.contains('quantized::linear_dynamic')
// peaks at each thread count, and each model's position between them where it ran uncontended
assert result.metrics.gemm*.threads == [1, 2] && result.metrics.gemm.every { it.maxGflops > 0 }
assert result.metrics.bandwidth*.threads == [1, 2] && result.metrics.bandwidth.every { it.bestBytesPerSecond > 0 }
assert result.metrics.rooflines.size() == 2 * (2 - contended)
assert result.metrics.rooflines.every { it.roofline.bound in ['COMPUTE', 'MEMORY', 'OVERHEAD'] }
assert html.contains('<h3>Operator profile</h3>') && html.contains('<h3>Peaks and rooflines</h3>')
