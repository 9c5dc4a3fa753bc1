// the versions the plugin's pom declares, not this machine's
def pluginPom = new groovy.xml.XmlSlurper().parse(new File(basedir, '../../../../pom.xml'))
def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/' + name)) }
def result = slurp('accuracy_benchmark_results.json')
assert result.suite == 'accuracy'
assert result.passed == true
assert result.startedAt && result.durationMillis > 0
assert result.system.engine == 'PyTorch' && result.system.djlVersion == pluginPom.properties.'djl.version'.text()
assert result.models*.role == ['baseline', 'candidate']
assert result.models.every { it.sha256 ==~ /[0-9a-f]{64}/ && it.bytes > 0 }
assert result.config.seed == 42 && result.config.accuracy.samples == 4
def names = result.gates*.name
assert names.containsAll(['maxRelativeError[output0]', 'minCosineSimilarity[output0]', 'finiteOutputs[output0]',
        'minTop1Agreement[output0]', 'minGenerationAgreement', 'maxRepeatDifference[baseline]'])
assert result.gates.every { it.passed && it.comparison in ['<=', '>='] }
def logits = result.metrics.outputs[0]
assert logits.worstRelativeL2Error > 0 && logits.worstRelativeL2Error < 0.01
assert result.metrics.generation.sequences == 4
assert !new File(basedir, 'target/benchmark-results/all_benchmark_results.json').exists()
assert log =~ /All \d+ gates passed/
assert log.contains('BUILD SUCCESS')
