// the versions the plugin's pom declares, not this machine's
def pluginPom = new groovy.xml.XmlSlurper().parse(new File(basedir, '../../../pom.xml'))
def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/hardware_benchmark_results.json'))
assert result.suite == 'hardware'
// what the machine and engine offer, from the worker
assert result.system.engineCapabilities.libtorchVersion == pluginPom.properties.'pytorch.version'.text()
// the inference extensions are those the first processor of /proc/cpuinfo lists, in CpuInfo's order
// (none where there is no /proc/cpuinfo)
def inferenceFeatures = ['avx2', 'fma', 'f16c', 'avx_vnni', 'avx512f', 'avx512bw', 'avx512vl', 'avx512_vnni',
        'avx512_bf16', 'avx512_fp16', 'amx_tile', 'amx_int8', 'amx_bf16', 'asimd', 'asimdhp', 'asimddp', 'i8mm',
        'bf16', 'sve', 'sve2', 'svei8mm', 'svebf16', 'sme']
def cpuinfo = new File('/proc/cpuinfo')
def flagLine = cpuinfo.canRead() ? cpuinfo.getText('ISO-8859-1').readLines()
        .find { it ==~ /(?i)\s*(flags|features)\s*:.*/ } : null
def flags = flagLine == null ? [] : flagLine.substring(flagLine.indexOf(':') + 1).trim().split(/\s+/) as List
assert result.system.cpuFeatures == inferenceFeatures.findAll { it in flags }
// thread scaling: both models at 1 and 2 intra-op threads, paired, with intervals
def curve = result.metrics.threadScaling
assert curve.axis == 'intraOpThreads' && curve.sizes == [1, 2] && curve.intraOpThreads == [1, 2]
curve.models.each { m ->
    assert m.samplesPerSecond.size() == 2 && m.samplesPerSecond.every { it > 0 }
    assert m.scalingEfficiency[0] == 1.0 && m.scalingEfficiency[1] > 0
}
curve.throughputRatio.each { r ->
    assert r.pairs >= 9
    assert !(r.lower instanceof Number) || !(r.upper instanceof Number) || (r.lower <= r.estimate && r.estimate <= r.upper)
}
// every thread count is gated; one whose threads needed more cores than other processes left free while it
// was measured is INCONCLUSIVE because the machine was busy, the others PASS
def engine = evaluate(new File(basedir, '../../../it/parent/engine-threads.groovy'))
assert curve.conditions*.callers == [1, 1] && curve.conditions*.intraOpThreads == [1, 2]
curve.sizes.eachWithIndex { threads, i ->
    engine.assertGate(result.gates.find { it.name == "minThroughputRatio[intraOpThreads=${threads}]".toString() },
            curve.conditions[i], 'PASS')
}
def contended = curve.sizes.indices.count { engine.busy(curve.conditions[it]) }
assert result.passed == (contended == 0)
assert curve.blockSizes.every { it >= 1 } && curve.orderSeeds.size() == 2
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
