#!/usr/bin/python3
"""Writes the larger A/A and A/B models of benchmarks/aa.sh into benchmarks/aa/models/ (not committed).

Deterministic: fixed seeds, CPU only. Run with Debian's torch (apt-get install python3-torch):

    /usr/bin/python3 benchmarks/aa/make_models.py [--no-timing] [--python-timing]

The models are src/test/models/generate.py's TinyQwen3VL, built from a private copy of that module
whose dimensions (hidden size, heads, layers, intermediate sizes) are replaced, so they keep
baseline.pt's contract and the aa pom's inputs work unchanged:
  input_ids int64 [batch, seq], pixel_values float32 [batch*16, 1536], image_grid_thw int64 [batch, 3]
  -> logits float32 [batch, seq, 1024]
  mid.pt       about 10 ms per call at batch 1 (the aa pom's inputs, the plugin's engine, one thread)
  big.pt       about 50 ms per call likewise; its 4 text layers are 2 distinct layers applied twice
               each (shared weights), so the file stays near 125 MB while the work is that of 4 layers
  mid-slow.pt, big-slow.pt  the same model doing its forward pass twice: same outputs, about 2x slower
  MANIFEST.sha256  the files' SHA-256 (sha256sum format), for comparing runs on other machines

generate.py and its committed fixtures are not touched: the module is loaded a second time under
another name and only that copy's constants change (its classes read them when built and traced).

Timing (skipped with --no-timing): the median ms per call at batch 1 and 8 with the aa pom's inputs
(input_ids rows of demo-inputs.npz, normal pixel_values, grid [1, 4, 4]), with 1 and 2 intra-op threads
(the scalability suite's default batch sizes are 1, 2, 4, 8),
  - in the plugin's own engine (DJL and the libtorch of the root pom, intra-op threads set as the
    plugin sets them), by EngineTime.java beside this file, when Maven can list the plugin's
    classpath offline. These are the numbers the sizes aim at;
  - with --python-timing, or when the engine cannot be reached, in this Python's torch
    (torch.set_num_threads(1), then 2). Debian's torch multiplies through libblas.so.3, the reference
    BLAS unless OpenBLAS is installed: about 7x slower than the plugin on baseline.pt and 20x on
    mid.pt, and big-slow.pt takes seconds per call at batch 8, so these take minutes.
The bundled baseline.pt and slow.pt are timed too, for reference. With other work on the machine
the figures move by tens of percent, and the 2-thread ones mostly measure waiting for a busy core.
"""
import argparse
import hashlib
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "src", "test", "models")
OUT = os.path.join(HERE, "models")

# Dimensions replacing generate.py's constants (VOCAB, the patch layout and SEQ_LEN stay: they are the
# contract). distinct_layers: how many different text layers the TEXT_LAYERS applications cycle through.
SIZES = {
    "mid": dict(dims=dict(HIDDEN=384, HEADS=6, KV_HEADS=3, INTERMEDIATE=1152, TEXT_LAYERS=4,
                          VISION_HIDDEN=256, VISION_HEADS=4, VISION_MLP=768, VISION_LAYERS=2),
                distinct_layers=None),
    "big": dict(dims=dict(HIDDEN=1024, HEADS=16, KV_HEADS=8, INTERMEDIATE=3072, TEXT_LAYERS=4,
                          VISION_HIDDEN=256, VISION_HEADS=4, VISION_MLP=1024, VISION_LAYERS=2),
                distinct_layers=2),
}
BATCHES = (1, 8)
THREADS = (1, 2)


