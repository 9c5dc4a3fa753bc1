package io.github.qwenbench.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void seesNativeMemoryBeingTouchedAndKeepsThePeak() {
        ResidentMemory memory = new ResidentMemory();
        memory.resetPeak();
        long before = memory.current();
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * MIB);
        for (int i = 0; i < buffer.capacity(); i += 4096) {
            buffer.put(i, (byte) 1);
        }
        long peak = memory.peak();
        assertTrue(peak - before >= 48L * MIB, "touching 64 MiB raised the peak by " + (peak - before) / MIB + " MiB");
        assertTrue(memory.source().contains("/proc/self/status") || memory.source().contains("OSHI"),
                memory.source());
        assertTrue(buffer.get(0) == 1);
    }
}
