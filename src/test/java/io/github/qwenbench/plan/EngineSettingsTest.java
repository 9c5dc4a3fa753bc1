package io.github.qwenbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EngineSettingsTest {

    @Test
    void theCpuByDefault() throws BenchmarkSetupException {
        assertEquals("cpu", EngineSettings.from(null).device());
        assertEquals("cpu", EngineSettings.from(new EngineConfig()).device());
        assertEquals("cpu", EngineSettings.from(new EngineConfig()).djlDeviceName());
    }

    @Test
    void gpuMeansTheFirstGpu() throws BenchmarkSetupException {
        EngineSettings settings = settings("GPU");

        assertEquals("gpu:0", settings.device());
        assertEquals(0, settings.gpuIndex());
        assertEquals("gpu0", settings.djlDeviceName());
        assertEquals("gpu:3", settings(" gpu:3 ").device());
        assertEquals("gpu3", settings("gpu:3").djlDeviceName());
        assertEquals(-1, settings("cpu").gpuIndex());
    }

    @Test
    void anythingElseIsASetupErrorNamingTheSetting() {
        for (String bad : new String[] {"cuda", "gpu0", "gpu:-1", "gpu:x", "cpu:0", "tpu"}) {
            BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> settings(bad), bad);
            assertEquals("engine/device is '" + bad + "', which is not a device: use cpu (the default), gpu (the first"
                    + " GPU) or gpu:N (GPU number N, counting from 0).", e.getMessage());
        }
    }

    private static EngineSettings settings(String device) throws BenchmarkSetupException {
        EngineConfig config = new EngineConfig();
        config.setDevice(device);
        return EngineSettings.from(config);
    }

}
