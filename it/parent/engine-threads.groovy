// What a suite's engine threads must be on whatever machine runs the IT, from what its result records:
// the free cores Maven's probe measured just before the suite (handed to the worker as
// -Dqwen-bench.freeCores=<cores>/<busy elsewhere>, which the result's system.jvmArguments keep), the
// engine's own intra-op threads (system.intraOpThreads, read before any point adjusts them) and the
// pom's engine/intraOpThreads (config.engine.intraOpThreads). The rules are those of
// io.github.qwenbench.host.FreeCores, plan.EngineSettings and model.EngineThreads.
// A verify.groovy loads it with evaluate(new File(basedir, '../../../it/parent/engine-threads.groovy')).

def prefix = '-Dqwen-bench.freeCores='

/** [cores, busy, free] as the worker read them: free = max(1, round(cores - busy)), all cores when busy is unknown. */
def probe = { result ->
    def argument = result.system.jvmArguments.find { it.startsWith(prefix) }
    assert argument != null : 'the worker was not told the free cores: ' + result.system.jvmArguments
    def (coresText, busyText) = argument.substring(prefix.length()).split('/') as List
    int cores = coresText as int
    double busy = Double.parseDouble(busyText)
    int free = Double.isNaN(busy) ? cores : Math.max(1, (int) Math.round(cores - busy))
    assert cores >= 1 && free >= 1 && free <= cores
    [cores: cores, busy: busy, free: free]
}

/** The engine's threads when no point sets them: the pom's, else the engine's own. */
def engineThreads = { result ->
    def configured = result.config.engine.intraOpThreads
    int threads = configured != null ? configured : result.system.intraOpThreads
    assert threads >= 1
    threads
}

/**
 * The intra-op threads of a point or run with {@code callers} threads calling the engine at once: the pom's
 * setting when there is one; else the engine's own, unless callers times that oversubscribes the free
 * cores, then max(1, free / callers).
 */
def fitted = { result, int callers ->
    def configured = result.config.engine.intraOpThreads
    if (configured != null) {
        return configured as int
    }
    int own = result.system.intraOpThreads
    int free = probe(result).free
    callers * own <= free ? own : Math.max(1, free.intdiv(callers))
}

/** Whether {@code busyThreads} threads wanting a core at once exceed the free cores (reported, not gated). */
def contended = { result, int busyThreads -> busyThreads > probe(result).free }

/** The warning of callers that alone exceed the free cores, as EngineSettings.oversubscription words it. */
def contentionWarning = { result, String where, int callers ->
    String.format(Locale.ROOT, "%s: %d threads on %d free cores compete for the CPU whatever the engine's threads;"
            + ' its figures measure contention', where, callers, probe(result).free)
}

/**
 * Asserts the warnings of EngineThreads.apply for every (where, callers) it was called with: the contention
 * warning exactly where the callers exceed the free cores; the fitting warning exactly when, with the pom's
 * threads unset, some call that was not contended had its callers times the engine's threads oversubscribe
 * free cores that other processes had made fewer than all.
 */
def assertApplyWarnings = { result, Map<String, Integer> calls ->
    def p = probe(result)
    calls.each { where, callers ->
        def said = result.warnings.findAll { it.startsWith(where + ': ' + callers + ' threads on ') }
        assert said == (callers > p.free ? [contentionWarning(result, where, callers)] : []) : "free cores $p.free"
    }
    def configured = result.config.engine.intraOpThreads
    int own = result.system.intraOpThreads
    boolean fittedBelowOwn = configured == null && p.free < p.cores
            && calls.values().any { callers -> callers <= p.free && callers * own > p.free }
    def fitting = String.format(Locale.ROOT, "other processes kept %.1f of %d cores busy before the suite, so the"
            + " engine's intra-op threads were fitted to the %d free core(s) instead of the engine's %d",
            p.busy, p.cores, p.free, own)
    def said = result.warnings.findAll { it.startsWith('other processes kept ') }
    assert said.size() == (fittedBelowOwn ? 1 : 0) && said.every { it.startsWith(fitting) } : "expected $fitting"
}

[probe: probe, engineThreads: engineThreads, fitted: fitted, contended: contended,
 contentionWarning: contentionWarning, assertApplyWarnings: assertApplyWarnings]
