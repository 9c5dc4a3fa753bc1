package io.github.qwenbench.worker;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Launchers that fork real worker JVMs with the tests' own classpath. */
public final class TestLaunchers {

    private TestLaunchers() {
    }

    /** A launcher whose relayed progress and warnings go to {@code info}. */
    public static WorkerLauncher launcher(Path work, List<String> jvmArgs, Duration timeout, Consumer<String> info) {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        return new WorkerLauncher(classpath, jvmArgs, timeout, work, new WorkerLog() {
            @Override
            public void info(String line) {
                info.accept(line);
            }

            @Override
            public void warn(String line) {
                info.accept(line);
            }

            @Override
            public void debug(String line) {
            }
        });
    }
}
