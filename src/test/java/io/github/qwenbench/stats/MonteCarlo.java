package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/** Rejection rates of the stability tests, simulated with fixed seeds, against the figures they must match. */
final class MonteCarlo {

    private MonteCarlo() {
    }

    /** The share of {@code runs} runs in which {@code trial} rejected. */
    static double rate(int runs, BooleanSupplier trial) {
        int rejected = 0;
        for (int i = 0; i < runs; i++) {
            if (trial.getAsBoolean()) {
                rejected++;
            }
        }
        return (double) rejected / runs;
    }

    /**
     * Asserts that a rate simulated over {@code runs} runs lies within {@code sigmas} binomial standard
     * errors of {@code expected} (at least one run's worth, so that an expected 0 tolerates one).
     */
    static void assertRate(String what, double rate, int runs, double expected, double sigmas) {
        double se = Math.sqrt(Math.max(expected * (1 - expected), 1.0 / runs) / runs);
        String message = String.format(Locale.ROOT, "%s: %.4f over %d runs, expected %.4f +- %.1f x %.4f", what,
                rate, runs, expected, sigmas, se);
        System.out.println(message);
        assertTrue(Math.abs(rate - expected) <= sigmas * se, message);
    }

    /**
     * A block's throughput relative to its model's typical one: log-normal with {@code sigma}, and with
     * chance {@code preempted} three times slower (the machine took the core away for most of it).
     */
    static double block(SplittableRandom random, double sigma, double preempted) {
        double throughput = Math.exp(sigma * random.nextGaussian());
        return random.nextDouble() < preempted ? throughput / 3 : throughput;
    }
}
