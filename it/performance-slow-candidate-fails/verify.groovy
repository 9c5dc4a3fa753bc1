def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] performance: minSpeedup is 0\.\d+ \[0\.\d+, 0\.\d+\], but expected minimum is 1 \(baseline\/candidate latency, the median over \d+ pairs of four interleaved \d+-inference blocks with one-sided anytime-valid bounds \(each side's error at most 5%\), decided\)/
assert log.contains('MojoFailureException')
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/performance_benchmark_results.json'))
assert result.passed == false
assert result.gates[0].verdict == 'FAIL'
assert result.metrics.speedup.upper < 1.0
