def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] performance: minSpeedup is inconclusive because the model's cost leaves too few pairs in the time ceiling: .*the 100000 pairs of four 1-inference blocks that can decide need about [\d.]+ s, but its share of the performance ceiling is 2\.0 s; nothing was measured\. To decide, raise <performance><maxDuration>/
assert log.contains('1 of 1 gates were inconclusive: minSpeedup')
assert log.contains('-Dqwen-bench.onInconclusive=warn turns this into a warning')
assert !log.contains('fix the candidate')
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/performance_benchmark_results.json'))
assert result.passed == false
assert result.gates[0].verdict == 'INCONCLUSIVE'
assert result.gates[0].undecided == 'COST'
assert result.metrics.stop.decided == false && result.metrics.stop.reason == 'TOO_COSTLY'
def xml = new File(basedir, 'target/benchmark-results/TEST-qwen-bench-performance.xml').text
assert xml.contains('errors="1"') && xml.contains('failures="0"') && xml.contains('<error message="minSpeedup is inconclusive')
