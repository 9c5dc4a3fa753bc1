def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] system: maxErrorRate is 0\.\d+, but expected maximum is 0 \(\d+ of \d+ requests failed: \{builtins\.RuntimeError: flaky\.pt rejects inputs whose sum exceeds 33\.5=\d+\}\)/
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
def candidate = result.metrics.models[1]
assert candidate.errors > 0 && candidate.completed > 0
assert candidate.windows.size() == 6
assert result.metrics.models[0].errors == 0
