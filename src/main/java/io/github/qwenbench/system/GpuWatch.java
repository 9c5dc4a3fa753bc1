package io.github.qwenbench.system;

import io.github.qwenbench.host.GpuSampler;
import io.github.qwenbench.host.GpuTrace;
import io.github.qwenbench.model.GpuSupport;
import io.github.qwenbench.plan.EngineSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The system worker's GPU sampler: where inference runs on a GPU, nvidia-smi samples every GPU every
 * 100 ms for the whole run ({@link GpuSampler}), and {@link #summarize} cuts the samples into this
 * model's turns ({@link GpuUse#of}). On the CPU it starts nothing.
 *
 * <p>Not run on a GPU: these machines have none. It is kept to starting and stopping the sampler; what
 * the samples add up to is {@link GpuUse#of}, which tests cover on samples recorded from an H200.
 */
final class GpuWatch implements AutoCloseable {

    static final Duration PERIOD = Duration.ofMillis(100);

    static final String SOURCE = "nvidia-smi --query-gpu every " + PERIOD.toMillis() + " ms, each window from the"
            + " samples taken in it (each weighted by the time nearer to it than to the others); utilization.gpu and"
            + " power.draw are the driver's averages over its own period (power: one second on Ampere and newer, as"
            + " NVML documents), so a window's figures include up to that much of the time before it; memory.used is"
            + " the device's, both models' workers and any other process included";

    private final String device;
    private final String nvidiaSmiId;
    private final GpuSampler sampler;

    private GpuWatch(String device, String nvidiaSmiId, GpuSampler sampler) {
        this.device = device;
        this.nvidiaSmiId = nvidiaSmiId;
        this.sampler = sampler;
    }

    /** Starts sampling where {@code engine} runs on a GPU; on the CPU, a watch that samples nothing. */
    static GpuWatch start(EngineSettings engine) {
        if (!engine.gpu()) {
            return new GpuWatch(engine.device(), null, null);
        }
        return new GpuWatch(engine.device(),
                GpuTrace.nvidiaSmiId(engine.gpuIndex(), System.getenv("CUDA_VISIBLE_DEVICES")),
                GpuSampler.start(PERIOD));
    }

    /**
     * For {@link SystemSample#gpu()}: {@link GpuSupport#NOT_ON_GPU}, the GPU sampled, or {@code unavailable: why}.
     */
    String status() {
        if (sampler == null) {
            return GpuSupport.NOT_ON_GPU;
        }
        if (nvidiaSmiId == null) {
            return "unavailable: CUDA_VISIBLE_DEVICES (" + System.getenv("CUDA_VISIBLE_DEVICES") + ") names no "
                    + device + " for nvidia-smi";
        }
        if (!GpuSampler.AVAILABLE.equals(sampler.status())) {
            return sampler.status();
        }
        return GpuTrace.ofGpu(sampler.samples(), nvidiaSmiId).isEmpty()
                ? "unavailable: nvidia-smi gave no sample of GPU " + nvidiaSmiId + " (the engine's " + device + ")"
                : device + " sampled as nvidia-smi GPU " + nvidiaSmiId;
    }

    /** The GPU over {@code turns}; null on the CPU or when nothing was sampled ({@link #status()} says why). */
    GpuUse summarize(List<GpuUse.Turn> turns) {
        if (sampler == null || nvidiaSmiId == null || !GpuSampler.AVAILABLE.equals(sampler.status())
                || GpuTrace.ofGpu(sampler.samples(), nvidiaSmiId).isEmpty()) {
            return null;
        }
        return GpuUse.of(device, nvidiaSmiId, SOURCE, sampler.samples(), turns, ZoneId.systemDefault());
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.close();
        }
    }
}
