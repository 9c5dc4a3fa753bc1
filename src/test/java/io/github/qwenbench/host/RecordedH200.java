package io.github.qwenbench.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The nvidia-smi samples recorded from an NVIDIA H200 (driver 580.159.04) by
 * /work/shared/recorded/record.sh, for the tests of what samples add up to. The timestamps are the
 * recording machine's local time; the tests read them as UTC.
 */
public final class RecordedH200 {

    /** The query record.sh used: driver_version was not among its fields. */
    public static final List<String> FIELDS = List.of("timestamp", "index", "name", "uuid", "utilization.gpu",
            "utilization.memory", "memory.used", "memory.total", "power.draw", "temperature.gpu", "clocks.sm");

    public static final String UUID = "GPU-4f5b61fa-5b41-2ff4-94cf-9cd10db0a1da";

    private RecordedH200() {
    }

    /** One sample, 2026/11/27 21:39:03.342: 0 %, 0 MiB of 143771, 81.57 W. */
    public static List<GpuSample> idle() {
        return parse("nvidia-h200/query-idle.csv");
    }

    /**
     * 30 samples about 100 ms apart, 21:39:10.872 to 21:39:13.787, while a bf16 matrix-multiply loop kept
     * the GPU at 100 %: 1139 MiB used, power rising from 376.11 W to 707.66 W in the first 0.7 s, then
     * 683 to 696 W.
     */
    public static List<GpuSample> loaded() {
        return parse("nvidia-h200/query-loaded-noheader-nounits.csv");
    }

    /** A recorded timestamp ({@code 2026/11/27 21:39:11.000}) as UTC epoch milliseconds. */
    public static long utcMillis(String timestamp) {
        return LocalDateTime.parse(timestamp, DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS"))
                .toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static List<GpuSample> parse(String name) {
        try {
            return NvidiaSmiCsv.parse(CpuInfoTest.resource(name), FIELDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
