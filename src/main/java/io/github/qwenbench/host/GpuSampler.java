package io.github.qwenbench.host;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Samples every NVIDIA GPU periodically through {@code nvidia-smi}, as the system suite samples the
 * process: one {@code nvidia-smi --query-gpu=... --format=csv,noheader,nounits -lms PERIOD} process
 * that prints a line per GPU per period until it is stopped (one long-lived process rather than one per
 * sample, whose start-up of tens of milliseconds would both limit the rate and load the CPU being
 * measured). Where nvidia-smi is missing or fails, {@link #status()} says so and there are no samples;
 * nothing throws.
 */
public final class GpuSampler implements AutoCloseable {

    /** {@link #status()} when nvidia-smi runs (or ran) and prints samples. */
    public static final String AVAILABLE = "available";

    private final Process process;
    private final Thread reader;
    private final List<GpuSample> samples = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private volatile String status;

    private GpuSampler(Process process, String status) {
        this.process = process;
        this.status = status;
        this.reader = process == null ? null : new Thread(this::read, "qwen-bench-gpu-sampler");
        if (reader != null) {
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Starts sampling every {@code period} with the {@code nvidia-smi} found on {@code PATH}. */
    public static GpuSampler start(Duration period) {
        return start(find(System.getenv("PATH")), period);
    }

    /** Starts sampling with {@code executable}, or reports it missing. */
    static GpuSampler start(Optional<Path> executable, Duration period) {
        if (executable.isEmpty()) {
            return new GpuSampler(null, "unavailable: nvidia-smi not found");
        }
        List<String> command = List.of(executable.get().toString(),
                "--query-gpu=" + String.join(",", NvidiaSmiCsv.QUERY_FIELDS), "--format=csv,noheader,nounits",
                "-lms", Long.toString(Math.max(1, period.toMillis())));
        try {
            return new GpuSampler(new ProcessBuilder(command).redirectErrorStream(true).start(), AVAILABLE);
        } catch (IOException e) {
            return new GpuSampler(null, "unavailable: " + executable.get() + " could not start: " + e.getMessage());
        }
    }

    /**
     * Every GPU once, for the system description: {@code nvidia-smi --query-gpu=...} without a loop,
     * given five seconds.
     */
    public static GpuSnapshot snapshot() {
        return snapshot(find(System.getenv("PATH")));
    }

    static GpuSnapshot snapshot(Optional<Path> executable) {
        if (executable.isEmpty()) {
            return new GpuSnapshot("unavailable: nvidia-smi not found", List.of());
        }
        try {
            Process process = new ProcessBuilder(executable.get().toString(),
                    "--query-gpu=" + String.join(",", NvidiaSmiCsv.QUERY_FIELDS), "--format=csv,noheader,nounits")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new GpuSnapshot("unavailable: nvidia-smi did not answer within 5 s", List.of());
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<GpuSample> gpus = NvidiaSmiCsv.parse(output, NvidiaSmiCsv.QUERY_FIELDS).stream()
                    .filter(g -> g.index() != null).toList();
            return process.exitValue() == 0 && !gpus.isEmpty() ? new GpuSnapshot(AVAILABLE, gpus)
                    : new GpuSnapshot("unavailable: nvidia-smi exited with code " + process.exitValue() + ": "
                            + output.strip().lines().findFirst().orElse(""), List.of());
        } catch (IOException e) {
            return new GpuSnapshot("unavailable: " + executable.get() + " could not start: " + e.getMessage(),
                    List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GpuSnapshot("unavailable: interrupted", List.of());
        }
    }

    /**
     * The GPUs at one moment.
     *
     * @param status {@link #AVAILABLE}, or {@code unavailable: why}
     * @param gpus one sample per GPU; empty when unavailable
     */
    public record GpuSnapshot(String status, List<GpuSample> gpus) {
    }

    /** The first executable {@code nvidia-smi} in the folders of {@code path} (a PATH value). */
    static Optional<Path> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, "nvidia-smi");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                GpuSample sample = NvidiaSmiCsv.parseLine(line, NvidiaSmiCsv.QUERY_FIELDS);
                synchronized (samples) {
                    if (sample.index() != null) {
                        samples.add(sample);
                    } else if (rejected.size() < 5) {
                        rejected.add(line.trim());
                    }
                }
            }
        } catch (IOException e) {
            // The stream closes when close() destroys the process: that is the normal end.
        }
    }

    /**
     * {@link #AVAILABLE}, or {@code unavailable: why}: nvidia-smi missing, or exited on its own (no driver,
     * no GPU), with the first lines it printed that were not samples.
     */
    public String status() {
        if (process != null && !process.isAlive() && AVAILABLE.equals(status)) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (samples) {
                if (samples.isEmpty()) {
                    status = "unavailable: nvidia-smi exited with code " + process.exitValue()
                            + (rejected.isEmpty() ? "" : ": " + String.join(" ", rejected));
                }
            }
        }
        return status;
    }

    /** The samples so far, every GPU's in the order they came. */
    public List<GpuSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Stops nvidia-smi (SIGTERM, then SIGKILL after two seconds) and waits for the last lines. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        status();
    }
}
