def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/' + name)) }
assert log.contains('[ERROR] accuracy: gradientFlow[candidate] is')
assert log.contains('layers.0.post_attention_layernorm.weight')
def result = slurp('accuracy_benchmark_results.json')
assert result.gates.find { it.name == 'gradientFlow[baseline]' }.passed == true
assert result.metrics.gradientFlow[0].parameters == 57
