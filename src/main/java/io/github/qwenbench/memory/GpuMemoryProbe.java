package io.github.qwenbench.memory;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import io.github.qwenbench.host.GpuSample;
import io.github.qwenbench.host.GpuSampler;
import io.github.qwenbench.host.GpuTrace;
import io.github.qwenbench.model.EngineRuntime;
import io.github.qwenbench.model.GpuSupport;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EngineSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's GPU memory for the memory suite, in use on the whole device. Read through DJL's
 * {@code CudaUtils.getGpuMemory(Device)}, the CUDA runtime's {@code cudaMemGetInfo} (total minus free),
 * with the peak of a phase from a reading every 2 ms on a background thread; where DJL cannot load
 * the CUDA runtime, through nvidia-smi's {@code memory.used} of the same GPU, the peak from samples
 * every 50 ms. Both also read once at the end of the phase: PyTorch's caching allocator keeps the
 * blocks of a phase reserved, so the memory in use does not fall back until they are released. DJL
 * 0.36 exposes none of PyTorch's own allocator statistics (its JNI has {@code torchCudaEmptyCache}
 * only), so memory allocated by this process alone cannot be told from the device's.
 *
 * <p>On the CPU it does nothing. On a GPU it has not run: these machines have none and the CUDA
 * natives are not served here. It is kept to calls of DJL and {@link GpuSampler}; the arithmetic is in
 * {@link GpuTrace} and {@link MemoryMetrics}, which tests cover on recorded samples.
 */
final class GpuMemoryProbe implements AutoCloseable {

    private static final long MIB = 1024 * 1024;
    private static final long CUDA_PEAK_MILLIS = 2;
    private static final Duration NVIDIA_SMI_PERIOD = Duration.ofMillis(50);

    private final String device;
    private final Device djlDevice;
    private final Reader reader;
    private final AtomicLong peak = new AtomicLong(-1);
    private volatile String unavailable;
    private PeakSampler cudaPeak;
    private GpuSampler nvidiaSmiPeak;

    /** How one source reads the memory in use; it throws when it cannot. */
    private interface Reader {
        long usedBytes();

        long totalBytes();

        String source();
    }

    private GpuMemoryProbe(String device, Device djlDevice, Reader reader, String unavailable) {
        this.device = device;
        this.djlDevice = djlDevice;
        this.reader = reader;
        this.unavailable = unavailable;
    }

    /**
     * For the worker's device: on the CPU, a probe that reads nothing. A GPU the engine cannot use is
     * the set-up error {@link GpuSupport#check} gives, here rather than from the warm-up on the GPU.
     */
    static GpuMemoryProbe open(EngineSettings engine) throws BenchmarkSetupException {
        if (!engine.gpu()) {
            return new GpuMemoryProbe(engine.device(), null, null, null);
        }
        Engine pytorch = EngineRuntime.engine();
        GpuSupport.of(pytorch).check(engine.device());
        Device gpu = Device.fromName(engine.djlDeviceName(), pytorch);
        String cudaProblem;
        try {
            CudaUtils.getGpuMemory(gpu);
            return new GpuMemoryProbe(engine.device(), gpu, new CudaReader(gpu), null);
        } catch (RuntimeException | LinkageError e) {
            cudaProblem = "DJL's CudaUtils.getGpuMemory failed (" + e.getMessage() + ")";
        }
        String id = GpuTrace.nvidiaSmiId(engine.gpuIndex(), System.getenv("CUDA_VISIBLE_DEVICES"));
        if (id == null) {
            return new GpuMemoryProbe(engine.device(), gpu, null, cudaProblem + ", and CUDA_VISIBLE_DEVICES ("
                    + System.getenv("CUDA_VISIBLE_DEVICES") + ") names no GPU " + engine.gpuIndex() + " for nvidia-smi");
        }
        NvidiaSmiReader nvidiaSmi = new NvidiaSmiReader(id);
        try {
            nvidiaSmi.usedBytes();
            return new GpuMemoryProbe(engine.device(), gpu, nvidiaSmi, null);
        } catch (RuntimeException e) {
            return new GpuMemoryProbe(engine.device(), gpu, null, cudaProblem + ", and " + e.getMessage());
        }
    }

    /** The GPU, where the warm-up runs; empty on the CPU. */
    Optional<Device> device() {
        return Optional.ofNullable(djlDevice);
    }

