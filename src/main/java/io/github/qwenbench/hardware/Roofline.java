package io.github.qwenbench.hardware;

import java.util.Locale;

/**
 * Where a model sits on this machine's roofline: how much of the compute roof (the GEMM peak) and of
 * the memory roof (the bandwidth peak) its inferences use, and which of them limits it.
 *
 * <p>The memory traffic counted is the model's parameter bytes, read once per inference: a lower
 * bound (activations are left out), and a model whose parameters fit in the last-level cache does
 * not read them from memory at all, so its bandwidth fraction overstates how close it is to the
 * memory roof. The FLOPs are those {@link OperatorProfile} estimates (matrix products, convolutions,
 * attention).
 *
 * <p>The attainable throughput at an arithmetic intensity I is min(peak FLOP/s, I × peak bytes/s),
 * and achieved over attainable is exactly the larger of the two fractions. So: below
 * {@value #OVERHEAD_FRACTION} of both roofs the model is overhead-bound (dispatch, small kernels,
 * elementwise work, threads waiting); otherwise the roof it is closer to is its limit, compute when
 * its intensity is at least the machine balance, memory when below.
 *
 * @param achievedFlopsPerSecond FLOPs per inference × inferences per second
 * @param achievedBytesPerSecond parameter bytes × inferences per second
 * @param computeFraction achieved FLOP/s over the peak
 * @param bandwidthFraction achieved bytes/s over the peak
 * @param arithmeticIntensity FLOPs per parameter byte
 * @param machineBalance peak FLOP/s over peak bytes/s: the intensity where the two roofs meet
 * @param bound the limit, by the rule above
 */
public record Roofline(double achievedFlopsPerSecond, double achievedBytesPerSecond, double computeFraction,
        double bandwidthFraction, double arithmeticIntensity, double machineBalance, Bound bound) {

    /** Below this fraction of both roofs a model is overhead-bound. */
    public static final double OVERHEAD_FRACTION = 0.10;

    /** What limits a model's throughput. */
    public enum Bound {
        COMPUTE("compute-bound"),
        MEMORY("memory-bound"),
        OVERHEAD("neither: overhead-bound, far below both limits");

        private final String words;

        Bound(String words) {
            this.words = words;
        }

        /** The classification in plain words. */
        public String words() {
            return words;
        }
    }

    /**
     * Places a model. Measure the peaks at the intra-op thread count the model ran with.
     *
     * @param inferencesPerSecond its measured throughput
     * @param flopsPerInference its FLOPs per inference ({@link OperatorProfile#flopsPerInference()})
     * @param parameterBytes its parameter bytes ({@code ModelCapacity.of(file).bytes()})
     * @param peakFlopsPerSecond the compute roof (a {@link GemmThroughput}'s best, × 10⁹)
     * @param peakBytesPerSecond the memory roof ({@link MemoryBandwidth#bestBytesPerSecond()})
     */
    public static Roofline of(double inferencesPerSecond, double flopsPerInference, long parameterBytes,
            double peakFlopsPerSecond, double peakBytesPerSecond) {
        if (!(inferencesPerSecond > 0 && flopsPerInference > 0 && parameterBytes > 0 && peakFlopsPerSecond > 0
                && peakBytesPerSecond > 0)) {
            throw new IllegalArgumentException("A roofline needs positive figures, but got " + inferencesPerSecond
                    + " inferences/s, " + flopsPerInference + " FLOPs per inference, " + parameterBytes
                    + " parameter bytes, peaks of " + peakFlopsPerSecond + " FLOP/s and " + peakBytesPerSecond
                    + " bytes/s.");
        }
        double flopsPerSecond = flopsPerInference * inferencesPerSecond;
        double bytesPerSecond = parameterBytes * inferencesPerSecond;
        double computeFraction = flopsPerSecond / peakFlopsPerSecond;
        double bandwidthFraction = bytesPerSecond / peakBytesPerSecond;
        double intensity = flopsPerInference / parameterBytes;
        double balance = peakFlopsPerSecond / peakBytesPerSecond;
        Bound bound = Math.max(computeFraction, bandwidthFraction) < OVERHEAD_FRACTION ? Bound.OVERHEAD
                : intensity >= balance ? Bound.COMPUTE : Bound.MEMORY;
        return new Roofline(flopsPerSecond, bytesPerSecond, computeFraction, bandwidthFraction, intensity, balance,
                bound);
    }

    /** One line: the fractions, the intensity against the balance, and the bound. */
    public String describe() {
        return String.format(Locale.ROOT, "%.1f GFLOP/s (%.1f%% of the GEMM peak), %.2f GB/s of parameters (%.1f%% of"
                + " the bandwidth peak); %.1f FLOPs per parameter byte against a machine balance of %.1f: %s%s",
                achievedFlopsPerSecond / 1e9, 100 * computeFraction, achievedBytesPerSecond / 1e9,
                100 * bandwidthFraction, arithmeticIntensity, machineBalance, bound.words(),
                bound == Bound.OVERHEAD ? String.format(Locale.ROOT, " (under %.0f%% of both peaks)",
                        100 * OVERHEAD_FRACTION) : "");
    }
}
