package io.github.qwenbench.suite;

import io.github.qwenbench.model.InputFiles;
import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.model.TorchScriptArchive;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EngineConfig;
import io.github.qwenbench.plan.EngineSettings;
import io.github.qwenbench.plan.InputConfig;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.MemoryConfig;
import io.github.qwenbench.plan.MemorySettings;
import io.github.qwenbench.plan.ModelSource;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.plan.ScalabilityConfig;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.plan.GenerationSuiteConfig;
import io.github.qwenbench.plan.HardwareConfig;
import io.github.qwenbench.plan.HardwareSettings;
import io.github.qwenbench.plan.SystemConfig;
import io.github.qwenbench.plan.SystemSettings;
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
 * before a worker starts: model files, archives and checksums, input files, thresholds, and the
 * input names against each model's forward signature.
 */
public final class PlanFactory {

    private final ModelResolver models;

    public PlanFactory(ModelResolver models) {
        this.models = models;
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
     */
    public record Settings(ModelSource baseline, ModelSource candidate, String baselineOverride,
            String candidateOverride, List<InputConfig> inputs, long seed, EngineConfig engine,
            AccuracyConfig accuracy, PerformanceConfig performance, MemoryConfig memory,
            ScalabilityConfig scalability, SystemConfig system, HardwareConfig hardware,
            GenerationSuiteConfig generation) {
    }

    /**
     * Builds the plan. The input names are checked against the models' {@code forward} before any
     * input file is read: a misspelled name is best answered with the signature, not with the file's
     * list of arrays that the misspelled name was looked up in.
     */
    public BenchmarkPlan create(Settings settings) throws BenchmarkSetupException {
        EngineSettings engine = EngineSettings.from(settings.engine());
        List<InputSpec> declared = new ArrayList<>();
        List<InputConfig> configured = settings.inputs() == null ? List.of() : settings.inputs();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < configured.size(); i++) {
            InputSpec input = InputSpec.from(configured.get(i), i);
            if (!names.add(input.name())) {
                throw new BenchmarkSetupException("inputs: '" + input.name() + "' is configured twice.");
            }
            declared.add(input);
        }
        PerformanceSettings performance = PerformanceSettings.from(settings.performance());
        MemorySettings memory = MemorySettings.from(settings.memory());
        SystemSettings system = SystemSettings.from(settings.system());
        HardwareSettings hardware = HardwareSettings.from(settings.hardware());
        ModelFile baseline = models.resolve("baseline", settings.baseline(), settings.baselineOverride());
        ModelFile candidate = models.resolve("candidate", settings.candidate(), settings.candidateOverride());
        List<InputSpec> ordered = inForwardOrder(baseline, declared);
        inForwardOrder(candidate, declared);
        List<InputSpec> inputs = new ArrayList<>();
        for (InputSpec input : ordered) {
            inputs.add(InputFiles.resolve(input));
        }
        AccuracySettings accuracy = AccuracySettings.from(settings.accuracy(), inputs);
        ScalabilitySettings scalability = ScalabilitySettings.from(settings.scalability(), inputs);
        GenerationSettings generation = GenerationSettings.from(settings.generation(), inputs);
        return new BenchmarkPlan(baseline, candidate, inputs, settings.seed(), engine, accuracy, performance,
                memory, scalability, system, hardware, generation);
    }

    /**
     * Checks the configured inputs against the model's forward arguments and returns them in that
     * order. A model whose signature cannot be read gets the inputs in their configured order.
     */
    static List<InputSpec> inForwardOrder(ModelFile model, List<InputSpec> inputs) throws BenchmarkSetupException {
        List<TorchScriptArchive.Argument> arguments = TorchScriptArchive.forwardSignature(Path.of(model.path()));
        String signature = arguments.stream().map(TorchScriptArchive.Argument::name)
                .collect(Collectors.joining(", ", "forward(", ")"));
        if (inputs.isEmpty()) {
            throw new BenchmarkSetupException("No <inputs> are configured: add one <input> per argument of the "
                    + model.role() + " model" + (arguments.isEmpty() ? "." : "'s " + signature + "."));
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
