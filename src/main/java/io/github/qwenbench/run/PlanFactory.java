package io.github.qwenbench.run;

import io.github.qwenbench.model.InputFiles;
import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.onnx.OnnxGraphFile;
import io.github.qwenbench.onnx.PackageBlock;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EngineConfig;
import io.github.qwenbench.plan.EngineSettings;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.plan.GenerationSuiteConfig;
import io.github.qwenbench.plan.HardwareConfig;
import io.github.qwenbench.plan.HardwareSettings;
import io.github.qwenbench.plan.InputConfig;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.MemoryConfig;
import io.github.qwenbench.plan.MemorySettings;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.ModelSource;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.plan.ScalabilityConfig;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.plan.SystemConfig;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.plan.WorkloadConfig;
import io.github.qwenbench.plan.WorkloadSettings;
import io.github.qwenbench.torchscript.TorchScriptArchive;
import io.github.qwenbench.workload.ConversationsFile;
import io.github.qwenbench.workload.ModelInputs;
import io.github.qwenbench.workload.WorkloadResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the {@link BenchmarkPlan} from the pom's settings, checking everything that can be checked
 * before a worker starts: model files, archives and checksums, input files or the workload's files,
 * thresholds, and the input names against each model's forward signature.
 */
public final class PlanFactory {

    private final ModelResolver models;
    private final WorkloadResolver workloads;

    public PlanFactory(ModelResolver models, WorkloadResolver workloads) {
        this.models = models;
        this.workloads = workloads;
    }

    /**
     * The pom's settings, as the mojo read them.
     *
     * @param baseline {@code <baseline>}
     * @param candidate {@code <candidate>}
     * @param baselineOverride {@code -Dqwen-bench.baseline}, or null
     * @param candidateOverride {@code -Dqwen-bench.candidate}, or null
     * @param inputs {@code <inputs>}
     * @param seed {@code <seed>}
     * @param engine {@code <engine>}, or null
     * @param accuracy {@code <accuracy>}, or null
     * @param performance {@code <performance>}, or null
     * @param memory {@code <memory>}, or null
     * @param scalability {@code <scalability>}, or null
     * @param system {@code <system>}, or null
     * @param hardware {@code <hardware>}, or null
     * @param generation {@code <generation>}, or null
     * @param workload {@code <workload>}, or null: when set, it replaces {@code inputs}
     * @param samplesDirectory where a workload's samples are written
     */
    public record Settings(ModelSource baseline, ModelSource candidate, String baselineOverride,
            String candidateOverride, List<InputConfig> inputs, long seed, EngineConfig engine,
            AccuracyConfig accuracy, PerformanceConfig performance, MemoryConfig memory,
            ScalabilityConfig scalability, SystemConfig system, HardwareConfig hardware,
            GenerationSuiteConfig generation, WorkloadConfig workload, Path samplesDirectory) {

        /** Whether both {@code <inputs>} and {@code <workload>} reached the goal: the workload is used. */
        public boolean workloadReplacesInputs() {
            return workload != null && inputs != null && !inputs.isEmpty();
        }
    }

