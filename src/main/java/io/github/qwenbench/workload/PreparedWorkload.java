package io.github.qwenbench.workload;

import java.util.List;
import java.util.Locale;

/**
 * What a preparation wrote to {@link SampleFiles}, and for which build: the manifest
 * ({@code workload.json}) beside the samples.
 *
 * @param runId the build (Maven session) that prepared them, or null when not recorded
 * @param fingerprint what they were prepared from: the workload, the forward arguments, the models
 * @param modelsChecked whether both models ran every sample once
 * @param samples one summary per sample, in order
 */
public record PreparedWorkload(String runId, String fingerprint, boolean modelsChecked, List<PreparedSample> samples) {

    public PreparedWorkload {
        samples = List.copyOf(samples);
    }

    /** This preparation, recorded for build {@code runId}. */
    public PreparedWorkload recordedFor(String runId, String fingerprint, boolean modelsChecked) {
        return new PreparedWorkload(runId, fingerprint, modelsChecked, samples);
    }

    /** One line for the log: how many samples, how large, how long preprocessing took. */
    public String summary() {
        long images = samples.stream().mapToLong(s -> s.grids().size()).sum();
        int shortest = samples.stream().mapToInt(PreparedSample::tokens).min().orElse(0);
        int longest = samples.stream().mapToInt(PreparedSample::tokens).max().orElse(0);
        double millis = samples.stream().mapToDouble(PreparedSample::totalMillis).sum();
        return String.format(Locale.ROOT, "%d samples of %d to %d tokens with %d image%s, preprocessed in %.1f ms",
                samples.size(), shortest, longest, images, images == 1 ? "" : "s", millis);
    }
}
