def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/memory_benchmark_results.json'))
assert result.suite == 'memory' && result.passed == true
def m = result.metrics
assert m.samples.size() == 10
assert m.samples*.role.take(4) == ['baseline', 'candidate', 'candidate', 'baseline']
def (baseline, candidate) = m.models
assert baseline.repetitions == 5 && candidate.repetitions == 5
// 64 MiB of fp32 weights against 16 MiB of int8 weights
assert baseline.footprint.median > 48 * 1024 * 1024
assert candidate.footprint.median < baseline.footprint.median
assert m.peakMinusIdle.lower >= 0.15 && m.peakMinusIdle.ratio.pairs == 5
assert result.gates[0].verdict == 'PASS'
assert baseline.peak.median >= baseline.afterLoad.median
assert m.bandwidth.machineBytesPerSecond > 0 && m.bandwidth.models[0].fractionOfMachine > 0
assert m.gpu.startsWith('not applicable')
assert m.source.contains('/proc/self/status')
assert result.gates*.name == ['minReduction[peakMinusIdle]', 'maxLeakBytesPerInference[candidate]']
// maxReduction is off by default: a 4x smaller int8 model is the flagship case, not a broken export
assert !log.contains('more than maxReduction')
assert log.contains('baseline #1: idle') && log.contains('candidate #2: after load')
assert new File(basedir, 'target/benchmark-results/TEST-qwen-bench-memory.xml').text.contains('<testcase name="minReduction[peakMinusIdle]"')
