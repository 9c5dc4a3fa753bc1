package io.github.qwenbench.plan;

/**
 * The system suite's pom settings ({@code <system>}): each model serves the same load, alone in its
 * own worker, and is watched window by window.
 */
public class SystemConfig {

    @Setting("Closed loop: virtual users, each with its own predictor. Open loop: the threads serving requests.")
    int users = 2;

    @Setting("Pause of each virtual user between requests (closed loop), e.g. `10ms`.")
    String thinkTime = "0ms";

    @Setting("How long each model serves the load at least, e.g. `10s`: the two models take turns, one window each (A B B A ...), so the run lasts twice this.")
    String duration = "10s";

    @Setting("How long each model may serve the load at most, while the throughput-ratio interval still contains `minThroughputRatio`.")
    String maxDuration = "30s";

    @Setting("Open loop: requests per second arriving as a Poisson process; empty: closed loop.")
    String arrivalRate;

    @Setting("Length of a stability window.")
    String window = "1s";

    @Setting("Largest allowed share of failed requests of the candidate.")
    String maxErrorRate = "0";

    @Setting("No longer used, accepted so that existing poms still load: the drift gate tests the paired candidate/baseline ratio (the machine's drift cancels there) and the memory-growth gate the candidate's own growth (a baseline's leak never licenses the candidate's), so neither scales a baseline figure any more.")
    String stabilityFactor = "2";

    @Setting("The largest |relative change| of candidate/baseline throughput over the run that `stableAsBaseline[throughputDrift]` tolerates; it fails only when a rank test shows a larger change at level `stabilityAlpha`. The baseline's own drift does not widen it.")
    String driftFloor = "0.10";

    @Setting("Level of the `stableAsBaseline[throughputDrift]` and `stableAsBaseline[memoryGrowth]` tests: the chance that a candidate exactly at `driftFloor` or `maxMemoryGrowth` fails (less within them). Each needs at least 5 pairs of turns before it can fail at all.")
    String stabilityAlpha = "0.01";

    @Setting("An absolute limit on the candidate's |throughput drift| (slope over the run relative to the mean); off when empty.")
    String maxThroughputDrift;

    @Setting("Resident-memory growth the candidate may show over the run, whatever the baseline's: `10%` of its starting resident memory, or bytes (`64MiB`); `stableAsBaseline[memoryGrowth]` fails only when the one-sided `stabilityAlpha` bound of its growth (the slope of resident memory over requests served, with an autocorrelation-robust error) exceeds it.")
    String maxMemoryGrowth = "10%";

    @Setting("Largest allowed p99 latency of the candidate under the load, in milliseconds; off when empty.")
    String maxP99LatencyMillis;

    @Setting("A latency objective, e.g. `2s`: requests that complete within it, from their arrival, count as goodput (requests/s and the share of all requests, per model); empty: no goodput figure.")
    String latencyObjective;

    @Setting("Candidate throughput over baseline throughput under the same load (the whole interval); 0.90: at most 10% slower. `off` measures the ratio for `duration` and reports it without a gate (a load test of fixed length); gated, `maxDuration` must hold at least 9 windows, the fewest pairs of turns that can decide at 95%.")
    String minThroughputRatio = "0.90";

    @Setting("What a request is: `requests` (one forward pass), `one-at-a-time` (a whole greedy answer, decoded alone) or `continuous-batching` (a whole answer, decoded in a running batch).")
    String serving = "requests";

    public SystemConfig() {
    }

    public void setUsers(int users) {
        this.users = users;
    }

    public void setThinkTime(String thinkTime) {
        this.thinkTime = thinkTime;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public void setArrivalRate(String arrivalRate) {
        this.arrivalRate = arrivalRate;
    }

    public void setWindow(String window) {
        this.window = window;
    }

    public void setMaxErrorRate(String maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
    }

    public void setMaxDuration(String maxDuration) {
        this.maxDuration = maxDuration;
    }

    public void setStabilityFactor(String stabilityFactor) {
        this.stabilityFactor = stabilityFactor;
    }

    public void setDriftFloor(String driftFloor) {
        this.driftFloor = driftFloor;
    }

    public void setStabilityAlpha(String stabilityAlpha) {
        this.stabilityAlpha = stabilityAlpha;
    }

    public void setMaxThroughputDrift(String maxThroughputDrift) {
        this.maxThroughputDrift = maxThroughputDrift;
    }

    public void setMaxMemoryGrowth(String maxMemoryGrowth) {
        this.maxMemoryGrowth = maxMemoryGrowth;
    }

    public void setMaxP99LatencyMillis(String maxP99LatencyMillis) {
        this.maxP99LatencyMillis = maxP99LatencyMillis;
    }

    public void setLatencyObjective(String latencyObjective) {
        this.latencyObjective = latencyObjective;
    }

    public void setMinThroughputRatio(String minThroughputRatio) {
        this.minThroughputRatio = minThroughputRatio;
    }

    public void setServing(String serving) {
        this.serving = serving;
    }
}
