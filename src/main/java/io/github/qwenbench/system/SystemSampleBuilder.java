package io.github.qwenbench.system;

import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.LinearFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One model's {@link SystemSample}, built turn by turn: each turn becomes a window ({@link #addTurn}),
 * and at the end ({@link #build}) the windows give the drift and the memory growth, the turns' CPU time
 * and energy give the cost per request, and the requests' outcomes give the totals.
 */
final class SystemSampleBuilder {

    private static final long HIGHEST_NANOS = 3_600_000_000_000L;

    private final String role;
    private final String load;
    private final int intraOpThreads;
    private final long windowMillis;
    private final List<SystemSample.Window> windows = new ArrayList<>();
    private final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    private final List<GpuUse.Turn> gpuTurns = new ArrayList<>();
    private long firstEpochMillis;
    private double seconds;
    private long cpuNanos;
    private long microjoules;

    /**
     * @param role baseline or candidate
     * @param load the load, in words ({@link SystemSample#load()})
     * @param intraOpThreads the engine's intra-op threads during the load
     * @param windowMillis the length of a window, which the last one adds to the run's span
     */
    SystemSampleBuilder(String role, String load, int intraOpThreads, long windowMillis) {
        this.role = role;
        this.load = load;
        this.intraOpThreads = intraOpThreads;
        this.windowMillis = windowMillis;
    }

    /** Adds a turn: what it served, and what it cost; returns its window. */
    SystemSample.Window addTurn(LoadGenerator.Served served, TurnMeter.Cost cost) {
        if (windows.isEmpty()) {
            firstEpochMillis = cost.epochMillis();
        }
        Histogram turnLatency = served.latency();
        latency.add(turnLatency);
        gpuTurns.add(new GpuUse.Turn(cost.fromMillis(), cost.toMillis(), served.completed()));
        cpuNanos += cost.cpuNanos();
        microjoules += cost.microjoules();
        seconds += cost.seconds();
        SystemSample.Window window = new SystemSample.Window((cost.epochMillis() - firstEpochMillis) / 1000.0,
                served.completed(), served.failed(), served.throughputCount() / cost.seconds(),
                percentileMillis(turnLatency, 50), percentileMillis(turnLatency, 99), cost.processCpuPercent(),
                cost.machineCpuPercent(), cost.residentBytes(), cost.threads(), cost.loadAverage(),
                served.queueDepth());
        windows.add(window);
        return window;
    }

    /** The turns added so far. */
    int turns() {
        return windows.size();
    }

    /**
     * The sample, once the last turn is added and {@code gpu} is closed.
     *
     * @param requests what the requests came to over the turns
     * @param gpu the GPU sampled over the turns, or why not
     * @param energyUnavailableReason why RAPL could not be read ({@link TurnMeter#energyUnavailableReason()}),
     *     or null when it was
     */
    SystemSample build(RequestOutcomes requests, GpuWatch gpu, String energyUnavailableReason) {
        GpuUse gpuUse = gpu.summarize(gpuTurns);
        long done = requests.completed();
        long failed = requests.failed();
        SystemSample.Generation generation = requests.generation(seconds);
        long startRss = windows.isEmpty() ? 0 : windows.get(0).residentBytes();
        long endRss = windows.isEmpty() ? 0 : windows.get(windows.size() - 1).residentBytes();
        return new SystemSample(role, load, seconds, done, failed,
                done + failed == 0 ? Double.NaN : (double) failed / (done + failed), requests.errorMessages(),
                requests.dropped(), (generation == null ? done : generation.tokens()) / seconds,
                LatencySummary.of(latency), windows, drift(), largestWindowDeviation(), startRss, endRss,
                endRss - startRss, startRss == 0 ? Double.NaN : (double) (endRss - startRss) / startRss,
                done == 0 ? Double.NaN : cpuNanos / 1e9 / done, energy(energyUnavailableReason, done, gpuUse),
                gpu.status(), intraOpThreads, gpuUse,
                generation == null ? SystemSample.REQUESTS_PER_SECOND : SystemSample.TOKENS_PER_SECOND, generation,
                requests.goodput(seconds), null);
    }

    private static double percentileMillis(Histogram latency, double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
    }

    private double[] throughputs() {
        return windows.stream().mapToDouble(SystemSample.Window::throughput).toArray();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The slope of window throughput over the run, times the run's span, over the mean throughput. */
    private double drift() {
        double[] t = windows.stream().mapToDouble(SystemSample.Window::startSeconds).toArray();
        double[] throughput = throughputs();
        double span = windows.isEmpty() ? Double.NaN
                : windows.get(windows.size() - 1).startSeconds() + windowMillis / 1000.0;
        return LinearFit.of(t, throughput).slope() * span / mean(throughput);
    }

    /** The largest |window - mean| / mean of window throughput. */
    private double largestWindowDeviation() {
        double[] throughput = throughputs();
        double mean = mean(throughput);
        return Arrays.stream(throughput).map(v -> Math.abs(v - mean) / mean).max().orElse(Double.NaN);
    }

    /** From RAPL where it could be read, else from the GPU's power where it was sampled, else why neither. */
    private SystemSample.Energy energy(String raplMissing, long done, GpuUse gpuUse) {
        if (raplMissing == null) {
            return raplEnergy(done);
        }
        if (gpuUse != null && !Double.isNaN(gpuUse.joulesPerInference())) {
            return gpuUse.energy();
        }
        return new SystemSample.Energy(false, raplMissing, Double.NaN, Double.NaN);
    }

    private SystemSample.Energy raplEnergy(long done) {
        if (microjoules <= 0 || done == 0) {
            return new SystemSample.Energy(false, "unavailable: " + Rapl.source() + " gave no usable reading",
                    Double.NaN, Double.NaN);
        }
        double joules = microjoules / 1e6 / done;
        return new SystemSample.Energy(true, Rapl.source() + " (whole CPU package, other processes included)",
                joules, 1 / joules);
    }
}
