package io.github.qwenbench.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.qwenbench.onnx.OnnxBlock;
import io.github.qwenbench.onnx.OnnxPackage;
import io.github.qwenbench.onnx.PackageBatch;
import io.github.qwenbench.onnx.PackageBlock;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EngineSettings;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.torchscript.TorchScript;
import io.github.qwenbench.torchscript.TorchScriptArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A model loaded for the suites, with one predictor: a TorchScript file in the PyTorch engine through
 * DJL, on the configured device; or, on the CPU, an ONNX file or a three-part ONNX package in ONNX
 * Runtime, as a DJL block of its own ({@link OnnxBlock}, {@link PackageBlock}) whose arrays live in the
 * PyTorch engine like every other model's, so that the suites run both engines alike.
 */
public final class LoadedModel implements AutoCloseable {

    /**
     * The worker's device ({@code cpu} or {@code gpu:N}, as {@link EngineSettings#device()} spells
     * it), set with the engine's other settings before anything loads; unset means the CPU.
     */
    public static final String DEVICE_PROPERTY = "qwen-bench.device";

    private final ModelFile file;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final Device device;
    private final long loadNanos;

    private LoadedModel(ModelFile file, ZooModel<NDList, NDList> model, Device device, long loadNanos) {
        this.file = file;
        this.model = model;
        this.predictor = model.newPredictor();
        this.device = device;
        this.loadNanos = loadNanos;
    }

    /**
     * Loads a model for inference on the worker's device ({@link #DEVICE_PROPERTY}), or, with
     * {@code trainable}, with its parameters loaded as trainable so that gradients can flow.
     */
    public static LoadedModel load(ModelFile file, boolean trainable) throws BenchmarkSetupException {
        return load(file, trainable, System.getProperty(DEVICE_PROPERTY, EngineSettings.CPU));
    }

    /**
     * Loads a model on {@code device} ({@code cpu} or {@code gpu:N}); a GPU the engine cannot use is a
     * set-up error that says what is missing.
     */
    public static LoadedModel load(ModelFile file, boolean trainable, String device) throws BenchmarkSetupException {
        if (file.onnx()) {
            return loadOnnx(file, trainable, device, null);
        }
        Device target = device(device);
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(Path.of(file.path()))
                .optEngine("PyTorch")
                // Explicit even for the CPU: DJL's default device is the first GPU whenever one is visible.
                .optDevice(target)
                .optTranslator(new NoopTranslator());
        if (trainable) {
            criteria.optOption("trainParam", "true");
        }
        long start = System.nanoTime();
        try {
            ZooModel<NDList, NDList> model = criteria.build().loadModel();
            return new LoadedModel(file, model, target, System.nanoTime() - start);
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new BenchmarkSetupException("The PyTorch engine cannot load the " + file.role() + " model "
                    + file.path() + ": " + EngineMessages.rootCause(e) + ". Check that it is a TorchScript export"
                    + " (torch.jit.trace or torch.jit.script) that this libtorch can read.", e);
        }
    }

    /** ONNX Runtime's graph optimization level for every session (recorded with the engine in the results). */
    public static final String ONNX_OPTIMIZATION = "all";

    /**
     * Loads an ONNX model (a file or a package) whose sessions ONNX Runtime profiles from their first run,
     * each writing its trace under {@code profilePrefix}; {@link #endProfiling} returns the traces. A copy
     * of its own: a profiled session is slower, and measures nothing else.
     */
    public static LoadedModel loadProfiledOnnx(ModelFile file, Path profilePrefix) throws BenchmarkSetupException {
        if (!file.onnx()) {
            throw new IllegalArgumentException(file.path() + " does not run in ONNX Runtime");
        }
        return loadOnnx(file, false, EngineSettings.CPU, profilePrefix);
    }

    /** Ends the profiling of a model loaded with {@link #loadProfiledOnnx}; returns its sessions' traces. */
    public List<Path> endProfiling() throws BenchmarkSetupException {
        if (onnxBlock instanceof PackageBlock pkg) {
            return pkg.endProfiling();
        }
        if (onnxBlock instanceof OnnxBlock onnx) {
            return onnx.endProfiling();
        }
        throw new IllegalStateException(file.path() + " does not run in ONNX Runtime");
    }

