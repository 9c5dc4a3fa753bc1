package io.github.qwenbench.plan;

/** PyTorch engine settings ({@code <engine>}), applied in the worker before the engine loads. */
public class EngineConfig {

    @Setting("Intra-op threads of each thread calling the engine in the comparisons (`ai.djl.pytorch.num_threads`); empty: 1. Declared, never fitted to the load: a comparison whose callers x these threads need more cores than other processes leave free while it is measured is INCONCLUSIVE because the machine was busy. The hardware suite measures its own thread counts.")
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
