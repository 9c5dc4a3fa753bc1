package io.github.qwenbench.scalability;

import io.github.qwenbench.endpoint.Endpoint;
import io.github.qwenbench.endpoint.ServedPair;
import io.github.qwenbench.endpoint.StreamedAnswer;
import io.github.qwenbench.measure.PairedCurves;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.workload.ChatRequests;
import io.github.qwenbench.workload.Conversation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * Two served models along a curve of concurrent users: in a block each of the point's users sends its
 * {@code count} requests one after another (a closed loop without think time), user {@code u}'s k-th
 * request being conversation {@code (u + k) mod n} of the workload's samples, so that both endpoints'
 * blocks carry the same conversations. Throughput counts answers per second (every request streamed to its
 * end); latency is each request's, from sending it to the end of its stream. A failed request stops the
 * suite with what the server did: this curve measures capacity, and the system suite counts failures under
 * load. No busy-machine rule applies: the server, wherever it runs, is the system under test.
 */
final class ServedSides implements PairedCurves.Sides<Conversation> {

    private final ServedPair pair;
    private final int maxNewTokens;

    ServedSides(ServedPair pair, int maxNewTokens) {
        this.pair = pair;
        this.maxNewTokens = maxNewTokens;
    }

    @Override
    public Integer prepare(PairedCurves.Point<Conversation> point) {
        return null;
    }

    @Override
    public PairedCurves.Blocks open(boolean baseline, PairedCurves.Point<Conversation> point)
            throws BenchmarkSetupException {
        Endpoint endpoint = baseline ? pair.baseline() : pair.candidate();
        List<byte[]> bodies = new ArrayList<>();
        for (Conversation conversation : point.inputs()) {
            bodies.add(ChatRequests.body(conversation, endpoint.model(), maxNewTokens, null, List.of()));
        }
        return new Users(endpoint, bodies, point);
    }

    @Override
    public void restore() {
    }

    @Override
    public String unit() {
        return "answers/s";
    }

    /** One endpoint's users at one point. */
    private final class Users implements PairedCurves.Blocks {
        private final Endpoint endpoint;
        private final List<byte[]> bodies;
        private final PairedCurves.Point<Conversation> point;
        private final ExecutorService pool;

        Users(Endpoint endpoint, List<byte[]> bodies, PairedCurves.Point<Conversation> point) {
            this.endpoint = endpoint;
            this.bodies = bodies;
            this.point = point;
            this.pool = Executors.newFixedThreadPool(point.threads(), r -> {
                Thread t = new Thread(r, "qwen-bench-user");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public double block(int count, Histogram latency) throws BenchmarkSetupException {
            List<Callable<Histogram>> users = new ArrayList<>();
            for (int u = 0; u < point.threads(); u++) {
                int user = u;
                users.add(() -> {
                    Histogram h = LatencySummary.newHistogram();
                    for (int k = 0; k < count; k++) {
                        int sample = (user + k) % bodies.size();
                        StreamedAnswer answer = pair.complete(endpoint, bodies.get(sample), sample);
                        LatencySummary.record(h, answer.endNanos() - answer.sendNanos());
                    }
                    return h;
                });
            }
            long start = System.nanoTime();
            List<Histogram> histograms = new ArrayList<>();
            try {
                for (Future<Histogram> f : pool.invokeAll(users)) {
                    histograms.add(f.get());
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BenchmarkSetupException failed) {
                    throw new BenchmarkSetupException("At scalability point " + point.name() + ": "
                            + failed.getMessage(), failed);
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkSetupException("Interrupted at scalability point " + point.name(), e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (latency != null) {
                histograms.forEach(latency::add);
            }
            return (double) count * point.threads() / seconds;
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