    private static LoadedModel loadOnnx(ModelFile file, boolean trainable, String device, Path profilePrefix)
            throws BenchmarkSetupException {
        String what = "the " + file.role() + " model";
        if (trainable) {
            throw new BenchmarkSetupException(what + " " + file.path() + " runs in ONNX Runtime, which computes no"
                    + " gradients: the gradient-flow check does not apply to it.");
        }
        if (!EngineSettings.CPU.equals(device)) {
            throw new BenchmarkSetupException(what + " " + file.path() + " runs in ONNX Runtime, which this plugin"
                    + " runs on the CPU only; set <engine><device>cpu</device> or benchmark a TorchScript export on "
                    + device + ".");
        }
        long start = System.nanoTime();
        AutoCloseable block;
        Model model = Model.newInstance(file.role(), Device.cpu(), "PyTorch");
        if (ModelFile.ONNX_PACKAGE.equals(file.engine())) {
            OnnxPackage.Variants variants = OnnxPackage.Variants.parse(file.variant(), "<" + file.role() + "><variant>");
            PackageBlock pkg = PackageBlock.open(OnnxPackage.open(Path.of(file.path()), variants.all(),
                    variants.parts(), what), EngineRuntime::intraOpThreads, ONNX_OPTIMIZATION, true, profilePrefix,
                    what);
            model.setBlock(pkg);
            block = pkg;
        } else {
            OnnxBlock onnx = OnnxBlock.open(Path.of(file.path()), EngineRuntime::intraOpThreads, ONNX_OPTIMIZATION,
                    true, profilePrefix, what);
            model.setBlock(onnx);
            block = onnx;
        }
        LoadedModel loaded = new LoadedModel(file, new ZooModel<>(model, new NoopTranslator()), Device.cpu(),
                System.nanoTime() - start);
        loaded.onnxBlock = block;
        return loaded;
    }

    /** The ONNX Runtime block of an ONNX model, or null for TorchScript. */
    private AutoCloseable onnxBlock;

    /** Whether this model is a three-part ONNX package, which generates over its own cache ({@link #generate}). */
    public boolean isPackage() {
        return onnxBlock instanceof PackageBlock;
    }

    /**
     * Greedy generation over a package's own key/value cache (the caller's part done as Hugging Face
     * does), from the workload's prompt arrays.
     */
    public GeneratedTokens generate(NDList prompt, int maxNewTokens, java.util.Set<Long> stops)
            throws BenchmarkSetupException {
        if (!(onnxBlock instanceof PackageBlock pkg)) {
            throw new IllegalStateException(file.path() + " is not a three-part package");
        }
        var g = pkg.generate(prompt, maxNewTokens, stops);
        return new GeneratedTokens(g.tokens(), g.stopped(), g.stepNanos(), g.cacheBytes(), g.cachePositions());
    }

    /**
     * Prefills {@code prompt} (one sequence, the workload's arrays) over a package's own cache, as a batch that
     * other sequences may join: continuous batching.
     */
    public SequenceBatch prefillBatch(NDList prompt) throws BenchmarkSetupException {
        if (!(onnxBlock instanceof PackageBlock pkg)) {
            throw new IllegalStateException(file.path() + " is not a three-part package");
        }
        return new PackageSequences(pkg.prefillBatch(prompt));
    }

    /** A package's batch as the engine-neutral {@link SequenceBatch}. */
    private record PackageSequences(PackageBatch batch) implements SequenceBatch {
        @Override
        public int size() {
            return batch.size();
        }

        @Override
        public long[] nextTokens() {
            return batch.nextTokens();
        }

        @Override
        public void step(long[] tokens) throws BenchmarkSetupException {
            batch.step(tokens);
        }

        @Override
        public SequenceBatch join(SequenceBatch other) throws BenchmarkSetupException {
            return new PackageSequences(batch.join(((PackageSequences) other).batch));
        }

        @Override
        public void keep(boolean[] keep) throws BenchmarkSetupException {
            batch.keep(keep);
        }

        @Override
        public void close() {
            batch.close();
        }
    }

    /**
     * A package's next-token logits after the prefill and after each of {@code tokens} fed in turn ({@code [rows][steps]},
     * the same for both models of a comparison): {@code steps + 1} arrays of {@code rows x vocabulary} values.
     */
    public List<float[]> forcedLogits(NDList prompt, long[][] tokens) throws BenchmarkSetupException {
        if (!(onnxBlock instanceof PackageBlock pkg)) {
            throw new IllegalStateException(file.path() + " is not a three-part package");
        }
        return pkg.forced(prompt, tokens).stream().map(l -> l.values()).toList();
    }

    /** The single ONNX graph's block when this model is one, else null. */
    public OnnxBlock onnxGraph() {
        return onnxBlock instanceof OnnxBlock b ? b : null;
    }

    /** DJL's device for {@code cpu} or {@code gpu:N}, after checking that the engine can use it. */
    static Device device(String device) throws BenchmarkSetupException {
        Engine engine = TorchScript.engine();
        if (device.startsWith("gpu:")) {
            GpuSupport.of(engine).check(device);
            return Device.fromName("gpu" + device.substring("gpu:".length()), engine);
        }
        return Device.fromName(EngineSettings.CPU, engine);
    }