    /**
     * Returns the blocks PyTorch's caching allocator holds unused to the driver, so that the idle
     * reading holds the CUDA context and handles, not the warm-up's tensors.
     */
    void releaseCachedBlocks() {
        if (djlDevice != null) {
            EngineRuntime.releaseCachedDeviceMemory();
        }
    }

    /** Bytes in use on the device now; -1 on the CPU or when it cannot be read. */
    long used() {
        if (reader == null || unavailable != null) {
            return -1;
        }
        try {
            return reader.usedBytes();
        } catch (RuntimeException e) {
            unavailable = "reading " + reader.source() + " failed: " + e.getMessage();
            return -1;
        }
    }

    /** Starts watching for the peak of a phase. */
    void startPeak() {
        if (reader == null || unavailable != null) {
            return;
        }
        peak.set(used());
        if (reader instanceof NvidiaSmiReader) {
            nvidiaSmiPeak = GpuSampler.start(NVIDIA_SMI_PERIOD);
        } else {
            cudaPeak = new PeakSampler("gpu-memory", () -> peak.accumulateAndGet(used(), Math::max), CUDA_PEAK_MILLIS);
        }
    }

    /** Stops watching; the most in use since {@link #startPeak()}, -1 on the CPU or when unreadable. */
    long peak() {
        if (reader == null) {
            return -1;
        }
        stopWatching();
        long end = used();
        if (reader instanceof NvidiaSmiReader nvidiaSmi && nvidiaSmiPeak != null) {
            double sampled = GpuTrace.peakMemoryMiB(GpuTrace.ofGpu(nvidiaSmiPeak.samples(), nvidiaSmi.id));
            if (!Double.isNaN(sampled)) {
                peak.accumulateAndGet(Math.round(sampled * MIB), Math::max);
            }
        }
        return unavailable != null ? -1 : Math.max(peak.get(), end);
    }

    /** The worker's figures; null on the CPU. */
    GpuMemorySample sample(long idle, long afterLoad, long peakBytes) {
        if (reader == null && unavailable == null) {
            return null;
        }
        if (unavailable != null) {
            return GpuMemorySample.unavailable(device, unavailable);
        }
        try {
            return new GpuMemorySample(device, idle, afterLoad, peakBytes, reader.totalBytes(), reader.source(), null);
        } catch (RuntimeException e) {
            return GpuMemorySample.unavailable(device, "reading " + reader.source() + " failed: " + e.getMessage());
        }
    }

    private void stopWatching() {
        if (cudaPeak != null) {
            cudaPeak.close();
            cudaPeak = null;
        }
        if (nvidiaSmiPeak != null) {
            nvidiaSmiPeak.close();
        }
    }

    @Override
    public void close() {
        stopWatching();
    }

    private record CudaReader(Device gpu) implements Reader {

        @Override
        public long usedBytes() {
            return CudaUtils.getGpuMemory(gpu).getUsed();
        }

        @Override
        public long totalBytes() {
            return CudaUtils.getGpuMemory(gpu).getMax();
        }

        @Override
        public String source() {
            return "cudaMemGetInfo through DJL's CudaUtils.getGpuMemory (total minus free: the CUDA context,"
                    + " PyTorch's reserved blocks and any other process on the device); peak from a reading every "
                    + CUDA_PEAK_MILLIS + " ms";
        }
    }

    private record NvidiaSmiReader(String id) implements Reader {

        @Override
        public long usedBytes() {
            return Math.round(gpu().memoryUsedMiB() * MIB);
        }

        @Override
        public long totalBytes() {
            return Math.round(gpu().memoryTotalMiB() * MIB);
        }

        private GpuSample gpu() {
            GpuSampler.GpuSnapshot snapshot = GpuSampler.snapshot();
            List<GpuSample> mine = GpuTrace.ofGpu(snapshot.gpus(), id);
            if (mine.isEmpty() || mine.get(0).memoryUsedMiB() == null || mine.get(0).memoryTotalMiB() == null) {
                throw new IllegalStateException("nvidia-smi gave no memory.used of GPU " + id + " ("
                        + snapshot.status() + ")");
            }
            return mine.get(0);
        }

        @Override
        public String source() {
            return "nvidia-smi memory.used of GPU " + id + " (the CUDA context, PyTorch's reserved blocks and any other"
                    + " process on the device); peak from samples every " + NVIDIA_SMI_PERIOD.toMillis() + " ms";
        }
    }
}
