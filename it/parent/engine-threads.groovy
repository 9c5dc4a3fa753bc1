// What a suite's engine threads and busy verdicts must be on whatever machine runs the IT, from what its
// result records. The threads are declared, never fitted to the load: the pom's engine/intraOpThreads per
// calling thread, else 1 (a thread-scaling point forces its own). Each comparison records its conditions:
// the callers, the intra-op threads, and the cores other processes left free while it was measured; where
// they did not fit (free + 0.25 < min(callers x threads, cores)), its gates are INCONCLUSIVE as busy. The
// rules are those of io.github.qwenbench.plan.EngineSettings, model.EngineThreads and host.RunConditions.
// A verify.groovy loads it with evaluate(new File(basedir, '../../../it/parent/engine-threads.groovy')).

/** The intra-op threads of each calling thread: the pom's, else 1. */
def declared = { result ->
    def configured = result.config.engine.intraOpThreads
    int threads = configured != null ? configured : 1
    assert threads >= 1
    threads
}

/** Whether recorded conditions did not fit the cores other processes left free (then the gates are busy). */
def busy = { conditions ->
    int cores = conditions.free.cores
    double elsewhere = conditions.free.busyElsewhere instanceof Number ? conditions.free.busyElsewhere : Double.NaN
    double free = Double.isNaN(elsewhere) ? cores : Math.max(0, cores - elsewhere)
    int needed = Math.min(conditions.callers * conditions.intraOpThreads, cores)
    assert conditions.free.source.startsWith('/proc/stat over') : conditions.free.source
    free + 0.25 < needed
}

/**
 * Asserts a gate measured under {@code conditions}: INCONCLUSIVE because the machine was busy exactly when
 * they did not fit, with the reason in its message; else {@code expected} (PASS or FAIL).
 */
def assertGate = { gate, conditions, String expected ->
    if (busy(conditions)) {
        assert gate.verdict == 'INCONCLUSIVE' && gate.undecided == 'BUSY' : gate
        assert gate.detail.contains('the machine was busy: ') : gate.detail
    } else {
        assert gate.verdict == expected : gate
    }
}

[declared: declared, busy: busy, assertGate: assertGate]
