package io.github.qwenbench.hardware;

/**
 * The engine's float32 matrix-multiply throughput, from {@link GemmProbe}.
 *
 * @param size the matrices' side n: each product is n×n by n×n, 2n³ FLOPs
 * @param threads the engine's intra-op threads during the measurement
 * @param productsPerRepetition products timed together in one repetition
 * @param repetitions timed repetitions, after warm-up
 * @param medianGflops the median repetition, in GFLOP/s (10⁹ FLOPs per second)
 * @param minGflops the slowest repetition
 * @param maxGflops the fastest repetition: the closest to the machine's peak
 */
public record GemmThroughput(int size, int threads, int productsPerRepetition, int repetitions,
        double medianGflops, double minGflops, double maxGflops) {

    /** Fastest minus slowest repetition, relative to the median: how noisy the machine was. */
    public double spread() {
        return (maxGflops - minGflops) / medianGflops;
    }
}
