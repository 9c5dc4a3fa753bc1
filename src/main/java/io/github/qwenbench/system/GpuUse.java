package io.github.qwenbench.system;

import io.github.qwenbench.host.GpuSample;
import io.github.qwenbench.host.GpuTrace;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The GPU during one model's turns of the system suite, from nvidia-smi sampled by that model's worker.
 * Utilization and power are the device's, which only this model loads during its turns; memory used is
 * the device's too, so it includes the other model's worker (both are alive, taking turns) and any other
 * process on that GPU.
 *
 * @param device {@code gpu:N}
 * @param gpu the GPU as nvidia-smi knows it: its index or UUID, and its product name
 * @param source how the figures were read, and their limits
 * @param windows the GPU in each window of {@link SystemSample#windows()}, in the same order
 * @param utilizationPercent mean {@code utilization.gpu} over the windows with samples, by their length
 * @param memoryUsedMiB the most {@code memory.used} in any window
 * @param powerWatts mean board power over the windows with samples
 * @param joules board energy over the windows with samples: power integrated over each
 * @param joulesPerInference {@code joules} over the requests completed in those windows; NaN without any
 * @param windowsWithoutSamples windows in which nvidia-smi gave no sample of this GPU, left out of the
 *     totals (a window whose samples lack power is left out of the energy alone)
 */
public record GpuUse(String device, String gpu, String source, List<GpuTrace.Interval> windows,
        double utilizationPercent, double memoryUsedMiB, double powerWatts, double joules, double joulesPerInference,
        int windowsWithoutSamples) {

    /**
     * One turn of this model.
     *
     * @param fromMillis when it started, milliseconds since the epoch
     * @param toMillis when its last request returned
     * @param completed requests completed in it
     */
    public record Turn(long fromMillis, long toMillis, long completed) {
    }

    /**
     * Joules per inference from the GPU's board power, for {@link SystemSample#energy()} where RAPL is
     * absent.
     */
    SystemSample.Energy energy() {
        return new SystemSample.Energy(true, "GPU board energy: nvidia-smi power.draw of " + gpu + " integrated over"
                + " this model's windows (no RAPL here, so the CPU's share is not counted)", joulesPerInference,
                1 / joulesPerInference);
    }

    /**
     * The GPU nvidia-smi calls {@code nvidiaSmiId} over {@code turns}, from every GPU's {@code samples}
     * with their timestamps in {@code zone}.
     *
     * @param source how the samples were taken, for the results
     */
    public static GpuUse of(String device, String nvidiaSmiId, String source, List<GpuSample> samples,
            List<Turn> turns, ZoneId zone) {
        List<GpuSample> gpu = GpuTrace.ofGpu(samples, nvidiaSmiId);
        List<GpuTrace.Interval> windows = new ArrayList<>();
        double joules = 0;
        long poweredMillis = 0;
        long completed = 0;
        double busyMillis = 0;
        long utilizationMillis = 0;
        double memory = Double.NaN;
        int empty = 0;
        for (Turn turn : turns) {
            GpuTrace.Interval window = GpuTrace.interval(gpu, turn.fromMillis(), turn.toMillis(), zone);
            windows.add(window);
            long length = turn.toMillis() - turn.fromMillis();
            if (window.samples() == 0) {
                empty++;
            }
            if (!Double.isNaN(window.joules())) {
                joules += window.joules();
                poweredMillis += length;
                completed += turn.completed();
            }
            if (!Double.isNaN(window.utilizationPercent())) {
                busyMillis += window.utilizationPercent() * length;
                utilizationMillis += length;
            }
            if (!Double.isNaN(window.memoryUsedMiB())) {
                memory = Double.isNaN(memory) ? window.memoryUsedMiB() : Math.max(memory, window.memoryUsedMiB());
            }
        }
        String name = gpu.stream().map(GpuSample::name).filter(n -> n != null).findFirst().orElse("unnamed");
        return new GpuUse(device, "nvidia-smi GPU " + nvidiaSmiId + " (" + name + ")", source, windows,
                utilizationMillis == 0 ? Double.NaN : busyMillis / utilizationMillis, memory,
                poweredMillis == 0 ? Double.NaN : joules / (poweredMillis / 1000.0),
                poweredMillis == 0 ? Double.NaN : joules, completed == 0 ? Double.NaN : joules / completed, empty);
    }
}
