import java.nio.file.Files
import java.nio.file.Path

def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
def engine = evaluate(new File(basedir, '../../../it/parent/engine-threads.groovy'))
// energy as Rapl reads it on this machine: from the package counter where it is readable, else why not
def powercap = Path.of('/sys/class/powercap')
def counter = powercap.resolve('intel-rapl:0/energy_uj')
assert result.suite == 'system'
def (baseline, candidate) = result.metrics.models
[baseline, candidate].each { m ->
    assert m.load == 'closed loop, 2 users, think time 0 ms'
    assert m.windows.size() >= 6 && m.windows.size() == baseline.windows.size()
    // each worker's 2 users call the engine at once, each with the declared intra-op threads
    assert m.intraOpThreads == engine.declared(result)
    m.windows.each { w -> assert w.completed > 0 && w.throughput > 0 && w.p99Millis > 0 && w.residentBytes > 0 && w.threads > 0 }
    assert m.errors == 0 && m.completed > 0
    assert m.cpuSecondsPerInference > 0
    // inference ran on the CPU: no GPU is sampled, whatever GPUs the machine has
    assert m.gpu == 'not applicable: inference ran on the CPU' && m.gpuUse == null
    if (!Files.isDirectory(powercap)) {
        assert m.energy.available == false && m.energy.source.startsWith('unavailable: /sys/class/powercap is absent')
        assert m.energy.joulesPerInference == 'NaN' && m.energy.inferencesPerJoule == 'NaN'
    } else if (!Files.isReadable(counter)) {
        assert m.energy.available == false
        assert m.energy.source.startsWith('unavailable: ' + counter + ' is missing or not readable')
        assert m.energy.joulesPerInference == 'NaN' && m.energy.inferencesPerJoule == 'NaN'
    } else {
        assert m.energy.available == true
        assert m.energy.source == counter.toString() + ' (whole CPU package, other processes included)'
        assert m.energy.joulesPerInference > 0
        assert Math.abs(m.energy.inferencesPerJoule * m.energy.joulesPerInference - 1) < 1e-9
    }
}
assert result.gates*.name == ['maxErrorRate', 'stableAsBaseline[throughputDrift]', 'stableAsBaseline[memoryGrowth]',
        'minThroughputRatio']
// the two workers took turns: each model's turns start after the other's
assert baseline.windows.size() == candidate.windows.size()
// the turns recorded the cores other processes left free: when 2 users x 1 thread did not fit, every gate but
// the error rate is INCONCLUSIVE because the machine was busy; else all pass
def conditions = result.metrics.conditions
assert conditions.callers == 2 && conditions.intraOpThreads == engine.declared(result)
result.gates.each { gate -> engine.assertGate(gate, gate.name == 'maxErrorRate' ? [callers: 1, intraOpThreads: 1,
        free: [cores: 1, busyElsewhere: 0, source: '/proc/stat over the turns']] : conditions, 'PASS') }
assert result.passed == !engine.busy(conditions)
assert log =~ /system: baseline [\d.]+ requests\/s, p99/
