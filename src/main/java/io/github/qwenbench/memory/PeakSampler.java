package io.github.qwenbench.memory;

/**
 * Reads a figure every few milliseconds on a background thread (resident memory, GPU memory), so that
 * a peak between two reads is seen even where nothing keeps a high-water mark; the reader keeps the
 * peak.
 */
final class PeakSampler implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    PeakSampler(String name, Runnable read, long intervalMillis) {
        thread = new Thread(() -> {
            while (running) {
                read.run();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "qwen-bench-" + name + "-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
