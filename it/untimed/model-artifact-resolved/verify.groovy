def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json'))
def baseline = result.models[0]
assert baseline.source == '<baseline><artifact>io.github.qwenbench.it.models:large-fp32:1.0:zip</artifact>'
assert baseline.path.endsWith('target/qwen-bench/models/baseline/large-fp32.pt')
assert baseline.bytes > 60 * 1024 * 1024
assert result.models[1].sha256 == baseline.sha256
assert result.passed == true
assert result.metrics.outputs[0].worstRelativeL2Error == 0
