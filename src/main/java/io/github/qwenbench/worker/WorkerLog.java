package io.github.qwenbench.worker;

/** Where the worker's output goes: Maven's log on the Maven side. */
public interface WorkerLog {

    void info(String line);

    void warn(String line);

    void debug(String line);
}
