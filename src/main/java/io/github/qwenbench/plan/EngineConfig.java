package io.github.qwenbench.plan;

/** PyTorch engine settings ({@code <engine>}), applied in the worker before the engine loads. */
public class EngineConfig {

    @Setting("Intra-op threads (`ai.djl.pytorch.num_threads`); empty: the engine's default.")
    Integer intraOpThreads;

    @Setting("Inter-op threads (`ai.djl.pytorch.num_interop_threads`); empty: the engine's default.")
    Integer interOpThreads;

    @Setting("TorchScript graph executor optimizer (`ai.djl.pytorch.graph_optimizer`).")
    boolean graphOptimizer = true;

    @Setting("Where inference runs: `cpu`, `gpu` (the first GPU) or `gpu:N`. A GPU needs the CUDA flavour of the PyTorch natives and an NVIDIA driver (see the README's GPU section).")
    String device = "cpu";

    public EngineConfig() {
    }

    public void setDevice(String device) {
        this.device = device;
    }
}
