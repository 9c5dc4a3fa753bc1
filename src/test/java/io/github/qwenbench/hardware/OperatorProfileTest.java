package io.github.qwenbench.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.qwenbench.hardware.OperatorProfile.OperatorStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a trace written as DJL writes it (events in the order the calls returned, each call's
 * inclusive duration and net memory), without the engine.
 */
class OperatorProfileTest {

    /**
     * One forward of 100 µs: attention called from TorchScript (its shapes start with a value waiting
     * on the interpreter's stack) running the CPU flash kernel, which allocates 1.5 MiB; a bmm called
     * from TorchScript, with a stack value before its arguments; a remainder calling its other overload.
     */
    private static final String TRACE = """
            [
            {"name": "aten::empty", "ph": "X", "ts": 12.0, "dur": 1.0, "tid": 1, "pid": "CPU Functions",
             "shape": [[], [], [], [], [], []], "cpu mem": "1.50 Mb", "args": {}},
            {"name": "aten::_scaled_dot_product_flash_attention_for_cpu", "ph": "X", "ts": 11.0, "dur": 30.0,
             "tid": 1, "pid": "CPU Functions", "shape": [[1, 4, 24, 32], [1, 4, 24, 32], [1, 4, 24, 16], [], [], [],
             []], "cpu mem": "1.50 Mb", "args": {}},
            {"name": "aten::scaled_dot_product_attention", "ph": "X", "ts": 10.0, "dur": 40.0, "tid": 1,
             "pid": "CPU Functions", "shape": [[1, 24, 128], [1, 4, 24, 32], [1, 4, 24, 32], [1, 4, 24, 16], [], [],
             [], [], []], "cpu mem": "-512 b", "args": {}},
            {"name": "aten::bmm", "ph": "X", "ts": 60.0, "dur": 5.0, "tid": 1, "pid": "CPU Functions",
             "shape": [[7, 7], [2, 3, 5], [2, 5, 4]], "cpu mem": "96 b", "args": {}},
            {"name": "aten::remainder", "ph": "X", "ts": 71.0, "dur": 2.0, "tid": 1, "pid": "CPU Functions",
             "shape": [[1, 24], [1]], "cpu mem": "192 b", "args": {}},
            {"name": "aten::remainder", "ph": "X", "ts": 70.0, "dur": 5.0, "tid": 1, "pid": "CPU Functions",
             "shape": [[1, 24], []], "cpu mem": "192 b", "args": {}},
            {"name": "forward", "ph": "X", "ts": 0.0, "dur": 100.0, "tid": 1, "pid": "CPU Functions",
             "shape": [[], [1, 24]], "cpu mem": "0 b", "args": {}}
            ]
            """;

    @Test
    void nestsCallsByTimeAndSplitsSelfFromTotalTime(@TempDir Path dir) throws IOException {
        OperatorProfile profile = OperatorProfile.read(Files.writeString(dir.resolve("trace.json"), TRACE), 2, true);

        assertEquals(100, profile.selfMicros(), 1e-9);
        assertEquals(50, op(profile, "forward").selfMicros(), 1e-9);
        assertEquals(10, op(profile, "aten::scaled_dot_product_attention").selfMicros(), 1e-9);
        assertEquals(29, op(profile, "aten::_scaled_dot_product_flash_attention_for_cpu").selfMicros(), 1e-9);
        OperatorStats remainder = op(profile, "aten::remainder");
        assertEquals(2, remainder.calls());
        assertEquals(5, remainder.selfMicros(), 1e-9);
        assertEquals(5, remainder.totalMicros(), 1e-9, "the nested overload is not counted twice");
        assertEquals(0.05, remainder.share(), 1e-12);
        assertEquals("forward", profile.operators().get(0).name(), "most self time first");
    }

    @Test
    void countsFlopsAtTheInnermostCountedCallFromTheArgumentsAtTheEndOfTheStack(@TempDir Path dir)
            throws IOException {
        OperatorProfile profile = OperatorProfile.read(Files.writeString(dir.resolve("trace.json"), TRACE), 2, true);

        double attention = 2.0 * 4 * 24 * 24 * (32 + 16);
        double bmm = 2.0 * 2 * 3 * 5 * 4;
        assertEquals(attention, op(profile, "aten::_scaled_dot_product_flash_attention_for_cpu").flops());
        assertEquals(0, op(profile, "aten::scaled_dot_product_attention").flops(), "the kernel inside counts");
        assertEquals(bmm, op(profile, "aten::bmm").flops(), "[7, 7] is a stack value, not an argument");
        assertEquals((attention + bmm) / 2, profile.flopsPerInference());
    }

    @Test
    void readsDjlsRoundedNetMemoryInclusiveAndSelf(@TempDir Path dir) throws IOException {
        OperatorProfile profile = OperatorProfile.read(Files.writeString(dir.resolve("trace.json"), TRACE), 2, true);
        OperatorStats attention = op(profile, "aten::scaled_dot_product_attention");
        assertEquals(-512, attention.netBytes(), "its input was freed inside it");
        assertEquals(-512 - 1_572_864, attention.selfNetBytes());
        assertEquals(1_572_864, op(profile, "aten::empty").selfNetBytes());
        assertEquals(192, op(profile, "aten::remainder").netBytes(), "the outer call's figure, once");

        OperatorProfile withoutMemory = OperatorProfile.read(dir.resolve("trace.json"), 2, false);
        assertEquals(null, op(withoutMemory, "aten::empty").netBytes());
    }

    @Test
    void parsesDjlsMemoryFigures() throws IOException {
        assertEquals(192, ProfilerTrace.bytes("192 b"));
        assertEquals(12_288, ProfilerTrace.bytes("12.00 Kb"));
        assertEquals(-1_572_864, ProfilerTrace.bytes("-1.50 Mb"));
        assertEquals(2L << 30, ProfilerTrace.bytes("2.00 Gb"));
        assertThrows(IOException.class, () -> ProfilerTrace.bytes("12 KB"));
    }

    @Test
    void matrixProductsFollowTorchMatmulBroadcasting() {
        assertEquals(OptionalDouble.of(2.0 * 4 * 6 * 3 * 5 * 2),
                OperatorFlops.matmul(List.of(4L, 1L, 3L, 5L), List.of(6L, 5L, 2L)));
        assertEquals(OptionalDouble.of(2.0 * 5 * 2), OperatorFlops.matmul(List.of(5L), List.of(5L, 2L)));
        assertEquals(OptionalDouble.empty(), OperatorFlops.matmul(List.of(3L, 4L), List.of(5L, 2L)));
        assertEquals(OptionalDouble.of(2.0 * 24 * 128 * 384),
                OperatorFlops.linear(List.of(1L, 24L, 128L), List.of(384L, 128L)));
    }

    @Test
    void aTraceThatIsNotAnEventArrayIsRefused(@TempDir Path dir) throws IOException {
        Path trace = Files.writeString(dir.resolve("trace.json"), "{\"traceEvents\": []}");
        IOException e = assertThrows(IOException.class, () -> OperatorProfile.read(trace, 1, false));
        assertEquals("the trace is not a JSON array of events", e.getMessage());
    }

    private static OperatorStats op(OperatorProfile profile, String name) {
        return profile.operator(name).orElseThrow(() -> new AssertionError(name + " missing"));
    }
}
