package io.github.qwenbench.plan;

/**
 * The system suite's pom settings ({@code <system>}): each model serves the same load, alone in its
 * own worker, and is watched window by window.
 */
public class SystemConfig {

    /** Closed loop: virtual users, each with its own predictor. Open loop: the threads serving requests. */
    private int users = 2;

    /** Pause of each virtual user between requests (closed loop), e.g. {@code 10ms}. */
    private String thinkTime = "0ms";

    /**
     * How long each model serves the load at least, e.g. {@code 10s}: the two models take turns, one
     * window each (A B B A ...), so the run lasts twice this.
     */
    private String duration = "10s";

    /**
     * How long each model may serve the load at most, while the throughput-ratio interval still
     * contains {@code minThroughputRatio}.
     */
    private String maxDuration = "30s";

    /** Open loop: requests per second arriving as a Poisson process; empty: closed loop. */
    private String arrivalRate;

    /** Length of a stability window. */
    private String window = "1s";

    /** Largest allowed share of failed requests of the candidate. */
    private String maxErrorRate = "0";

    /**
     * The candidate's |throughput drift| and memory growth may be at most this many times the
     * baseline's, measured in the same turns, plus a floor ({@code driftFloor}, {@code maxMemoryGrowth}).
     */
    private String stabilityFactor = "2";

    /** Added to {@code stabilityFactor} x the baseline's |drift|. */
    private String driftFloor = "0.10";

    /** An absolute limit on the candidate's |throughput drift| (slope over the run relative to the mean); off when empty. */
    private String maxThroughputDrift;

    /**
     * Memory growth the candidate may show beyond {@code stabilityFactor} x the baseline's: {@code 10%}
     * of its starting resident memory, or bytes ({@code 64MiB}).
     */
    private String maxMemoryGrowth = "10%";

    /** Largest allowed p99 latency of the candidate under the load, in milliseconds; off when empty. */
    private String maxP99LatencyMillis;

    /** Candidate throughput over baseline throughput under the same load (the whole interval); 0.90: at most 10% slower. */
    private String minThroughputRatio = "0.90";

    /**
     * What a request is: {@code requests} (one forward pass), {@code one-at-a-time} (a whole greedy answer,
     * decoded alone) or {@code continuous-batching} (a whole answer, decoded in a running batch).
     */
    private String serving = "requests";

    public SystemConfig() {
    }

    public int getUsers() {
        return users;
    }

    public void setUsers(int users) {
        this.users = users;
    }

    public String getThinkTime() {
        return thinkTime;
    }

    public void setThinkTime(String thinkTime) {
        this.thinkTime = thinkTime;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public String getArrivalRate() {
        return arrivalRate;
    }

    public void setArrivalRate(String arrivalRate) {
        this.arrivalRate = arrivalRate;
    }

    public String getWindow() {
        return window;
    }

    public void setWindow(String window) {
        this.window = window;
    }

    public String getMaxErrorRate() {
        return maxErrorRate;
    }

    public void setMaxErrorRate(String maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
    }

    public String getMaxDuration() {
        return maxDuration;
    }

    public void setMaxDuration(String maxDuration) {
        this.maxDuration = maxDuration;
    }

    public String getStabilityFactor() {
        return stabilityFactor;
    }

    public void setStabilityFactor(String stabilityFactor) {
        this.stabilityFactor = stabilityFactor;
    }

    public String getDriftFloor() {
        return driftFloor;
    }

    public void setDriftFloor(String driftFloor) {
        this.driftFloor = driftFloor;
    }

    public String getMaxThroughputDrift() {
        return maxThroughputDrift;
    }

    public void setMaxThroughputDrift(String maxThroughputDrift) {
        this.maxThroughputDrift = maxThroughputDrift;
    }

    public String getMaxMemoryGrowth() {
        return maxMemoryGrowth;
    }

    public void setMaxMemoryGrowth(String maxMemoryGrowth) {
        this.maxMemoryGrowth = maxMemoryGrowth;
    }

    public String getMaxP99LatencyMillis() {
        return maxP99LatencyMillis;
    }

    public void setMaxP99LatencyMillis(String maxP99LatencyMillis) {
        this.maxP99LatencyMillis = maxP99LatencyMillis;
    }

    public String getMinThroughputRatio() {
        return minThroughputRatio;
    }

    public void setMinThroughputRatio(String minThroughputRatio) {
        this.minThroughputRatio = minThroughputRatio;
    }

    public String getServing() {
        return serving;
    }

    public void setServing(String serving) {
        this.serving = serving;
    }
}
