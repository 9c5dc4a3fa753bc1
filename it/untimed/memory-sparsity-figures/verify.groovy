def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/memory_benchmark_results.json'))
def (baseline, candidate) = result.metrics.capacity
assert baseline.role == 'baseline' && baseline.bytes == 17824 && baseline.tensors == 6
assert Math.abs(candidate.sparsity - 0.48833) < 1e-4
assert candidate.byDtype.find { it.dtype == 'qint8' }.zeros == 2176
assert candidate.perTensor.findAll { it.kind == 'packed' && it.dtype == 'qint8' }.every { Math.abs(it.zeros / it.elements - 0.5) < 1e-9 }
assert Math.abs(result.metrics.parameterRatio - (4352 + 416) / 17824.0) < 1e-9
assert result.gates.find { it.name == 'minSparsity[candidate]' }.verdict == 'PASS'
assert result.gates.find { it.name == 'maxParameterRatio' }.verdict == 'PASS'
assert log =~ /candidate tensors 0\.00 MiB, 48\.83% zeros; compression 3\.74x/
