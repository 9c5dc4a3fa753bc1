package io.github.qwenbench.host;

/**
 * One GPU at one moment, as {@code nvidia-smi --query-gpu} reports it. A value the GPU does not report
 * ({@code [N/A]}, {@code [Not Supported]}) or that was not queried is null.
 *
 * @param timestamp nvidia-smi's timestamp, {@code yyyy/MM/dd HH:mm:ss.SSS} in the machine's zone
 * @param index the GPU's index
 * @param name its product name
 * @param uuid its UUID
 * @param driverVersion the NVIDIA driver's version
 * @param utilizationPercent share of the last sample period in which a kernel ran
 * @param memoryUtilizationPercent share of it in which device memory was read or written
 * @param memoryUsedMiB device memory in use
 * @param memoryTotalMiB device memory installed
 * @param powerDrawWatts board power draw
 * @param temperatureCelsius core temperature
 * @param smClockMHz current SM clock
 */
public record GpuSample(String timestamp, Integer index, String name, String uuid, String driverVersion,
        Double utilizationPercent, Double memoryUtilizationPercent, Double memoryUsedMiB, Double memoryTotalMiB,
        Double powerDrawWatts, Double temperatureCelsius, Double smClockMHz) {
}
