package io.github.qwenbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On real outputs recorded from an NVIDIA H200 (driver 580.159.04) by /work/shared/recorded/record.sh. */
class NvidiaSmiCsvTest {

    /** The query record.sh used: driver_version was not among its fields. */
    private static final List<String> RECORDED_FIELDS = List.of("timestamp", "index", "name", "uuid",
            "utilization.gpu", "utilization.memory", "memory.used", "memory.total", "power.draw", "temperature.gpu",
            "clocks.sm");

    @Test
    void idleWithHeaderAndUnits() throws IOException {
        List<GpuSample> samples = NvidiaSmiCsv.parse(CpuInfoTest.resource("nvidia-h200/query-idle.csv"),
                RECORDED_FIELDS);

        assertEquals(List.of(new GpuSample("2026/11/27 21:39:03.342", 0, "NVIDIA H200",
                "GPU-4f5b61fa-5b41-2ff4-94cf-9cd10db0a1da", null, 0.0, 0.0, 0.0, 143771.0, 81.57, 34.0, 345.0)),
                samples);
    }

    @Test
    void underLoadWithoutHeaderOrUnits() throws IOException {
        List<GpuSample> samples = NvidiaSmiCsv.parse(
                CpuInfoTest.resource("nvidia-h200/query-loaded-noheader-nounits.csv"), RECORDED_FIELDS);

        assertEquals(30, samples.size());
        GpuSample first = samples.get(0);
        assertEquals("2026/11/27 21:39:10.872", first.timestamp());
        assertEquals(100.0, first.utilizationPercent());
        assertEquals(25.0, first.memoryUtilizationPercent());
        assertEquals(1139.0, first.memoryUsedMiB());
        assertEquals(143771.0, first.memoryTotalMiB());
        assertEquals(376.11, first.powerDrawWatts());
        assertEquals(51.0, first.temperatureCelsius());
        assertEquals(1545.0, first.smClockMHz());
        assertEquals(693.51, samples.get(29).powerDrawWatts());
        assertEquals(376.11, samples.stream().mapToDouble(GpuSample::powerDrawWatts).min().orElseThrow());
        assertEquals(707.66, samples.stream().mapToDouble(GpuSample::powerDrawWatts).max().orElseThrow());
        assertEquals(30, samples.stream().filter(s -> s.utilizationPercent() == 100.0).count());
    }

    @Test
    void notAvailableValuesAreNull() {
        String output = "timestamp, index, name, driver_version, power.draw [W], memory.used [MiB], "
                + "temperature.gpu, clocks.current.sm [MHz]\n"
                + "2026/11/27 21:39:03.342, 0, NVIDIA GeForce RTX 3050, 580.159.04, [N/A], 12 MiB, 40, [Not Supported]\n"
                + "2026/11/27 21:39:03.342, 1, Tesla T4, 580.159.04, 27.12 W, [N/A], 35, 585 MHz\n";

        List<GpuSample> samples = NvidiaSmiCsv.parse(output, NvidiaSmiCsv.QUERY_FIELDS);

        assertEquals(2, samples.size());
        assertNull(samples.get(0).powerDrawWatts());
        assertNull(samples.get(0).smClockMHz());
        assertEquals(12.0, samples.get(0).memoryUsedMiB());
        assertEquals("580.159.04", samples.get(0).driverVersion());
        assertEquals(1, samples.get(1).index());
        assertEquals(27.12, samples.get(1).powerDrawWatts());
        assertNull(samples.get(1).memoryUsedMiB());
        assertEquals(585.0, samples.get(1).smClockMHz());
    }

    @Test
    void theSamplersLineFormat() {
        GpuSample sample = NvidiaSmiCsv.parseLine("2026/11/27 21:39:13.486, 0, NVIDIA H200, "
                + "GPU-4f5b61fa-5b41-2ff4-94cf-9cd10db0a1da, 580.159.04, 100, 25, 1139, 143771, 693.02, 54, 1425",
                NvidiaSmiCsv.QUERY_FIELDS);

        assertEquals("580.159.04", sample.driverVersion());
        assertEquals(693.02, sample.powerDrawWatts());
        assertEquals(1425.0, sample.smClockMHz());
    }
}
