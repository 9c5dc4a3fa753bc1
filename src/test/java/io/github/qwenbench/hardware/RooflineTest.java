package io.github.qwenbench.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.qwenbench.hardware.Roofline.Bound;
import org.junit.jupiter.api.Test;

/** A machine of 100 GFLOP/s and 10 GB/s: balance 10 FLOPs per byte. */
class RooflineTest {

    private static final double PEAK_FLOPS = 100e9;
    private static final double PEAK_BYTES = 10e9;

    @Test
    void highIntensityNearTheComputeRoofIsComputeBound() {
        // 1 GFLOP over 10 MB (100 FLOPs per byte) 60 times a second: 60 GFLOP/s, 0.6 GB/s.
        Roofline r = Roofline.of(60, 1e9, 10_000_000, PEAK_FLOPS, PEAK_BYTES);
        assertEquals(60e9, r.achievedFlopsPerSecond(), 1);
        assertEquals(0.6e9, r.achievedBytesPerSecond(), 1);
        assertEquals(0.6, r.computeFraction(), 1e-12);
        assertEquals(0.06, r.bandwidthFraction(), 1e-12);
        assertEquals(100, r.arithmeticIntensity(), 1e-12);
        assertEquals(10, r.machineBalance(), 1e-12);
        assertEquals(Bound.COMPUTE, r.bound());
        assertEquals("compute-bound", r.bound().words());
    }

    @Test
    void lowIntensityNearTheMemoryRoofIsMemoryBound() {
        // 2 FLOPs per byte of a 100 MB model, 50 times a second: 5 GB/s (half the roof), 10 GFLOP/s.
        Roofline r = Roofline.of(50, 2e8, 100_000_000, PEAK_FLOPS, PEAK_BYTES);
        assertEquals(0.5, r.bandwidthFraction(), 1e-12);
        assertEquals(0.1, r.computeFraction(), 1e-12);
        assertEquals(Bound.MEMORY, r.bound());
    }

    @Test
    void farBelowBothRoofsIsOverheadBound() {
        // 42 MFLOP over 5 MB, 100 times a second: 4.2 GFLOP/s (4.2%), 0.5 GB/s (5%).
        Roofline r = Roofline.of(100, 42e6, 5_000_000, PEAK_FLOPS, PEAK_BYTES);
        assertEquals(Bound.OVERHEAD, r.bound());
        assertEquals("neither: overhead-bound, far below both limits", r.bound().words());
        assertEquals("4.2 GFLOP/s (4.2% of the GEMM peak), 0.50 GB/s of parameters (5.0% of the bandwidth peak);"
                + " 8.4 FLOPs per parameter byte against a machine balance of 10.0: neither: overhead-bound, far"
                + " below both limits (under 10% of both peaks)", r.describe());
    }

    @Test
    void theOverheadThresholdIsTenPercentOfTheCloserRoof() {
        assertEquals(Bound.MEMORY, Roofline.of(100, 1e6, 10_000_000, PEAK_FLOPS, PEAK_BYTES).bound(),
                "exactly 10% of the bandwidth roof");
        assertEquals(Bound.OVERHEAD, Roofline.of(99, 1e6, 10_000_000, PEAK_FLOPS, PEAK_BYTES).bound());
    }

    @Test
    void missingFiguresAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Roofline.of(100, 0, 5_000_000, PEAK_FLOPS, PEAK_BYTES));
        assertEquals("A roofline needs positive figures, but got 100.0 inferences/s, 0.0 FLOPs per inference,"
                + " 5000000 parameter bytes, peaks of 1.0E11 FLOP/s and 1.0E10 bytes/s.", e.getMessage());
    }
}