def generate_with(tag, **dims):
    """A private copy of generate.py with the given module-level dimensions (HEAD_DIM follows)."""
    if FIXTURES not in sys.path:
        sys.path.insert(0, FIXTURES)  # generate.py imports generate_sparse
    spec = importlib.util.spec_from_file_location("generate_" + tag, os.path.join(FIXTURES, "generate.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, value in dims.items():
        if not hasattr(module, name):
            raise ValueError("generate.py has no dimension " + name)
        setattr(module, name, value)
    module.HEAD_DIM = module.HIDDEN // module.HEADS
    return module


def build(gen, distinct_layers, repeat=1):
    model = gen.TinyQwen3VL(repeat=repeat)
    if distinct_layers:
        model.layers = nn.ModuleList([model.layers[i % distinct_layers] for i in range(len(model.layers))])
    return model


def demo_inputs(batch, seed=5):
    data = np.load(os.path.join(FIXTURES, "demo-inputs.npz"))
    ids = torch.from_numpy(data["input_ids"][:batch])
    grid = torch.from_numpy(data["image_grid_thw"]).repeat(batch, 1)
    pixels = torch.randn(16 * batch, 1536, generator=torch.Generator().manual_seed(seed))
    return ids, pixels, grid


def write_models():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    example = demo_inputs(1)
    written = []
    for size, spec in SIZES.items():
        gen = generate_with(size, **spec["dims"])
        torch.manual_seed(0)
        base = build(gen, spec["distinct_layers"])
        gen.init_weights(base)
        base.eval()
        slow = build(gen, spec["distinct_layers"], repeat=2)
        slow.load_state_dict(base.state_dict())
        params = sum(p.numel() for p in base.parameters())
        for name, model in ((size + ".pt", base), (size + "-slow.pt", slow)):
            gen.trace(model, example).save(os.path.join(OUT, name))
            written.append(name)
        # The contract and the twins' equality, on the 16 demo prompts and a longer sequence.
        base_ts = torch.jit.load(os.path.join(OUT, size + ".pt"))
        slow_ts = torch.jit.load(os.path.join(OUT, size + "-slow.pt"))
        with torch.no_grad():
            inputs = demo_inputs(16)
            ref, twice = base_ts(*inputs), slow_ts(*inputs)
            longer = base_ts(torch.cat((inputs[0], inputs[0][:, -4:]), dim=1), inputs[1], inputs[2])
        assert tuple(ref.shape) == (16, 24, 1024) and tuple(longer.shape) == (16, 28, 1024)
        print(f"{size}: {params / 1e6:.1f}M parameters, logits {tuple(ref.shape)}, seq 28 {tuple(longer.shape)}, "
              f"{size}-slow.pt max |difference| {(twice - ref).abs().max().item():.3g}", flush=True)
    with open(os.path.join(OUT, "MANIFEST.sha256"), "w") as f:
        for name in written:
            with open(os.path.join(OUT, name), "rb") as model:
                f.write(f"{hashlib.sha256(model.read()).hexdigest()}  {name}\n")
    for name in written:
        print(f"{name}: {os.path.getsize(os.path.join(OUT, name))} bytes "
              f"({os.path.getsize(os.path.join(OUT, name)) / 2**20:.1f} MiB)")
    return written


def median_ms(model, inputs, budget=3.0, most=40, least=3):
    """One or two warm-up calls (one when a call takes over a second), then at least `least` and at
    most `most` measured calls, stopping once `budget` seconds are spent."""
    with torch.no_grad():
        start = time.perf_counter()
        model(*inputs)
        if time.perf_counter() - start < 1.0:
            model(*inputs)
        times, spent = [], 0.0
        while len(times) < most and (len(times) < least or spent < budget):
            start = time.perf_counter()
            model(*inputs)
            times.append(time.perf_counter() - start)
            spent += times[-1]
    return statistics.median(times) * 1000


def time_python(paths):
    print(f"\nms per call in this Python's torch {torch.__version__} (median; BLAS: libblas.so.3 as installed)")
    inputs = {b: demo_inputs(b) for b in BATCHES}
    models = [torch.jit.load(path) for path in paths]
    for threads in THREADS:
        torch.set_num_threads(threads)
        for path, model in zip(paths, models):
            cells = "".join(f" b{b} {median_ms(model, inputs[b]):8.2f}  " for b in BATCHES)
            print(f"  {os.path.basename(path):14s}{cells} ({threads} thread{'s' if threads > 1 else ''})", flush=True)
    torch.set_num_threads(1)


def time_engine(paths):
    """The same timing in the plugin's engine: EngineTime.java on the plugin's runtime classpath."""
    with tempfile.TemporaryDirectory() as tmp:
        cp_file = os.path.join(tmp, "cp.txt")
        listed = subprocess.run(["mvn", "-q", "-o", "-B", "-f", os.path.join(ROOT, "pom.xml"),
                                 "dependency:build-classpath", "-Dmdep.includeScope=runtime",
                                 "-Dmdep.outputFile=" + cp_file],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if listed.returncode != 0 or not os.path.exists(cp_file):
            print("\nplugin engine timing skipped: Maven could not list the plugin's classpath offline")
            return False
        with open(cp_file) as f:
            classpath = f.read().strip()
    print("\nms per call in the plugin's engine (DJL, libtorch of the root pom; median)")
    for threads in THREADS:
        args = ["java", "-cp", classpath, os.path.join(HERE, "EngineTime.java"), str(threads),
                os.path.join(FIXTURES, "demo-inputs.npz"), ",".join(map(str, BATCHES))] + list(paths)
        run = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            print("  failed:", run.stderr.strip().splitlines()[-1:] or run.returncode)
            return False
        for line in run.stdout.splitlines():
            print("  " + line, flush=True)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-timing", action="store_true", help="only write the models")
    parser.add_argument("--python-timing", action="store_true",
                        help="also time in this Python's torch (minutes with the reference BLAS)")
    args = parser.parse_args()
    written = write_models()
    if args.no_timing:
        return
    paths = [os.path.join(FIXTURES, n) for n in ("baseline.pt", "slow.pt")] + [os.path.join(OUT, n) for n in written]
    if not time_engine(paths) or args.python_timing:
        time_python(paths)


if __name__ == "__main__":
    main()
