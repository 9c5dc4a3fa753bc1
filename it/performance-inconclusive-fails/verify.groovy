def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] performance: minSpeedup is inconclusive: its interval \[[\d.]+, ([\d.]+|inf)\] still contains the expected minimum 1 after the measuring budget was spent/
assert log.contains('1 of 1 gates were inconclusive: minSpeedup')
assert log.contains('-Dqwen-bench.onInconclusive=warn turns this into a warning')
assert !log.contains('fix the candidate')
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/performance_benchmark_results.json'))
assert result.passed == false
assert result.gates[0].verdict == 'INCONCLUSIVE'
assert result.metrics.stop.decided == false && result.metrics.stop.stoppedBecause == 'pair budget spent'
def xml = new File(basedir, 'target/benchmark-results/TEST-qwen-bench-performance.xml').text
assert xml.contains('errors="1"') && xml.contains('failures="0"') && xml.contains('<error message="minSpeedup is inconclusive')
