package io.github.qwenbench.system;

import io.github.qwenbench.stats.LatencySummary;
import java.util.List;
import java.util.Map;

/**
 * One model serving the load in its own worker, in turns with the other model's worker.
 *
 * @param role baseline or candidate
 * @param load {@code closed loop, N users} or {@code open loop, R requests/s, N threads}
 * @param durationSeconds how long the load ran
 * @param completed requests that returned
 * @param errors requests that threw
 * @param errorRate errors over all finished requests
 * @param errorMessages the distinct error messages, with counts (at most ten)
 * @param dropped open loop: requests still queued when the run ended (counted as errors)
 * @param throughput completed requests per second
 * @param latency over the whole run; open loop: from each request's scheduled arrival
 * @param windows the run window by window, ready to plot
 * @param drift slope of window throughput over the run times its length, over the mean throughput
 * @param largestWindowDeviation the largest |window - mean| / mean of window throughput
 * @param startResidentBytes resident memory in the first window
 * @param endResidentBytes resident memory in the last window
 * @param memoryGrowthBytes end minus start
 * @param memoryGrowthFraction growth over the start
 * @param cpuSecondsPerInference process CPU time per completed request: the energy proxy, always
 * @param energy joules per inference from RAPL, else from the GPU's power where inference ran on one, or
 *     why neither could be read
 * @param gpu the GPU sampled, or why it does not apply or could not be sampled
 * @param intraOpThreads the engine's intra-op threads during the load
 * @param gpuUse the GPU's utilization, memory and power window by window, where inference ran on one and
 *     nvidia-smi sampled it; else null
 * @param throughputUnit what {@code throughput} (and each window's) counts: {@code requests/s}, or
 *     {@code tokens/s} when every request is a generated answer
 * @param generation the answers' figures when every request is a generated answer, else null
 * @param goodput the requests that kept {@code system/latencyObjective}, or null without one
 * @param clientOverhead a served model's: the load generator's own cost against an instant local server;
 *     else null
 */
public record SystemSample(String role, String load, double durationSeconds, long completed, long errors,
        double errorRate, Map<String, Long> errorMessages, long dropped, double throughput, LatencySummary latency,
        List<Window> windows, double drift, double largestWindowDeviation, long startResidentBytes,
        long endResidentBytes, long memoryGrowthBytes, double memoryGrowthFraction, double cpuSecondsPerInference,
        Energy energy, String gpu, int intraOpThreads, GpuUse gpuUse, String throughputUnit, Generation generation,
        Goodput goodput, ClientOverhead clientOverhead) {

    public static final String REQUESTS_PER_SECOND = "requests/s";

    /** Whether a served model's client measured this: its CPU, memory and energy are the client's. */
    public boolean served() {
        return generation != null && Answers.SERVED.equals(generation.serving());
    }
    public static final String TOKENS_PER_SECOND = "tokens/s";

    /** A model served on the CPU, one forward pass per request: no GPU or answer figures. */
    public SystemSample(String role, String load, double durationSeconds, long completed, long errors,
            double errorRate, Map<String, Long> errorMessages, long dropped, double throughput, LatencySummary latency,
            List<Window> windows, double drift, double largestWindowDeviation, long startResidentBytes,
            long endResidentBytes, long memoryGrowthBytes, double memoryGrowthFraction, double cpuSecondsPerInference,
            Energy energy, String gpu, int intraOpThreads) {
        this(role, load, durationSeconds, completed, errors, errorRate, errorMessages, dropped, throughput, latency,
                windows, drift, largestWindowDeviation, startResidentBytes, endResidentBytes, memoryGrowthBytes,
                memoryGrowthFraction, cpuSecondsPerInference, energy, gpu, intraOpThreads, null, REQUESTS_PER_SECOND,
                null, null, null);
    }

    /** This sample with a served model's client overhead. */
    public SystemSample withClientOverhead(ClientOverhead overhead) {
        return new SystemSample(role, load, durationSeconds, completed, errors, errorRate, errorMessages, dropped,
                throughput, latency, windows, drift, largestWindowDeviation, startResidentBytes, endResidentBytes,
                memoryGrowthBytes, memoryGrowthFraction, cpuSecondsPerInference, energy, gpu, intraOpThreads, gpuUse,
                throughputUnit, generation, goodput, overhead);
    }

    /**
     * One stability window.
     *
     * @param startSeconds since this model's first turn started
     * @param completed requests completed in it
     * @param errors requests that failed in it
     * @param throughput completed per second
     * @param p50Millis median latency
     * @param p99Millis 99th percentile latency
     * @param processCpuPercent this process's CPU use, 100 per fully used core
     * @param machineCpuPercent the whole machine's CPU use, 0 to 100
     * @param residentBytes this process's resident memory
     * @param threads this process's threads
     * @param loadAverage the machine's one-minute load average
     * @param queueDepth open loop: the most requests waiting at the window's end; 0 for a closed loop
     */
    public record Window(double startSeconds, long completed, long errors, double throughput, double p50Millis,
            double p99Millis, double processCpuPercent, double machineCpuPercent, long residentBytes, int threads,
            double loadAverage, int queueDepth) {
    }

    /**
     * Generated answers under load.
     *
     * @param serving one-at-a-time or continuous-batching
     * @param decoding key/value cache, or full recompute
     * @param tokens tokens the model produced (stop tokens included)
     * @param requestsPerSecond answers completed per second
     * @param timeToFirstToken from each request's arrival to its first token: queueing, prefill and (in a
     *     batch) the other sequences' steps
     * @param queueWait from each request's arrival until its prefill began
     * @param meanBatchSize continuous batching: sequences per decode step, on average; else NaN
     * @param largestBatch continuous batching: the most sequences in one step; else 0
     */
    public record Generation(String serving, String decoding, long tokens, double requestsPerSecond,
            LatencySummary timeToFirstToken, LatencySummary queueWait, double meanBatchSize, int largestBatch) {
    }

    /**
     * Goodput: the requests that completed within the latency objective (from their arrival).
     *
     * @param objectiveMillis {@code system/latencyObjective}
     * @param requests requests that completed within it
     * @param perSecond those per second of the run
     * @param share those over every request that completed or failed
     */
    public record Goodput(long objectiveMillis, long requests, double perSecond, double share) {
    }

    /**
     * @param available whether an energy figure could be read
     * @param source the counter or power read, or why none could be
     * @param joulesPerInference energy per completed request, NaN when unavailable
     * @param inferencesPerJoule its inverse
     */
    public record Energy(boolean available, String source, double joulesPerInference, double inferencesPerJoule) {
    }
}
