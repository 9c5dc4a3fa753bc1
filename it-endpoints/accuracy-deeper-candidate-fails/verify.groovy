def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json'))
assert result.passed == false
assert result.gates*.name == ['minGenerationAgreement']
def gate = result.gates[0]
assert gate.verdict == 'FAIL' && gate.actual < 0.9
assert gate.detail.contains('3 answers of at most 8 tokens')
def m = result.metrics
assert m.generation.sequences == 3 && m.generation.exactMatchRate < 1
// the conversations with reference answers are scored, and shown with both answers
assert m.task.items == 2 && m.task.perItem.every { it.baselineAnswer != null && it.candidateAnswer != null }
assert m.outputs.isEmpty() && m.stability.isEmpty()
assert log =~ /gates failed: minGenerationAgreement/
