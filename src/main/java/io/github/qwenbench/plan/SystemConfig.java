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

    /** How long each model serves the load, e.g. {@code 10s}. */
    private String duration = "10s";

    /** Open loop: requests per second arriving as a Poisson process; empty: closed loop. */
    private String arrivalRate;

    /** Length of a stability window. */
    private String window = "1s";

    /** Largest allowed share of failed requests of the candidate. */
    private String maxErrorRate = "0";

    /** Largest allowed throughput drift of the candidate: slope over the run relative to the mean throughput. */
    private String maxThroughputDrift = "0.10";

    /** Largest allowed growth of the candidate's resident memory over the run: {@code 10%} of its start, or bytes ({@code 64MiB}). */
    private String maxMemoryGrowth = "10%";

    /** Largest allowed p99 latency of the candidate under the load, in milliseconds; off when empty. */
    private String maxP99LatencyMillis;

    /** Candidate throughput over baseline throughput under the same load (interval lower bound). */
    private String minThroughputRatio = "1.0";

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
}
