package io.github.qwenbench.accuracy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.qwenbench.model.EngineMessages;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.OutputTensor;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs baseline and candidate on the same samples and measures how far the candidate's outputs are
 * from the baseline's; then each model's own stability, and optionally greedy generation and
 * gradient flow.
 */
public final class AccuracyRunner implements SuiteRunner {

    @Override
    public AccuracyMetrics run(SuiteContext context) throws BenchmarkSetupException {
        if (context.plan().baseline().served()) {
            return ServedAccuracy.run(context);
        }
        AccuracySettings settings = context.plan().accuracy();
        InputFactory inputs = context.inputs();
        List<InputSpec> specs = inputs.inputs();
        List<OutputAccuracy> outputs;
        List<AccuracyMetrics.Stability> stability = new ArrayList<>();
        AccuracyMetrics.Generation generation = null;
        AccuracyMetrics.Task task;
        try (LoadedModel baseline = LoadedModel.load(context.plan().baseline(), false);
                LoadedModel candidate = LoadedModel.load(context.plan().candidate(), false)) {
            outputs = compareOutputs(context, baseline, candidate);
            if (settings.generationEnabled() && baseline.isPackage() && candidate.isPackage()) {
                context.progress().accept("logits of " + settings.generationSteps() + " decode steps, both packages fed"
                        + " the baseline's greedy tokens");
                outputs = new ArrayList<>(outputs);
                outputs.add(StepLogits.compare(baseline, candidate, inputs, settings));
            }
            stability.add(stability(baseline, inputs, settings.perturbation()));
            stability.add(stability(candidate, inputs, settings.perturbation()));
            if (settings.generationEnabled()) {
                context.progress().accept("greedy generation: " + settings.generationSteps() + " tokens per sequence");
                generation = GreedyGeneration.compare(baseline, candidate, inputs, settings);
            }
            task = TaskAccuracy.measure(context.plan(), baseline, candidate, inputs, context.progress());
        }
        List<AccuracyMetrics.GradientFlow> gradients = new ArrayList<>();
        if (settings.gradientFlow()) {
            context.progress().accept("gradient flow: one backward pass per model");
            gradients.add(gradientFlow(context.plan().baseline(), inputs));
            gradients.add(gradientFlow(context.plan().candidate(), inputs));
        }
        return new AccuracyMetrics(outputs, stability, generation, gradients, task);
    }