    /**
     * Builds the plan. The input names are checked against the models' {@code forward} before any
     * input file is read: a misspelled name is best answered with the signature, not with the file's
     * list of arrays that the misspelled name was looked up in.
     */
    public BenchmarkPlan create(Settings settings) throws BenchmarkSetupException {
        EngineSettings engine = EngineSettings.from(settings.engine());
        List<InputConfig> configured = settings.inputs() == null ? List.of() : settings.inputs();
        List<InputSpec> declared = settings.workload() == null ? declared(configured) : List.of();
        PerformanceSettings performance = PerformanceSettings.from(settings.performance());
        MemorySettings memory = MemorySettings.from(settings.memory());
        SystemSettings system = SystemSettings.from(settings.system());
        HardwareSettings hardware = HardwareSettings.from(settings.hardware());
        ModelFile baseline = models.resolve("baseline", settings.baseline(), settings.baselineOverride());
        ModelFile candidate = models.resolve("candidate", settings.candidate(), settings.candidateOverride());
        List<InputSpec> inputs = new ArrayList<>();
        WorkloadSettings workload = null;
        if (baseline.served() || candidate.served()) {
            workload = servedWorkload(settings, baseline, candidate);
        } else if (settings.workload() != null) {
            inputs.addAll(workloadInputs(baseline));
            requireSameArguments(candidate, inputs);
            requireWorkloadSuites(settings, inputs);
            ModelFile pkg = ModelFile.ONNX_PACKAGE.equals(baseline.engine()) ? baseline
                    : ModelFile.ONNX_PACKAGE.equals(candidate.engine()) ? candidate : null;
            workload = workloads.resolve(settings.workload(), settings.samplesDirectory(),
                    replacedInputs(configured, baseline), pkg == null ? null : Path.of(pkg.path()),
                    pkg == null ? null : pkg.role());
        } else {
            List<InputSpec> ordered = inForwardOrder(baseline, declared);
            inForwardOrder(candidate, declared);
            for (InputSpec input : ordered) {
                inputs.add(InputFiles.resolve(input));
            }
        }
        boolean served = baseline.served();
        AccuracySettings accuracy = AccuracySettings.from(settings.accuracy(), inputs, served);
        ScalabilitySettings scalability = ScalabilitySettings.from(settings.scalability(), inputs, served);
        GenerationSettings generation = GenerationSettings.from(settings.generation(), inputs);
        memory.requireGenerationFor(generation, inputs);
        requireTaskReferences(accuracy, generation, workload, served ? null : inputs);
        return new BenchmarkPlan(baseline, candidate, inputs, settings.seed(), engine, accuracy, performance,
                memory, scalability, system, hardware, generation, workload);
    }

    /**
     * Served models take conversations, not tensors: both must be endpoints (a file against a server is not
     * compared yet), and the workload gives the conversations (its tokenizer counts tokens where a server sends
     * no usage, and turns answers into token ids).
     */
    private WorkloadSettings servedWorkload(Settings settings, ModelFile baseline, ModelFile candidate)
            throws BenchmarkSetupException {
        if (!baseline.served() || !candidate.served()) {
            ModelFile file = baseline.served() ? candidate : baseline;
            throw new BenchmarkSetupException("The " + (baseline.served() ? "baseline" : "candidate") + " is an"
                    + " <endpoint> but the " + file.role() + " is the file " + file.path() + ": the plugin compares two"
                    + " served models, or two files, not one of each yet. Serve the " + file.role() + " too (vLLM,"
                    + " SGLang, TGI, transformers serve), or give both as files.");
        }
        if (settings.workload() == null) {
            throw new BenchmarkSetupException("The baseline and candidate are endpoints, which answer conversations:"
                    + " give a <workload> with <conversations> and the model's <tokenizer> (it counts tokens where a"
                    + " server sends no usage, and compares answers as token ids).");
        }
        if (settings.inputs() != null && !settings.inputs().isEmpty()) {
            throw new BenchmarkSetupException("<inputs> are tensors for model files; endpoints take the <workload>'s"
                    + " conversations: remove <inputs>.");
        }
        return workloads.resolve(settings.workload(), settings.samplesDirectory(), List.of());
    }

    /**
     * A task-accuracy gate needs what it judges: a workload whose sample conversations carry reference
     * answers, and a token input to answer them greedily with (none for served models: {@code inputs} null).
     */
    static void requireTaskReferences(AccuracySettings accuracy, GenerationSettings generation,
            WorkloadSettings workload, List<InputSpec> inputs) throws BenchmarkSetupException {
        if (accuracy.maxTaskAccuracyDrop() == null) {
            return;
        }
        if (workload == null) {
            throw new BenchmarkSetupException("accuracy/maxTaskAccuracyDrop is set, but there is no <workload>: task"
                    + " accuracy scores answers to conversations that carry \"answers\"; add a workload, or remove"
                    + " the threshold.");
        }
        if (inputs != null && !generation.takesTokenInput(inputs)) {
            throw new BenchmarkSetupException("accuracy/maxTaskAccuracyDrop is set, but the models take no input named"
                    + " by generation/tokenInput ('" + generation.tokenInput() + "'): name the token-id input so that"
                    + " both models can answer greedily.");
        }
        List<Integer> lines = workload.lines();
        boolean any = ConversationsFile.read(Path.of(workload.conversations())).stream()
                .anyMatch(c -> c.reference() != null && lines.contains(c.line()));
        if (!any) {
            throw new BenchmarkSetupException("accuracy/maxTaskAccuracyDrop is set, but no sample conversation of "
                    + workload.conversations() + " carries \"answers\": add the accepted answers to each line you"
                    + " want scored, e.g. \"answers\": [\"Paris\"], \"scoring\": \"vqa\" (docs/task-accuracy.md).");
        }
    }

