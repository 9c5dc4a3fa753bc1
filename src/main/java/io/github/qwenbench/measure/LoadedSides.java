package io.github.qwenbench.measure;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import io.github.qwenbench.model.EngineThreads;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.stats.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * In-process models along a curve of tensors: at each point the engine's intra-op threads are set (the
 * declared ones per caller, or the point's own), and a block runs its inferences on one predictor per
 * calling thread; throughput counts samples (a batch of b counts b).
 */
final class LoadedSides implements PairedCurves.Sides<NDList> {

    private final LoadedModel baseline;
    private final LoadedModel candidate;
    private final List<InputSpec> specs;
    private final int batchDimension;
    private final EngineThreads threads;

    LoadedSides(LoadedModel baseline, LoadedModel candidate, List<InputSpec> specs, int batchDimension,
            EngineThreads threads) {
        this.baseline = baseline;
        this.candidate = candidate;
        this.specs = specs;
        this.batchDimension = batchDimension;
        this.threads = threads;
    }

    @Override
    public Integer prepare(PairedCurves.Point<NDList> point) {
        return point.intraOpThreads() == null ? threads.apply(point.name(), point.threads())
                : threads.force(point.name(), point.intraOpThreads());
    }

    @Override
    public PairedCurves.Blocks open(boolean isBaseline, PairedCurves.Point<NDList> point) {
        return new Runner(isBaseline ? baseline : candidate, point);
    }

    @Override
    public void restore() {
        threads.restore();
    }

    @Override
    public String unit() {
        return "samples/s";
    }

    /** Runs blocks of one model at one point: on this thread, or on one predictor per thread. */
    private final class Runner implements PairedCurves.Blocks {
        private final LoadedModel model;
        private final PairedCurves.Point<NDList> point;
        private final List<Predictor<NDList, NDList>> predictors = new ArrayList<>();
        private final ExecutorService pool;
        private final long samplesPerInference;

        Runner(LoadedModel model, PairedCurves.Point<NDList> point) {
            this.model = model;
            this.point = point;
            for (int t = 0; t < point.threads(); t++) {
                predictors.add(model.newPredictor());
            }
            this.pool = point.threads() > 1 ? Executors.newFixedThreadPool(point.threads()) : null;
            NDList first = point.inputs().get(0);
            this.samplesPerInference = first.get(0).getShape().dimension() > batchDimension
                    ? first.get(0).getShape().get(batchDimension) : 1;
        }

        @Override
        public double block(int count, Histogram latency) throws BenchmarkSetupException {
            List<Callable<Histogram>> tasks = new ArrayList<>();
            for (Predictor<NDList, NDList> predictor : predictors) {
                Inference inference = input -> model.predict(predictor, input, specs);
                tasks.add(() -> {
                    Histogram h = LatencySummary.newHistogram();
                    LatencyLoop.run(inference, point.inputs(), 0, count, h);
                    return h;
                });
            }
            long start = System.nanoTime();
            List<Histogram> histograms = run(tasks);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (latency != null) {
                histograms.forEach(latency::add);
            }
            return count * predictors.size() * samplesPerInference / seconds;
        }

        private List<Histogram> run(List<Callable<Histogram>> tasks) throws BenchmarkSetupException {
            try {
                if (pool == null) {
                    return List.of(tasks.get(0).call());
                }
                List<Histogram> out = new ArrayList<>();
                for (Future<Histogram> f : pool.invokeAll(tasks)) {
                    out.add(f.get());
                }
                return out;
            } catch (BenchmarkSetupException e) {
                throw atPoint(e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BenchmarkSetupException setup) {
                    throw atPoint(setup);
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkSetupException("Interrupted at point " + point.name(), e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private BenchmarkSetupException atPoint(BenchmarkSetupException e) {
            return new BenchmarkSetupException("At scalability point " + point.name() + ": " + e.getMessage()
                    + " If the model supports only some sizes, leave the others out of <scalability>.", e);
        }

        @Override
        public void close() {
            predictors.forEach(Predictor::close);
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
