package io.github.qwenbench.memory;

/**
 * Samples resident memory every few milliseconds on a background thread, so that a peak between
 * two reads is seen even where the kernel keeps no high-water mark.
 */
final class PeakSampler implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    PeakSampler(ResidentMemory memory, long intervalMillis) {
        thread = new Thread(() -> {
            while (running) {
                memory.current();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "qwen-bench-rss-sampler");
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
