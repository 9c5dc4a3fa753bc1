#!/usr/bin/python3
"""Generates the sparsity fixtures of ModelCapacityTest: a magnitude-pruned MLP and its int8 twin.

Deterministic: fixed seed, CPU only. Run with Debian's torch (apt-get install python3-torch):

    /usr/bin/python3 src/test/models/generate_sparse.py

It writes, next to this file, and updates their lines in MANIFEST.sha256 (generate.py calls it too):
  pruned-fp32.pt  an MLP over x float32 [batch, 32]: Linear(32, 64), ReLU, Linear(64, 32), ReLU,
                  Linear(32, 8). Each Linear weight is magnitude-pruned (L1, unstructured) to exactly
                  50% zeros; the biases are dense. Weights 2048 + 2048 + 256 = 4352 (2176 zeros), biases
                  64 + 32 + 8 = 104: overall 2176 / 4456 zeros.
  pruned-int8.pt  the same model int8 dynamic-quantized (torch.quantization.quantize_dynamic on
                  nn.Linear): each weight becomes a packed qint8 tensor, per-tensor affine with zero
                  point 0 (the dynamic qconfig's weight observer is symmetric), so a pruned weight
                  quantizes to its zero point. The kept weights are the larger half of a Kaiming-uniform
                  draw, far above half a quantization step (max / 127 / 2), so none rounds to zero: the
                  int8 weights keep exactly 50% zeros.
It prints each tensor's zeros as Python sees them, the reference for the Java figures.
"""
import hashlib
import os

import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = ["pruned-fp32.pt", "pruned-int8.pt"]


class PrunedMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(32, 64)
        self.fc2 = nn.Linear(64, 32)
        self.fc3 = nn.Linear(32, 8)

    def forward(self, x):
        return self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))


def build():
    torch.manual_seed(12)
    model = PrunedMlp().eval()
    for layer in (model.fc1, model.fc2, model.fc3):
        prune.l1_unstructured(layer, name="weight", amount=0.5)
        prune.remove(layer, "weight")
    return model


def write():
    torch.set_num_threads(1)
    model = build()
    x = torch.rand(1, 32)
    with torch.no_grad():
        fp32 = torch.jit.trace(model, (x,))
        int8 = torch.jit.trace(torch.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8), (x,))
    fp32.save(os.path.join(HERE, FILES[0]))
    int8.save(os.path.join(HERE, FILES[1]))

    for name, layer in model.named_children():
        w = layer.weight.detach()
        print(f"fp32 {name}.weight {tuple(w.shape)} zeros {int((w == 0).sum())}/{w.numel()}")
    quantized = torch.quantization.quantize_dynamic(build(), {nn.Linear}, dtype=torch.qint8)
    for name, layer in quantized.named_children():
        w = layer.weight()
        zeros = int((w.int_repr() == w.q_zero_point()).sum())
        print(f"int8 {name}.weight {tuple(w.shape)} {w.dtype} scale {w.q_scale():.6g} zero point "
              f"{w.q_zero_point()} zeros {zeros}/{w.numel()}")
    with torch.no_grad():
        print("int8 vs fp32 max abs difference:", float((int8(x) - fp32(x)).abs().max()))
    return FILES


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def update_manifest(names):
    path = os.path.join(HERE, "MANIFEST.sha256")
    lines = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                digest, name = line.split()
                lines[name] = digest
    for name in names:
        lines[name] = sha256(os.path.join(HERE, name))
    with open(path, "w") as f:
        for name in sorted(lines):
            f.write(f"{lines[name]}  {name}\n")


if __name__ == "__main__":
    update_manifest(write())
    for name in FILES:
        print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")
