// src/test/endpoints/run-its.sh killed the candidate's server a few seconds into the turns, and wrote when
def log = new File(basedir, 'build.log').text
def killedAt = new File(basedir, 'server-killed-at').text.trim() as long
def resultFile = new File(basedir, 'target/benchmark-results/system_benchmark_results.json')
def result = new groovy.json.JsonSlurper().parse(resultFile)
assert result.passed == false
def errorRate = result.gates.find { it.name == 'maxErrorRate' }
assert errorRate.verdict == 'FAIL' : result.gates
def candidate = result.metrics.models.find { it.role == 'candidate' }
def baseline = result.metrics.models.find { it.role == 'baseline' }
// the failed requests are counted, by kind, and none of them as a success
assert candidate.errors > 0 && candidate.errorRate > 0
assert candidate.errorMessages.keySet().every { it in ['connect', 'truncated', 'first-byte-timeout', 'idle-timeout', 'request-timeout', 'empty'] || it.startsWith('HTTP ') } : candidate.errorMessages
assert candidate.completed > 0 : 'the server answered before it was killed'
assert baseline.errors == 0
// the build ended within seconds of the kill, never hung
def seconds = (resultFile.lastModified() - killedAt) / 1000.0
println "results written ${seconds} s after the server was killed"
assert seconds < 30 : "results written ${seconds} s after the kill"
assert log =~ /gates failed: .*maxErrorRate/
assert log.contains('every request of turn') && log.contains('the load stops here')
assert result.metrics.stop.stoppedBecause.contains('every request of a turn of the candidate failed')