    private static List<InputSpec> declared(List<InputConfig> configured) throws BenchmarkSetupException {
        List<InputSpec> declared = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < configured.size(); i++) {
            InputSpec input = InputSpec.from(configured.get(i), i);
            if (!names.add(input.name())) {
                throw new BenchmarkSetupException("inputs: '" + input.name() + "' is configured twice.");
            }
            declared.add(input);
        }
        return declared;
    }

    /**
     * The {@code <inputs>} a workload replaced, as far as they are valid for the baseline; they serve
     * only to tell which layout a model accepts when it rejects the workload, so a broken one is
     * left out rather than reported.
     */
    private static List<InputSpec> replacedInputs(List<InputConfig> configured, ModelFile baseline) {
        if (configured.isEmpty()) {
            return List.of();
        }
        try {
            List<InputSpec> inputs = new ArrayList<>();
            for (InputSpec input : inForwardOrder(baseline, declared(configured))) {
                inputs.add(InputFiles.resolve(input));
            }
            return inputs;
        } catch (BenchmarkSetupException e) {
            return List.of();
        }
    }

    /**
     * The workload's tensors the model's {@code forward} takes, by name and in its order: every
     * leading argument the workload makes ({@link ModelInputs#TENSORS}), up to the first optional one
     * it does not make.
     */
    static List<InputSpec> workloadInputs(ModelFile model) throws BenchmarkSetupException {
        List<TorchScriptArchive.Argument> arguments = arguments(model);
        String made = String.join(", ", ModelInputs.TENSORS);
        if (arguments.isEmpty()) {
            throw new BenchmarkSetupException("The " + model.role() + " model " + model.path() + " does not show its"
                    + " forward arguments' names in its TorchScript code, and a <workload> gives its tensors (" + made
                    + ") by name: configure <inputs> instead.");
        }
        List<InputSpec> inputs = new ArrayList<>();
        for (TorchScriptArchive.Argument argument : arguments) {
            if (ModelInputs.TENSORS.contains(argument.name())) {
                inputs.add(InputSpec.fromWorkload(argument.name(), ModelInputs.dtype(argument.name())));
            } else if (!argument.optional()) {
                throw new BenchmarkSetupException("The " + model.role() + " model " + model.path() + " takes '"
                        + argument.name() + "' (" + signature(arguments) + "), which a <workload> does not make: it"
                        + " makes " + made + ". Export the model with those argument names, or configure <inputs>.");
            } else {
                break;
            }
        }
        if (inputs.isEmpty()) {
            throw new BenchmarkSetupException("The " + model.role() + " model " + model.path() + " takes none of the"
                    + " tensors a <workload> makes (" + made + ") as leading arguments of " + signature(arguments)
                    + ": configure <inputs> instead.");
        }
        return inputs;
    }

    /**
     * What the model takes, in order: a TorchScript file's forward arguments (read from its code), an ONNX
     * file's graph inputs (none optional), or a three-part package's workload tensors.
     */
    static List<TorchScriptArchive.Argument> arguments(ModelFile model) throws BenchmarkSetupException {
        if (ModelFile.ONNX_PACKAGE.equals(model.engine())) {
            return PackageBlock.INPUTS.stream().map(name -> new TorchScriptArchive.Argument(name, false)).toList();
        }
        if (ModelFile.ONNX.equals(model.engine())) {
            return OnnxGraphFile.inputs(Path.of(model.path())).stream()
                    .map(input -> new TorchScriptArchive.Argument(input.name(), false)).toList();
        }
        return TorchScriptArchive.forwardSignature(Path.of(model.path()));
    }

    /** Both models get the same tensors: the candidate must take the baseline's workload arguments. */
    private static void requireSameArguments(ModelFile candidate, List<InputSpec> baselineInputs)
            throws BenchmarkSetupException {
        List<String> expected = baselineInputs.stream().map(InputSpec::name).toList();
        List<String> actual = workloadInputs(candidate).stream().map(InputSpec::name).toList();
        if (!expected.equals(actual)) {
            throw new BenchmarkSetupException("From a <workload>, the candidate model " + candidate.path() + " takes "
                    + actual + " but the baseline takes " + expected + ": both models get the same tensors, so their"
                    + " forward must take the same leading arguments. Export them alike, or configure <inputs>.");
        }
    }

    /** What the suites cannot do with a workload, whose conversations set every size. */
    private static void requireWorkloadSuites(Settings settings, List<InputSpec> inputs) throws BenchmarkSetupException {
        ScalabilityConfig scalability = settings.scalability();
        if (scalability != null && scalability.getSweeps() != null && !scalability.getSweeps().isEmpty()) {
            throw new BenchmarkSetupException("scalability/sweeps resize one configured input, but with a <workload>"
                    + " the conversations set every length and image grid: remove the sweeps, and measure sizes"
                    + " with conversations of different lengths.");
        }
        if (scalability != null && scalability.getBatchDimension() != 0) {
            throw new BenchmarkSetupException("scalability/batchDimension is " + scalability.getBatchDimension()
                    + ", but a workload's batches stack conversations along dimension 0 (input_ids [batch, length]):"
                    + " leave it at 0.");
        }
    }

    private static String signature(List<TorchScriptArchive.Argument> arguments) {
        return arguments.stream().map(TorchScriptArchive.Argument::name).collect(Collectors.joining(", ", "forward(", ")"));
    }

    /**
     * Checks the configured inputs against the model's forward arguments and returns them in that
     * order. A model whose signature cannot be read gets the inputs in their configured order.
     */
    static List<InputSpec> inForwardOrder(ModelFile model, List<InputSpec> inputs) throws BenchmarkSetupException {
        List<TorchScriptArchive.Argument> arguments = arguments(model);
        String signature = signature(arguments);
        if (inputs.isEmpty()) {
            throw new BenchmarkSetupException("Neither <inputs> nor <workload> is configured: add one <input> per"
                    + " argument of the " + model.role() + " model" + (arguments.isEmpty() ? "" : "'s " + signature)
                    + ", or a <workload> of conversations (<conversations> and <tokenizer>) that Qwen3-VL's"
                    + " preprocessing turns into its inputs.");
        }
        if (arguments.isEmpty()) {
            return inputs;
        }
        Map<String, InputSpec> byName = inputs.stream().collect(Collectors.toMap(InputSpec::name, Function.identity()));
        Set<String> known = arguments.stream().map(TorchScriptArchive.Argument::name).collect(Collectors.toSet());
        for (InputSpec input : inputs) {
            if (!known.contains(input.name())) {
                throw new BenchmarkSetupException("inputs/input '" + input.name() + "' is not an argument of the "
                        + model.role() + " model " + model.path() + ", whose signature is " + signature
                        + ": rename the input to one of those arguments.");
            }
        }
        List<InputSpec> ordered = new ArrayList<>();
        for (TorchScriptArchive.Argument argument : arguments) {
            InputSpec input = byName.get(argument.name());
            if (input != null) {
                ordered.add(input);
            } else if (!argument.optional()) {
                throw new BenchmarkSetupException("The " + model.role() + " model " + model.path() + " needs the input '"
                        + argument.name() + "' (" + signature + "), but no <input> has that name: add it.");
            } else {
                break;
            }
        }
        if (ordered.size() != inputs.size()) {
            throw new BenchmarkSetupException("The inputs of the " + model.role() + " model must be the leading"
                    + " arguments of " + signature + ": an optional argument before a configured one cannot be skipped.");
        }
        return ordered;
    }
}
