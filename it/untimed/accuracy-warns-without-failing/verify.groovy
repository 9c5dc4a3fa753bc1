def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/' + name)) }
assert log.contains('[WARNING] accuracy: maxRelativeError[output0] is 0.')
assert log.contains('(failOnViolation=false: the build goes on)')
assert log.contains('BUILD SUCCESS')
assert slurp('accuracy_benchmark_results.json').passed == false
