def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/memory_benchmark_results.json'))
assert result.suite == 'memory' && result.passed == true
def m = result.metrics
assert m.samples.size() == 4
assert m.samples*.role == ['baseline', 'candidate', 'candidate', 'baseline']
def (baseline, candidate) = m.models
assert baseline.repetitions == 2 && candidate.repetitions == 2
// 64 MiB of fp32 weights against 16 MiB of int8 weights
assert baseline.footprint.median > 48 * 1024 * 1024
assert candidate.footprint.median < baseline.footprint.median
assert m.peakMinusIdle.estimate >= 0.15
assert baseline.peak.median >= baseline.afterLoad.median
assert m.bandwidth.machineBytesPerSecond > 0 && m.bandwidth.models[0].fractionOfMachine > 0
assert m.gpu.startsWith('not applicable')
assert m.source.contains('/proc/self/status')
assert result.gates*.name == ['minReduction[peakMinusIdle]', 'maxLeakBytesPerInference[candidate]']
assert log.contains('[WARNING] memory: The candidate\'s peakMinusIdle is')
assert log.contains('more than maxReduction (30%)')
assert log.contains('baseline #1: idle') && log.contains('candidate #2: after load')
assert new File(basedir, 'target/benchmark-results/TEST-qwen-bench-memory.xml').text.contains('<testcase name="minReduction[peakMinusIdle]"')
