def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] comparison: noRegression\[accuracy\.worstRelativeL2Error\[output0\]\] is 0\.00\d+, but expected maximum is 0\.00105 \(previous run 0\.001, tolerance 5%\)/
assert log =~ /\[INFO\] comparison\s+noRegression\[accuracy\.worstCosineSimilarity\[output0\]\]\s+0\.99\d+\s+>= 0\.9\d+\s+PASS/
def results = new File(basedir, 'target/benchmark-results')
def comparison = new groovy.json.JsonSlurper().parse(new File(results, 'comparison_benchmark_results.json'))
assert comparison.passed == false && comparison.gates.size() == 2
assert new groovy.json.JsonSlurper().parse(new File(results, 'accuracy_benchmark_results.json')).passed == true
assert new File(results, 'TEST-qwen-bench-comparison.xml').text.contains('failures="1"')
assert new File(results, 'index.html').text.contains('noRegression[accuracy.worstRelativeL2Error[output0]]')
def history = new File(basedir, 'target/qwen-bench-history.jsonl').readLines()
assert history.size() == 1
def line = new groovy.json.JsonSlurper().parseText(history[0])
assert line.figures['accuracy.worstRelativeL2Error[output0]'] > 0 && line.containsKey('commit')
