package io.github.qwenbench.workload;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.model.EngineMessages;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.TensorInputs;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs every sample of a workload once through each model before any suite measures. Conversations
 * come in every length and image grid, and a model traced with {@code torch.jit.trace} for one example
 * may accept only that layout: the check names the model, the sample and its conversation's line, the
 * layout the model does accept where the build knows one, and asks whether it was traced for it,
 * instead of failing in the middle of a suite.
 */
public final class WorkloadCheck {

    /** Integer tensors this small (grids) are shown with their values, not only their shape. */
    private static final int SHOWN_VALUES = 12;

    private WorkloadCheck() {
    }

    /** Checks the baseline, then the candidate, on every sample. */
    public static void run(BenchmarkPlan plan, Consumer<String> progress) throws BenchmarkSetupException {
        WorkloadInputs inputs = WorkloadInputs.open(plan);
        TensorInputs replaced = plan.workload().replacedInputs().isEmpty() ? null
                : new TensorInputs(plan.workload().replacedInputs(), plan.seed());
        for (ModelFile model : List.of(plan.baseline(), plan.candidate())) {
            check(model, inputs, plan.workload().samples(), replaced);
            progress.accept("workload: the " + model.role() + " model runs every sample");
        }
    }

    /**
     * Runs samples 0 to {@code samples - 1} through {@code model}.
     *
     * @param replaced the {@code <inputs>} the workload replaced, or null: run when the model rejects a
     *        sample, to tell whether the model accepts their layout
     */
    static void check(ModelFile model, InputFactory inputs, int samples, InputFactory replaced)
            throws BenchmarkSetupException {
        try (LoadedModel loaded = LoadedModel.load(model, false)) {
            List<Integer> accepted = new ArrayList<>();
            for (int k = 0; k < samples; k++) {
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDList sample = inputs.sample(manager, k);
                    try {
                        loaded.predict(sample, inputs.inputs()).close();
                    } catch (BenchmarkSetupException e) {
                        throw new BenchmarkSetupException(rejection(loaded, inputs, k, sample,
                                e.getCause() == null ? e : e.getCause(), accepted, replaced), e);
                    }
                    accepted.add(k);
                }
            }
        }
    }

    private static String rejection(LoadedModel model, InputFactory inputs, int k, NDList sample, Throwable cause,
            List<Integer> accepted, InputFactory replaced) {
        String acceptedLayout = replaced == null ? null : acceptedLayout(model, replaced);
        String samples = accepted.isEmpty() ? "" : (accepted.size() == 1 ? "sample " : "samples ")
                + accepted.stream().map(String::valueOf).collect(Collectors.joining(", "));
        String hint;
        if (acceptedLayout != null && accepted.isEmpty()) {
            hint = "This model accepts only " + acceptedLayout + " (the layout of <inputs>, which it ran)";
        } else if (acceptedLayout != null) {
            hint = "This model accepts " + acceptedLayout + " (the layout of <inputs>, which it ran) and the workload's "
                    + samples + ", but not this one";
        } else if (!accepted.isEmpty()) {
            hint = "It accepted the workload's " + samples + ", but not this one";
        } else {
            hint = "It accepted none of the workload's samples";
        }
        return "The " + model.file().role() + " model " + model.file().path() + " rejected " + inputs.describe(k)
                + ", which gives it " + given(sample) + ": " + EngineMessages.rootCause(cause) + ". " + hint
                + ": was it traced for a fixed layout? A model exported with torch.jit.trace keeps the sizes of its"
                + " example inputs wherever its code turned them into numbers. Export it so that it takes any"
                + " sequence length and image grid (torch.jit.script, or tracing code that reads sizes from its"
                + " inputs), keep to conversations of the layout it accepts, or benchmark it with <inputs>.";
    }

    /** The layout of sample 0 of {@code replaced} when {@code model} runs it, else null. */
    private static String acceptedLayout(LoadedModel model, InputFactory replaced) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList sample = replaced.sample(manager, 0);
            model.predict(sample, replaced.inputs()).close();
            return layout(sample);
        } catch (BenchmarkSetupException | RuntimeException e) {
            return null;
        }
    }

    /** e.g. {@code [1, 24] input_ids, [16, 1536] pixel_values and [1, 3] image_grid_thw}. */
    static String layout(NDList arrays) {
        List<String> parts = arrays.stream().map(a -> Arrays.toString(a.getShape().getShape()) + " " + a.getName())
                .toList();
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** e.g. {@code input_ids [1, 60], pixel_values [280, 1536], image_grid_thw [1, 3] = [[1, 14, 20]]}. */
    private static String given(NDList arrays) {
        List<String> parts = new ArrayList<>();
        for (NDArray array : arrays) {
            long[] shape = array.getShape().getShape();
            String part = array.getName() + " " + Arrays.toString(shape);
            if (!array.getDataType().isFloating() && shape.length == 2 && array.size() > 0
                    && array.size() <= SHOWN_VALUES) {
                long[] values = array.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
                List<String> rows = new ArrayList<>();
                for (int r = 0; r < shape[0]; r++) {
                    rows.add(Arrays.toString(Arrays.copyOfRange(values, (int) (r * shape[1]), (int) ((r + 1) * shape[1]))));
                }
                part += " = " + rows;
            }
            parts.add(part);
        }
        return String.join(", ", parts);
    }
}
