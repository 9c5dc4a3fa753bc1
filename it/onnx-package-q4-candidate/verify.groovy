def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/' + name)) }

// generation ran both packages over their own caches, in ONNX Runtime, and recorded what ran them
def generation = slurp('generation_benchmark_results.json')
assert generation.passed == true
assert generation.models*.engine == ['onnx-package', 'onnx-package']
assert generation.models*.variant == ['fp32', 'q4']
generation.models.each { m ->
    assert m.runtime.startsWith('ONNX Runtime 1.23.2 on cpu (') && m.runtime.contains('session.intra_op.allow_spinning=0')
}
assert generation.models[1].bytes < generation.models[0].bytes
assert generation.metrics.decoding.startsWith('kv-cache') && generation.metrics.decoding.contains('package')
assert generation.metrics.answers.size() == 3
generation.metrics.models.each { m -> assert m.timeToFirstToken.p50Millis > 0 && m.tokensPerSecond > 0 }
assert log.contains('generation: the baseline runs in ONNX Runtime 1.23.2')
assert log.contains('generation: the candidate runs in ONNX Runtime 1.23.2')

// the system suite served whole answers to three users in one continuous batch over each package's cache
def system = slurp('system_benchmark_results.json')
system.metrics.models.each { m ->
    assert m.load.contains('answers in one continuous batch of up to 3')
    assert m.errors == 0 && m.completed > 0
    def g = m.generation
    assert g.serving == 'continuous-batching' && g.decoding.contains('package')
    assert g.tokens >= m.completed && g.tokens <= 6 * m.completed
    assert g.largestBatch >= 2 && g.meanBatchSize > 1
}
assert system.gates.find { it.name == 'maxErrorRate' }.verdict == 'PASS'
assert system.gates.find { it.name == 'minThroughputRatio' } == null
assert system.metrics.throughputRatio.estimate > 0

// accuracy compared the prefill's logits and found the 4-bit weights' error
def accuracy = slurp('accuracy_benchmark_results.json')
assert accuracy.passed == false
def error = accuracy.gates.find { it.name == 'maxRelativeError[logits]' }
assert error.passed == false && error.actual > 0.01
assert accuracy.gates.find { it.name == 'maxRepeatDifference[baseline]' }.passed == true
assert log =~ /\d+ of \d+ gates failed: maxRelativeError\[logits\]/
// and the logits of every decode step, both packages fed the baseline's greedy tokens (3 samples x 4 steps)
def steps = accuracy.metrics.outputs.find { it.output == 'decode-step logits' }
assert steps != null && steps.samples == 12 : accuracy.metrics.outputs*.output
assert accuracy.gates.find { it.name == 'maxRelativeError[decode-step logits]' }.actual > 0
assert log.contains('logits of 4 decode steps, both packages fed the baseline')

def junit = new File(basedir, 'target/benchmark-results/TEST-qwen-bench-generation.xml').text
assert junit.contains('ONNX package, variant q4: ONNX Runtime 1.23.2')
