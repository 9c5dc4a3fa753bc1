def results = new File(basedir, 'target/benchmark-results')
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(results, name)) }
def performance = slurp('performance_benchmark_results.json')
def accuracy = slurp('accuracy_benchmark_results.json')
assert performance.passed == false && accuracy.passed == true
assert performance.runId ==~ /\d{8}-\d{6}-\d{3}/ && accuracy.runId ==~ /\d{8}-\d{6}-\d{3}/
assert performance.runId != accuracy.runId : 'two mvn invocations are two runs'

// the accuracy run and the report goal left the failed run's JUnit XML as it was
def performanceXml = new File(results, 'TEST-qwen-bench-performance.xml')
assert performanceXml.text.contains('<property name="runId" value="' + performance.runId + '"/>')
assert performanceXml.lastModified() <= new File(results, 'accuracy_benchmark_results.json').lastModified()
assert new File(results, 'TEST-qwen-bench-accuracy.xml').text.contains('value="' + accuracy.runId + '"')

def html = new File(results, 'index.html').text
assert html.contains('<div class="banner pass">PASSED: all ' + accuracy.gates.size() + ' gates in 1 suite (accuracy)</div>')
assert !html.contains('banner fail')
assert html.contains('performance: from an earlier run (run ' + performance.runId)
assert html.contains('<section class="stale"><h2 id="performance">')
