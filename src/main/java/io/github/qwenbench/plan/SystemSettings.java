package io.github.qwenbench.plan;

import io.github.qwenbench.stats.ConfidenceSequence;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.Locale;

/**
 * Validated system settings.
 *
 * @param users virtual users (closed loop) or serving threads (open loop)
 * @param thinkTimeMillis pause between a user's requests
 * @param durationMillis how long each model serves the load at least
 * @param maxDurationMillis how long each model serves the load at most, while the ratio is undecided
 * @param arrivalRate requests per second of the open loop, or 0 for a closed loop
 * @param windowMillis stability window, and the length of each model's turn
 * @param maxErrorRate gate
 * @param stabilityFactor no longer used by any gate (kept so that existing poms load)
 * @param driftFloor the largest |relative change| of the paired throughput ratio over the run
 * @param stabilityAlpha the level of the drift and memory-growth tests
 * @param maxThroughputDrift absolute gate, or null when off
 * @param maxMemoryGrowthFraction floor of the growth gate as a share of the starting resident memory, or NaN
 *        when given in bytes
 * @param maxMemoryGrowthBytes floor of the growth gate in bytes, or -1 when given as a share
 * @param maxP99LatencyMillis gate, or null when off
 * @param minThroughputRatio gate, or NaN when off (the ratio is measured for {@code durationMillis} and
 *        reported with its interval, not gated)
 * @param serving what one request is, and how it is served
 * @param latencyObjectiveMillis the latency within which a request counts as goodput, or 0 for no goodput figure
 */
