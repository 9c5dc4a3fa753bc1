package io.github.qwenbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EngineCapabilitiesTest {

    @Test
    void readsTheFlavourFromTheNativesFolder() {
        assertEquals("cpu", EngineCapabilities.flavorOf("/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64"));
        assertEquals("cpu", EngineCapabilities.flavorOf("/root/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64"));
        assertEquals("cu124-precxx11", EngineCapabilities.flavorOf("/x/2.5.1-cu124-precxx11-linux-x86_64"));
        assertEquals("cu128", EngineCapabilities.flavorOf("/home/ci/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64"));
        assertEquals("custom", EngineCapabilities.flavorOf("/opt/libtorch/lib"));
    }

    @Test
    void readsTheVersionFromTheNativesFolder() {
        assertEquals("2.7.1", EngineCapabilities.versionOf("/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64"));
        assertEquals("2.5.1", EngineCapabilities.versionOf("/x/2.5.1-cu124-precxx11-linux-x86_64"));
        assertEquals(null, EngineCapabilities.versionOf("/opt/libtorch/lib"));
    }
}
