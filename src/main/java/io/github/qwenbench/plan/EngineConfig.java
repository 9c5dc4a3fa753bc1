package io.github.qwenbench.plan;

/** PyTorch engine settings ({@code <engine>}), applied in the worker before the engine loads. */
public class EngineConfig {

    /** Intra-op threads ({@code ai.djl.pytorch.num_threads}); empty: the engine's default. */
    private Integer intraOpThreads;

    /** Inter-op threads ({@code ai.djl.pytorch.num_interop_threads}); empty: the engine's default. */
    private Integer interOpThreads;

    /** TorchScript graph executor optimizer ({@code ai.djl.pytorch.graph_optimizer}). */
    private boolean graphOptimizer = true;

    /**
     * Where inference runs: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. A GPU needs the
     * CUDA flavour of the PyTorch natives and an NVIDIA driver (see the README's GPU section).
     */
    private String device = "cpu";

    public EngineConfig() {
    }

    public Integer getIntraOpThreads() {
        return intraOpThreads;
    }

    public Integer getInterOpThreads() {
        return interOpThreads;
    }

    public boolean isGraphOptimizer() {
        return graphOptimizer;
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }
}
