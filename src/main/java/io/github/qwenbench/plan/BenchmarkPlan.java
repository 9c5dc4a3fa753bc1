package io.github.qwenbench.plan;

import java.util.List;

/**
 * Everything one run needs, validated once: the models, the inputs both get, the seed, the engine
 * and the per-suite settings. It is serialized to JSON and handed to the forked worker.
 *
 * @param baseline the reference model
 * @param candidate the optimized model under test
 * @param inputs the inputs, in the order of the model's forward arguments: configured tensors, or the
 *        workload's tensors by argument name
 * @param seed seed of every generated input
 * @param engine engine settings
 * @param accuracy accuracy suite settings
 * @param performance performance suite settings
 * @param memory memory suite settings
 * @param scalability scalability suite settings
 * @param system system suite settings
 * @param hardware hardware suite settings
 * @param generation generation suite settings
 * @param workload the conversations whose preprocessed tensors are the inputs, or null when the inputs
 *        are configured tensors
 */
public record BenchmarkPlan(ModelFile baseline, ModelFile candidate, List<InputSpec> inputs, long seed,
        EngineSettings engine, AccuracySettings accuracy, PerformanceSettings performance, MemorySettings memory,
        ScalabilitySettings scalability, SystemSettings system, HardwareSettings hardware,
        GenerationSettings generation, WorkloadSettings workload) {

    public BenchmarkPlan {
        inputs = List.copyOf(inputs);
    }

    /** This plan with another candidate. */
    /** The same plan with another baseline. */
    public BenchmarkPlan withBaseline(ModelFile other) {
        return new BenchmarkPlan(other, candidate, inputs, seed, engine, accuracy, performance, memory, scalability,
                system, hardware, generation, workload);
    }

    public BenchmarkPlan withCandidate(ModelFile other) {
        return new BenchmarkPlan(baseline, other, inputs, seed, engine, accuracy, performance, memory, scalability,
                system, hardware, generation, workload);
    }

    /** This plan with other inputs. */
    public BenchmarkPlan withInputs(List<InputSpec> other) {
        return new BenchmarkPlan(baseline, candidate, other, seed, engine, accuracy, performance, memory, scalability,
                system, hardware, generation, workload);
    }

    /** This plan with other memory suite settings. */
    public BenchmarkPlan withMemory(MemorySettings other) {
        return new BenchmarkPlan(baseline, candidate, inputs, seed, engine, accuracy, performance, other, scalability,
                system, hardware, generation, workload);
    }

    /** This plan with other generation suite settings. */
    public BenchmarkPlan withGeneration(GenerationSettings other) {
        return new BenchmarkPlan(baseline, candidate, inputs, seed, engine, accuracy, performance, memory, scalability,
                system, hardware, other, workload);
    }

    /** This plan with other system suite settings. */
    public BenchmarkPlan withSystem(SystemSettings other) {
        return new BenchmarkPlan(baseline, candidate, inputs, seed, engine, accuracy, performance, memory, scalability,
                other, hardware, generation, workload);
    }
}