    public ModelFile file() {
        return file;
    }

    /** Where the model and its inputs live. */
    public Device device() {
        return device;
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

    /**
     * Runs one inference through {@code predictor} (the model's own when null), turning the engine's refusal
     * into a clear error.
     * Inputs on another device are copied to the model's first (inside the call, so inside any timing;
     * make them on {@link #device()} to keep that copy out).
     *
     * <p>On a GPU the call returns only once the results are on the host: CUDA kernels run
     * asynchronously, so returning the device tensors would let a timer stop before the GPU finished.
     * Copying every output to the CPU ({@code NDArray.toDevice(cpu)}, a blocking device-to-host copy on
     * the current stream) waits for all the work queued before it, and a model's results must reach the
     * host to be used anyway. On the CPU nothing is copied.
     */
    public NDList predict(Predictor<NDList, NDList> predictor, NDList inputs, List<InputSpec> specs)
            throws BenchmarkSetupException {
        NDList onDevice = moved(inputs, device);
        try {
            NDList outputs = (predictor == null ? this.predictor : predictor).predict(onDevice);
            if (Device.Type.CPU.equals(device.getDeviceType())) {
                return outputs;
            }
            NDList onHost = moved(outputs, Device.cpu());
            closeCopies(outputs, onHost);
            return onHost;
        } catch (TranslateException | RuntimeException e) {
            throw rejected(file, inputs, specs, e);
        } finally {
            closeCopies(onDevice, inputs);
        }
    }

    /** Closes the arrays of {@code arrays} that are not also in {@code kept}. */
    private static void closeCopies(NDList arrays, NDList kept) {
        for (int i = 0; i < arrays.size(); i++) {
            if (arrays.get(i) != kept.get(i)) {
                arrays.get(i).close();
            }
        }
    }

    /** The arrays on {@code target}, named as before; those already there are the same objects. */
    private static NDList moved(NDList arrays, Device target) {
        NDList moved = new NDList(arrays.size());
        for (NDArray array : arrays) {
            if (array.getDevice().equals(target)) {
                moved.add(array);
            } else {
                NDArray copy = array.toDevice(target, true);
                copy.setName(array.getName());
                moved.add(copy);
            }
        }
        return moved;
    }

    /**
     * Runs one inference and copies its results out of the engine as float32: every output, except for a
     * model with a key/value cache ({@link #hasDecodeMethod}), whose prefill returns the logits first and
     * then its cache, which is state, not a result: only the logits are its result.
     */
    public List<OutputTensor> run(NDList inputs, List<InputSpec> specs) throws BenchmarkSetupException {
        try (NDList outputs = predict(inputs, specs)) {
            List<OutputTensor> copied = copy(outputs);
            return hasDecodeMethod() && !copied.isEmpty() ? List.of(copied.get(0)) : copied;
        }
    }

    /** Whether the TorchScript module exports a {@code decode} method: the cached-generation contract. */
    public boolean hasDecodeMethod() {
        if (onnxBlock != null) {
            return false;
        }
        if (decodeMethod == null) {
            decodeMethod = TorchScript.methodNames(model.getBlock()).contains(DECODE_METHOD);
        }
        return decodeMethod;
    }

    private Boolean decodeMethod;

    /**
     * One step of the cached-generation contract: runs the exported {@code decode} method on
     * {@code arguments}; its tuple comes back as tensors of {@code into}, or null when it returned one
     * value. The engine's own failures pass through as runtime exceptions.
     */
    public List<NDArray> decode(List<NDArray> arguments, NDManager into) {
        return TorchScript.runTupleMethod(model.getBlock(), DECODE_METHOD, arguments, into);
    }

    /** The exported method of one generation step of a model with a key/value cache. */
    public static final String DECODE_METHOD = "decode";

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
        List<String> expected = file.onnx() ? List.of() : TorchScriptArchive.forwardArguments(Path.of(file.path()));
        String advice = specs.stream().anyMatch(InputSpec::fromWorkload)
                ? "The workload's conversations give it tensors of their own lengths and image grids: was it traced"
                        + " for a fixed layout? Export it to take any, or benchmark it with <inputs>."
                : "Check <inputs> (" + specs.size() + " configured" + (expected.isEmpty() ? ""
                        : "; the model's forward takes " + expected)
                        + "): names, shapes and dtypes must be what the model was exported for.";
        return new BenchmarkSetupException("The " + file.role() + " model " + file.path() + " rejected its inputs ["
                + given + "]: " + EngineMessages.rootCause(cause) + ". " + advice, cause);
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        if (onnxBlock != null) {
            try {
                onnxBlock.close();
            } catch (Exception ignored) {
                // the sessions are gone with the worker anyway
            }
        }
    }
}
