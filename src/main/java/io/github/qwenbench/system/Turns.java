package io.github.qwenbench.system;

import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.stats.ConfidenceSequence;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.stats.SequentialComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * How the two system workers, each with its own model, take turns serving the load: one window
 * each, in pairs of turns ordered A B B A or B A A B by a coin seeded from the run's seed (A =
 * baseline; {@link PairOrder}), so that drift of a noisy machine hits both alike, while each model's memory growth stays its own process's. They coordinate through files in
 * a directory both can see: {@code ready-<role>} when warmed up, {@code turn-<k>.json} with the
 * throughput of turn k when it is done, and {@code stop} when the throughput ratio is decided or the
 * budget is spent. Both read the same files, so the stopping rule (the shared
 * {@link SequentialComparison}) gives both the same answer.
 */
final class Turns {

    /** The system property that tells a worker the directory of the turns. */
    static final String DIRECTORY_PROPERTY = SystemRunner.TURNS_PROPERTY;

    /**
     * What a turn file holds.
     *
     * @param busyElsewhere cores' worth of CPU that other processes (not this worker) used during the turn
     * @param cores the machine's cores
     */
    record Turn(String role, double throughput, long startEpochMillis, double busyElsewhere, int cores) {
    }

    private final Path directory;
    private final String role;
    private final String other;
    private final SystemSettings settings;
    private final long patienceNanos;
    private final PairOrder order;

    /**
     * @param longestRequest the longest one request may take (a served model's request timeout), or null when
     *        requests are the worker's own: a turn waits for its requests in flight, so the other worker's
     *        patience covers it
     */
    Turns(Path directory, String role, SystemSettings settings, long seed, Duration longestRequest) {
        this.order = order(seed);
        this.directory = directory;
        this.role = role;
        this.other = "baseline".equals(role) ? "candidate" : "baseline";
        this.settings = settings;
        long windowNanos = settings.windowMillis() * 1_000_000L;
        long patience = Math.max(60_000_000_000L, 20 * windowNanos);
        this.patienceNanos = longestRequest == null ? patience
                : Math.max(patience, longestRequest.toNanos() + 3 * windowNanos);
    }

    /** The order of the turns, the same in both workers. */
    static PairOrder order(long seed) {
        return PairOrder.forComparison(seed, "system");
    }

    /** Who serves turn k: the baseline first in pair k/2 when the order says so. */
    String owner(int k) {
        return (k % 2 == 0) == order.baselineFirst(k / 2) ? "baseline" : "candidate";
    }

    boolean mine(int k) {
        return role.equals(owner(k));
    }

    /** Says this worker is warmed up, and waits for the other. */
    void ready() throws BenchmarkSetupException {
        touch(directory.resolve("ready-" + role));
        await(directory.resolve("ready-" + other), "warm up");
    }

    /**
     * Waits until turn k may start; returns false when the comparison has stopped. At the start of a
     * pair, the owner decides whether to go on, with the shared stopping rule.
     */
    boolean awaitTurn(int k) throws BenchmarkSetupException {
        Path stop = directory.resolve("stop");
        long deadline = System.nanoTime() + patienceNanos;
        while (!Files.exists(stop) && k > 0 && !Files.exists(turnFile(k - 1))) {
            waitOrFail(deadline, "finish turn " + (k - 1));
        }
        if (Files.exists(stop)) {
            return false;
        }
        if (k % 2 == 0 && k > 0
                && comparison(k).stopNow(settings.minThroughputRatio(), settings.budget(), 0) != null) {
            touch(stop);
            return false;
        }
        return true;
    }

    /** Stops the comparison for both workers: the other sees it before its next turn. */
    void stop() throws BenchmarkSetupException {
        touch(directory.resolve("stop"));
    }

    /** Records turn k. */
    void done(int k, double throughput, long startEpochMillis, FreeCores free) throws BenchmarkSetupException {
        try {
            Json.writeAtomically(turnFile(k), new Turn(role, throughput, startEpochMillis, free.busyElsewhere(),
                    free.cores()));
        } catch (IOException e) {
            throw new BenchmarkSetupException("The system worker could not write " + turnFile(k) + ": " + e.getMessage(), e);
        }
    }

    /** The throughput ratio after the pairs before turn k (both models' turns of each pair). */
    private SequentialComparison comparison(int k) throws BenchmarkSetupException {
        SequentialComparison comparison = new SequentialComparison(ConfidenceSequence.Rule.MEDIAN, SystemSettings.CONFIDENCE);
        for (int pair = 0; pair < k / 2; pair++) {
            Turn first = read(2 * pair);
            Turn second = read(2 * pair + 1);
            Turn candidate = "candidate".equals(first.role()) ? first : second;
            Turn baseline = candidate == first ? second : first;
            comparison.add(candidate.throughput(), baseline.throughput());
        }
        return comparison;
    }

    /**
     * The cores other processes left free during the turns in {@code directory}, on average; each turn
     * measured by the worker serving it, less its own CPU.
     */
    static FreeCores freeDuring(Path directory) {
        double busy = 0;
        int turns = 0;
        int cores = Runtime.getRuntime().availableProcessors();
        for (int k = 0; Files.exists(directory.resolve("turn-" + k + ".json")); k++) {
            try {
                Turn turn = Json.mapper().readValue(directory.resolve("turn-" + k + ".json").toFile(), Turn.class);
                if (!Double.isNaN(turn.busyElsewhere())) {
                    busy += turn.busyElsewhere();
                    turns++;
                    cores = turn.cores();
                }
            } catch (IOException e) {
                break;
            }
        }
        return turns == 0 ? new FreeCores(cores, Double.NaN, "not measured: no turn recorded it")
                : new FreeCores(cores, busy / turns, "/proc/stat over " + turns + " turns, each less its worker's"
                        + " own CPU");
    }

    private Turn read(int k) throws BenchmarkSetupException {
        try {
            return Json.mapper().readValue(turnFile(k).toFile(), Turn.class);
        } catch (IOException e) {
            throw new BenchmarkSetupException("The system worker could not read " + turnFile(k) + ": " + e.getMessage(), e);
        }
    }

    private Path turnFile(int k) {
        return directory.resolve("turn-" + k + ".json");
    }

    private void await(Path file, String what) throws BenchmarkSetupException {
        long deadline = System.nanoTime() + patienceNanos;
        while (!Files.exists(file)) {
            waitOrFail(deadline, what);
        }
    }

    private void waitOrFail(long deadline, String what) throws BenchmarkSetupException {
        if (System.nanoTime() > deadline) {
            throw new BenchmarkSetupException("The " + other + " system worker did not " + what + " within "
                    + patienceNanos / 1_000_000_000L + " s: it died or hangs (its own error, if any, is reported"
                    + " with it).");
        }
        LockSupport.parkNanos(1_000_000);
    }

    private static void touch(Path file) throws BenchmarkSetupException {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new BenchmarkSetupException("The system worker could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
