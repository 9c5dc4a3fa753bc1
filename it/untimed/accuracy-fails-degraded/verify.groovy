def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/' + name)) }
assert log.contains('[ERROR] accuracy: maxRelativeError[output0] is 0.')
assert log.contains('but expected maximum is 0.01')
assert log.contains('[ERROR] accuracy: minCosineSimilarity[output0] is 0.')
assert log.contains('MojoFailureException')
assert log =~ /\d+ of \d+ gates failed: maxRelativeError\[output0\]/
def result = slurp('accuracy_benchmark_results.json')
assert result.passed == false
assert result.gates.find { it.name == 'maxRelativeError[output0]' }.passed == false