public record SystemSettings(int users, long thinkTimeMillis, long durationMillis, long maxDurationMillis,
        double arrivalRate, long windowMillis, double maxErrorRate, double stabilityFactor, double driftFloor,
        double stabilityAlpha, Double maxThroughputDrift, double maxMemoryGrowthFraction, long maxMemoryGrowthBytes,
        Double maxP99LatencyMillis, double minThroughputRatio, Serving serving, long latencyObjectiveMillis) {

    /** The confidence of the throughput-ratio interval. */
    public static final double CONFIDENCE = 0.95;

    /** What one request of the load is. */
    public enum Serving {
        /** One forward pass of a sample; throughput in requests per second. */
        REQUESTS("requests"),
        /** A whole greedy answer to a conversation, each user's decoded alone; throughput in tokens per second. */
        ONE_AT_A_TIME("one-at-a-time"),
        /** A whole greedy answer, decoded with the others in one running batch; throughput in tokens per second. */
        CONTINUOUS_BATCHING("continuous-batching");

        private final String setting;

        Serving(String setting) {
            this.setting = setting;
        }

        /** The value of {@code <system><serving>}. */
        public String setting() {
            return setting;
        }

        /** Whether a request is a generated answer, and throughput counts tokens. */
        public boolean generates() {
            return this != REQUESTS;
        }

        static Serving of(String text) throws BenchmarkSetupException {
            String t = text == null ? "requests" : text.trim();
            for (Serving s : values()) {
                if (s.setting.equals(t)) {
                    return s;
                }
            }
            throw new BenchmarkSetupException("system/serving is '" + text + "': use requests (one forward pass per"
                    + " request), one-at-a-time (a whole answer per request, decoded alone) or continuous-batching"
                    + " (answers decoded together in a running batch; needs models with a key/value cache).");
        }
    }

    public boolean openLoop() {
        return arrivalRate > 0;
    }

    /** Whether the throughput ratio is gated (else measured and reported only). */
    public boolean throughputGated() {
        return !Double.isNaN(minThroughputRatio);
    }

    /**
     * The turns budget: one pair is one window of each model. Ungated, the run lasts
     * {@code durationMillis}: there is nothing to decide.
     */
    public SequentialComparison.Budget budget() {
        int first = (int) Math.max(2, durationMillis / windowMillis);
        return new SequentialComparison.Budget(first, throughputGated()
                ? (int) Math.max(2, maxDurationMillis / windowMillis) : first, null);
    }

    public static SystemSettings from(SystemConfig config) throws BenchmarkSetupException {
        SystemConfig c = config != null ? config : new SystemConfig();
        int users = Thresholds.atLeast("system/users", c.users, 1);
        java.time.Duration think = "0".equals(c.thinkTime) || "0ms".equals(c.thinkTime) || c.thinkTime == null
                ? java.time.Duration.ZERO : Thresholds.duration("system/thinkTime", c.thinkTime);
        java.time.Duration duration = Thresholds.duration("system/duration", c.duration);
        java.time.Duration window = Thresholds.duration("system/window", c.window);
        if (duration == null || window == null) {
            throw new BenchmarkSetupException("system/duration and system/window need values, e.g. 10s and 1s.");
        }
        if (duration.toMillis() < 2 * window.toMillis()) {
            throw new BenchmarkSetupException("system/duration (" + c.duration + ") must span at least two"
                    + " windows of system/window (" + c.window + ") to show any drift.");
        }
        java.time.Duration maxDuration = c.maxDuration == null ? duration
                : Thresholds.duration("system/maxDuration", c.maxDuration);
        if (maxDuration.compareTo(duration) < 0) {
            throw new BenchmarkSetupException("system/maxDuration (" + c.maxDuration + ") is shorter than"
                    + " system/duration (" + c.duration + "): raise it, or set it equal to measure a fixed time.");
        }
        Double rate = Thresholds.number("system/arrivalRate", c.arrivalRate, 0.001, 1e6);
        java.time.Duration objective = Thresholds.duration("system/latencyObjective", c.latencyObjective);
        if (objective != null && objective.isZero()) {
            throw new BenchmarkSetupException("system/latencyObjective is 0: no request completes within it. Give"
                    + " the latency a request must keep to count as goodput, e.g. 2s, or leave it empty.");
        }
        Double errors = Thresholds.fraction("system/maxErrorRate", c.maxErrorRate, 0, 1);
        Double drift = Thresholds.fraction("system/maxThroughputDrift", c.maxThroughputDrift, 0, 10);
        boolean ratioOff = c.minThroughputRatio != null && "off".equalsIgnoreCase(c.minThroughputRatio.trim());
        Double ratio = ratioOff ? Double.valueOf(Double.NaN)
                : Thresholds.number("system/minThroughputRatio", c.minThroughputRatio, 0.01, 100);
        Double factor = Thresholds.number("system/stabilityFactor", c.stabilityFactor, 1, 100);
        Double driftFloor = Thresholds.fraction("system/driftFloor", c.driftFloor, 0, 10);
        Double alpha = Thresholds.fraction("system/stabilityAlpha", c.stabilityAlpha, 0.001, 0.2);
        if (errors == null || ratio == null || factor == null || driftFloor == null || alpha == null) {
            throw new BenchmarkSetupException("system/maxErrorRate, minThroughputRatio, stabilityFactor, driftFloor"
                    + " and stabilityAlpha need values.");
        }
        int canDecide = ConfidenceSequence.minimumPairs(CONFIDENCE);
        long most = maxDuration.toMillis() / window.toMillis();
        if (!ratioOff && most < canDecide) {
            throw new BenchmarkSetupException(String.format(Locale.ROOT, "system/maxDuration (%s) holds %d turns of"
                    + " system/window (%s) per model, but the throughput ratio can decide nothing before %d pairs of"
                    + " turns: raise maxDuration to %s or more, shorten the window, or set minThroughputRatio to off"
                    + " to measure the ratio without gating it.", Thresholds.spelled(maxDuration), most, c.window,
                    canDecide, Thresholds.spelled(window.multipliedBy(canDecide))));
        }
        double growthFraction = Double.NaN;
        long growthBytes = -1;
        String growth = c.maxMemoryGrowth == null ? "10%" : c.maxMemoryGrowth.trim();
        if (growth.endsWith("%")) {
            growthFraction = Thresholds.fraction("system/maxMemoryGrowth", growth, 0, 100);
        } else {
            growthBytes = bytes("system/maxMemoryGrowth", growth);
        }
        return new SystemSettings(users, think.toMillis(), duration.toMillis(), maxDuration.toMillis(),
                rate == null ? 0 : rate, window.toMillis(), errors, factor, driftFloor, alpha, drift,
                growthFraction, growthBytes,
                Thresholds.number("system/maxP99LatencyMillis", c.maxP99LatencyMillis, 0, 1e9), ratio,
                Serving.of(c.serving), objective == null ? 0 : objective.toMillis());
    }

    /** Parses {@code 65536}, {@code 64KiB}, {@code 64MiB}, {@code 1GiB} (also KB, MB, GB as powers of 1000). */
    static long bytes(String setting, String text) throws BenchmarkSetupException {
        String t = text.trim().toUpperCase(Locale.ROOT);
        String[][] units = {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"}, {"KB", "1000"},
                {"MB", "1000000"}, {"GB", "1000000000"}, {"B", "1"}};
        long factor = 1;
        for (String[] unit : units) {
            if (t.endsWith(unit[0])) {
                factor = Long.parseLong(unit[1]);
                t = t.substring(0, t.length() - unit[0].length()).trim();
                break;
            }
        }
        try {
            double value = Double.parseDouble(t);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.round(value * factor);
        } catch (NumberFormatException e) {
            throw new BenchmarkSetupException(setting + " is '" + text + "': give a percentage of the starting"
                    + " memory (10%) or a size (64MiB, 500MB, 1048576).");
        }
    }
}
