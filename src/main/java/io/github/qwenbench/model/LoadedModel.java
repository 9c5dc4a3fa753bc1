package io.github.qwenbench.model;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A TorchScript model loaded into the PyTorch engine through DJL, with one predictor. */
public final class LoadedModel implements AutoCloseable {

    private final ModelFile file;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final long loadNanos;

    private LoadedModel(ModelFile file, ZooModel<NDList, NDList> model, long loadNanos) {
        this.file = file;
        this.model = model;
        this.predictor = model.newPredictor();
        this.loadNanos = loadNanos;
    }

    /**
     * Loads a model for inference, or, with {@code trainable}, with its parameters loaded as
     * trainable so that gradients can flow.
     */
    public static LoadedModel load(ModelFile file, boolean trainable) throws BenchmarkSetupException {
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(Path.of(file.path()))
                .optEngine("PyTorch")
                .optTranslator(new NoopTranslator());
        if (trainable) {
            criteria.optOption("trainParam", "true");
        }
        long start = System.nanoTime();
        try {
            ZooModel<NDList, NDList> model = criteria.build().loadModel();
            return new LoadedModel(file, model, System.nanoTime() - start);
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new BenchmarkSetupException("The PyTorch engine cannot load the " + file.role() + " model "
                    + file.path() + ": " + EngineMessages.rootCause(e) + ". Check that it is a TorchScript export"
                    + " (torch.jit.trace or torch.jit.script) that this libtorch can read.", e);
        }
    }

    public ModelFile file() {
        return file;
    }

    public ZooModel<NDList, NDList> zooModel() {
        return model;
    }

    /** Milliseconds the engine took to load the model. */
    public double loadMillis() {
        return loadNanos / 1e6;
    }

    /** Runs one inference; the outputs stay in the engine (close them). */
    public NDList predict(NDList inputs, List<InputSpec> specs) throws BenchmarkSetupException {
        return predict(predictor, inputs, specs);
    }

    /** A new predictor of this model, for one thread of its own; close it when done. */
    public Predictor<NDList, NDList> newPredictor() {
        return model.newPredictor();
    }

    /** Runs one inference through {@code predictor}, turning the engine's refusal into a clear error. */
    public NDList predict(Predictor<NDList, NDList> predictor, NDList inputs, List<InputSpec> specs)
            throws BenchmarkSetupException {
        try {
            return predictor.predict(inputs);
        } catch (TranslateException | RuntimeException e) {
            throw rejected(file, inputs, specs, e);
        }
    }

    /** Runs one inference and copies every output out of the engine as float32. */
    public List<OutputTensor> run(NDList inputs, List<InputSpec> specs) throws BenchmarkSetupException {
        try (NDList outputs = predict(inputs, specs)) {
            return copy(outputs);
        }
    }

    /** Copies engine outputs into plain arrays, naming unnamed ones by position. */
    public static List<OutputTensor> copy(NDList outputs) {
        List<OutputTensor> tensors = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            NDArray array = outputs.get(i);
            String name = array.getName() == null || array.getName().isBlank() ? "output" + i : array.getName();
            float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
            tensors.add(new OutputTensor(name, array.getShape().getShape(),
                    array.getDataType().toString().toLowerCase(java.util.Locale.ROOT), values));
        }
        return tensors;
    }

    /** The error for inputs the model refuses: names the model, what it was given, and the engine's reason. */
    public static BenchmarkSetupException rejected(ModelFile file, NDList inputs, List<InputSpec> specs,
            Exception cause) {
        String given = inputs.stream()
                .map(a -> a.getName() + " " + a.getDataType().toString().toLowerCase(java.util.Locale.ROOT)
                        + a.getShape())
                .collect(Collectors.joining(", "));
        List<String> expected = TorchScriptArchive.forwardArguments(Path.of(file.path()));
        return new BenchmarkSetupException("The " + file.role() + " model " + file.path() + " rejected its inputs ["
                + given + "]: " + EngineMessages.rootCause(cause) + ". Check <inputs> (" + specs.size()
                + " configured" + (expected.isEmpty() ? "" : "; the model's forward takes " + expected)
                + "): names, shapes and dtypes must be what the model was exported for.", cause);
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
