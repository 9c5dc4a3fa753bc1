package io.github.qwenbench.host;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * What a series of nvidia-smi samples adds up to: which GPU is the engine's, the samples of one
 * interval, their time-weighted means, the power integrated to joules, the largest memory in use.
 * Plain functions over {@link GpuSample}s, so that the samplers stay thin and tests feed recorded ones.
 *
 * <p>Time weighting: within an interval each sample stands for the time nearer to it than to any other
 * sample of the interval (the first reaches back to the interval's start, the last forward to its
 * end). A stalled sampler therefore does not over-weight the samples around the stall, and nothing is
 * extrapolated from samples outside the interval. Energy is the time-weighted mean power times the
 * interval's length.
 */
public final class GpuTrace {

    /** nvidia-smi's {@code timestamp}, in the machine's time zone. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS");

    private GpuTrace() {
    }

    /**
     * One GPU over one interval.
     *
     * @param samples how many samples fell in the interval
     * @param utilizationPercent time-weighted mean of {@code utilization.gpu}; NaN without samples
     * @param memoryUsedMiB the largest {@code memory.used}; NaN without samples
     * @param powerWatts time-weighted mean of {@code power.draw}; NaN without samples
     * @param joules {@code powerWatts} times the interval's length; NaN without samples
     */
    public record Interval(int samples, double utilizationPercent, double memoryUsedMiB, double powerWatts,
            double joules) {
    }

    /**
     * How nvidia-smi names CUDA device {@code cudaIndex} (the engine's {@code gpu:N}): CUDA numbers the
     * devices {@code CUDA_VISIBLE_DEVICES} lists, in its order, and each entry is an nvidia-smi index
     * or a UUID (or a prefix of one); without it, the index itself. Null when the list has no such
     * entry. (CUDA orders the GPUs fastest first unless {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}, nvidia-smi
     * by PCI bus: on a machine with different GPU models the two agree only with that setting.)
     */
    public static String nvidiaSmiId(int cudaIndex, String cudaVisibleDevices) {
        if (cudaVisibleDevices == null) {
            return Integer.toString(cudaIndex);
        }
        String[] entries = cudaVisibleDevices.split(",");
        if (cudaIndex >= entries.length || entries[cudaIndex].isBlank()) {
            return null;
        }
        return entries[cudaIndex].trim();
    }

    /** The samples of the GPU nvidia-smi calls {@code id}: an index, or a UUID or a prefix of one. */
    public static List<GpuSample> ofGpu(List<GpuSample> samples, String id) {
        Integer index = id.chars().allMatch(Character::isDigit) ? Integer.valueOf(id) : null;
        return samples.stream()
                .filter(s -> index != null ? index.equals(s.index()) : s.uuid() != null && s.uuid().startsWith(id))
                .toList();
    }

    /** The sample's time in milliseconds since the epoch, or -1 when it has no readable timestamp. */
    public static long epochMillis(GpuSample sample, ZoneId zone) {
        if (sample.timestamp() == null) {
            return -1;
        }
        try {
            return LocalDateTime.parse(sample.timestamp().trim(), TIMESTAMP).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /**
     * One GPU's samples from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive), epoch
     * milliseconds, their timestamps read in {@code zone}.
     */
    public static Interval interval(List<GpuSample> gpu, long fromMillis, long toMillis, ZoneId zone) {
        List<Timed> inside = new ArrayList<>();
        for (GpuSample sample : gpu) {
            long at = epochMillis(sample, zone);
            if (at >= fromMillis && at < toMillis) {
                inside.add(new Timed(at, sample));
            }
        }
        inside.sort(Comparator.comparingLong(Timed::at));
        double power = timeWeightedMean(inside, GpuSample::powerDrawWatts, fromMillis, toMillis);
        return new Interval(inside.size(), timeWeightedMean(inside, GpuSample::utilizationPercent, fromMillis, toMillis),
                peakMemoryMiB(inside.stream().map(Timed::sample).toList()), power,
                power * (toMillis - fromMillis) / 1000.0);
    }

    /** The largest {@code memory.used} among {@code gpu}'s samples; NaN when none reports it. */
    public static double peakMemoryMiB(List<GpuSample> gpu) {
        return gpu.stream().map(GpuSample::memoryUsedMiB).filter(v -> v != null).mapToDouble(Double::doubleValue)
                .max().orElse(Double.NaN);
    }

    private record Timed(long at, GpuSample sample) {
    }

    /** The mean of one figure, each sample weighted by the time nearer to it than to its neighbours. */
    private static double timeWeightedMean(List<Timed> sorted, Function<GpuSample, Double> figure, long from,
            long to) {
        List<Timed> reported = sorted.stream().filter(t -> figure.apply(t.sample()) != null).toList();
        if (reported.isEmpty() || to <= from) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < reported.size(); i++) {
            double start = i == 0 ? from : (reported.get(i - 1).at() + reported.get(i).at()) / 2.0;
            double end = i == reported.size() - 1 ? to : (reported.get(i).at() + reported.get(i + 1).at()) / 2.0;
            sum += (end - start) * figure.apply(reported.get(i).sample());
        }
        return sum / (to - from);
    }
}