    private static List<OutputAccuracy> compareOutputs(SuiteContext context, LoadedModel baseline,
            LoadedModel candidate) throws BenchmarkSetupException {
        int samples = context.plan().accuracy().samples();
        List<InputSpec> specs = context.inputs().inputs();
        List<OutputAccuracy.Accumulator> accumulators = null;
        for (int i = 0; i < samples; i++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDList sample = context.inputs().sample(manager, i);
                List<OutputTensor> expected = baseline.run(sample, specs);
                List<OutputTensor> actual = candidate.run(sample, specs);
                requireComparable(expected, actual, baseline.file(), candidate.file());
                if (accumulators == null) {
                    accumulators = new ArrayList<>();
                    for (OutputTensor t : expected) {
                        accumulators.add(new OutputAccuracy.Accumulator(t.name(), t.shape()));
                    }
                }
                for (int o = 0; o < expected.size(); o++) {
                    OutputTensor b = expected.get(o);
                    accumulators.get(o).add(TensorComparison.of(b.values(), actual.get(o).values(),
                            b.logitLike() ? b.lastAxis() : 0));
                }
            }
            if ((i + 1) % 4 == 0 || i + 1 == samples) {
                context.progress().accept("compared " + (i + 1) + "/" + samples + " samples");
            }
        }
        return accumulators.stream().map(OutputAccuracy.Accumulator::result).toList();
    }

    private static void requireComparable(List<OutputTensor> expected, List<OutputTensor> actual, ModelFile baseline,
            ModelFile candidate) throws BenchmarkSetupException {
        if (expected.isEmpty()) {
            throw new BenchmarkSetupException("The baseline model " + baseline.path()
                    + " returned no tensor outputs, so there is nothing to compare.");
        }
        if (expected.size() != actual.size()) {
            throw new BenchmarkSetupException("The candidate " + candidate.path() + " returns " + actual.size()
                    + " outputs but the baseline " + baseline.path() + " returns " + expected.size()
                    + ": the models are not interchangeable, so their outputs cannot be compared.");
        }
        for (int o = 0; o < expected.size(); o++) {
            if (!Arrays.equals(expected.get(o).shape(), actual.get(o).shape())) {
                throw new BenchmarkSetupException("Output " + o + " of the candidate " + candidate.path()
                        + " has shape " + actual.get(o).describeShape() + " but the baseline's has "
                        + expected.get(o).describeShape() + ": the models are not interchangeable.");
            }
        }
    }

    /** Runs sample 0 twice, then once with noisy floating inputs, and measures how outputs move. */
    private static AccuracyMetrics.Stability stability(LoadedModel model, InputFactory inputs, double perturbation)
            throws BenchmarkSetupException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList sample = inputs.sample(manager, 0);
            List<OutputTensor> first = model.run(sample, inputs.inputs());
            List<OutputTensor> second = model.run(sample, inputs.inputs());
            double repeatRelative = 0;
            double repeatAbs = 0;
            for (int o = 0; o < first.size(); o++) {
                TensorComparison c = TensorComparison.of(first.get(o).values(), second.get(o).values(), 0);
                repeatRelative = Math.max(repeatRelative, c.relativeL2Error());
                repeatAbs = Math.max(repeatAbs, c.maxAbsoluteError());
            }
            double change = Double.NaN;
            if (inputs.hasFloatingInput()) {
                List<OutputTensor> noisy = model.run(inputs.perturb(manager, sample, perturbation, 0), inputs.inputs());
                change = 0;
                for (int o = 0; o < first.size(); o++) {
                    change = Math.max(change,
                            TensorComparison.of(first.get(o).values(), noisy.get(o).values(), 0).relativeL2Error());
                }
            }
            return new AccuracyMetrics.Stability(model.file().role(), repeatRelative, repeatAbs,
                    inputs.hasFloatingInput() ? perturbation : Double.NaN, change);
        }
    }

    /**
     * One backward pass of the mean squared outputs through a model loaded with trainable
     * parameters; every parameter must receive a finite gradient that is not all zeros.
     */
    private static AccuracyMetrics.GradientFlow gradientFlow(ModelFile file, InputFactory inputs)
            throws BenchmarkSetupException {
        try (LoadedModel model = LoadedModel.load(file, true); NDManager manager = NDManager.newBaseManager()) {
            Block block = model.zooModel().getBlock();
            List<Pair<String, Parameter>> parameters = new ArrayList<>();
            block.getParameters().forEach(parameters::add);
            for (Pair<String, Parameter> p : parameters) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            NDList sample = inputs.sample(manager, 0);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDList outputs = block.forward(new ParameterStore(manager, false), sample, true);
                NDArray loss = null;
                for (NDArray output : outputs) {
                    if (output.getDataType().isFloating()) {
                        NDArray term = output.square().mean();
                        loss = loss == null ? term : loss.add(term);
                    }
                }
                if (loss == null) {
                    return new AccuracyMetrics.GradientFlow(file.role(), parameters.size(), List.of(), List.of(),
                            "the model has no floating output to differentiate");
                }
                collector.backward(loss);
            }
            List<String> zero = new ArrayList<>();
            List<String> nonFinite = new ArrayList<>();
            for (Pair<String, Parameter> p : parameters) {
                NDArray gradient = p.getValue().getArray().getGradient();
                if (gradient == null || gradient.getShape().equals(new Shape())) {
                    zero.add(p.getKey());
                    continue;
                }
                float[] values = gradient.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                boolean anyNonZero = false;
                boolean allFinite = true;
                for (float v : values) {
                    anyNonZero |= v != 0;
                    allFinite &= Float.isFinite(v);
                }
                if (!allFinite) {
                    nonFinite.add(p.getKey());
                } else if (!anyNonZero) {
                    zero.add(p.getKey());
                }
            }
            return new AccuracyMetrics.GradientFlow(file.role(), parameters.size(), zero, nonFinite, null);
        } catch (RuntimeException e) {
            return new AccuracyMetrics.GradientFlow(file.role(), 0, List.of(), List.of(), EngineMessages.rootCause(e));
        }
    }
}
