def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
assert result.suite == 'system' && result.passed == true
def (baseline, candidate) = result.metrics.models
[baseline, candidate].each { m ->
    assert m.load == 'closed loop, 2 users, think time 0 ms'
    assert m.windows.size() >= 6 && m.windows.size() == baseline.windows.size()
    assert m.intraOpThreads == Math.max(1, (int) (Runtime.runtime.availableProcessors() / 2))
    m.windows.each { w -> assert w.completed > 0 && w.throughput > 0 && w.p99Millis > 0 && w.residentBytes > 0 && w.threads > 0 }
    assert m.errors == 0 && m.completed > 0
    assert m.cpuSecondsPerInference > 0
    assert m.energy.available == false && m.energy.source.startsWith('unavailable: /sys/class/powercap is absent')
}
assert result.gates*.name == ['maxErrorRate', 'stableAsBaseline[throughputDrift]', 'stableAsBaseline[memoryGrowth]',
        'minThroughputRatio']
// the two workers took turns: each model's turns start after the other's
assert baseline.windows.size() == candidate.windows.size()
assert log =~ /system: baseline [\d.]+ requests\/s, p99/
