package io.github.qwenbench.plugin;

import io.github.qwenbench.worker.WorkerLog;
import org.apache.maven.plugin.logging.Log;

/** Relays the worker's output through Maven's log. */
final class MavenWorkerLog implements WorkerLog {

    private final Log log;

    MavenWorkerLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }

    @Override
    public void debug(String line) {
        log.debug(line);
    }
}
