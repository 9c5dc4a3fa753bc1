#!/usr/bin/python3
"""Generates the tiny Qwen3-VL-shaped TorchScript test models and the demo's inputs.

Deterministic: fixed seeds, CPU only. Run with Debian's torch (apt-get install python3-torch):

    /usr/bin/python3 src/test/models/generate.py

It writes, next to this file:
  baseline.pt    fp32 reference model
  optimized.pt   the same weights, the MLPs of the text (SwiGLU) and vision blocks int8
                 dynamic-quantized: a real optimization, expected to pass the accuracy gates
  degraded.pt    an optimization gone wrong: the second text layer and the vision blocks are
                 skipped; it must fail the accuracy gates
  slow.pt        the baseline doing its forward pass twice (same outputs, about 2x slower)
  tiny-mlp.pt    a small MLP over x float32 [batch, 64]: the baseline of the fixtures below
  leaky.pt       tiny-mlp that keeps a 256 KiB tensor from every call: resident memory grows
  flaky.pt       tiny-mlp that raises an error when sum(x) > 33.5 (about a quarter of uniform inputs)
  batch1.pt      tiny-mlp traced with a fixed batch of 1: any other batch size is rejected
  large-fp32.zip / large-int8.zip  a 4-layer 2048-wide MLP (64 MiB of fp32 weights, 16 MiB int8) in
                 deflated zips: the weights are one 64x64 tile repeated, so the archives stay small
                 while the unpacked models are large enough for memory measurements to see them
  demo-inputs.npz  input_ids of 16 chat prompts tokenized with the real Qwen3 tokenizer
                 (prompts.json), left-padded to 24 tokens, and image_grid_thw
  pruned-fp32.pt / pruned-int8.pt  written by generate_sparse.py (see there): a 50% magnitude-pruned MLP
                 and its int8 twin, for the sparsity figures of ModelCapacity
  MANIFEST.sha256  SHA-256 of every file above (sha256sum format); lines of other scripts' files are kept

Model inputs follow Qwen3-VL's conventions, with a documented subset:
  input_ids       int64 [batch, seq]; ids are real Qwen3 ids. <|image_pad|> (151655) positions
                  receive the visual tokens; every other id is embedded modulo the test vocabulary
                  (1024), since a full 151,936-row embedding would not keep the fixtures small.
  pixel_values    float32 [batch * 16, 1536]: flattened patches of one 64x64 image per sample
                  (patch 16, temporal patch 2: 3*2*16*16 = 1536 values), in Qwen's 2x2 merge order.
  image_grid_thw  int64 [batch, 3], [1, 4, 4] per image. The test models support this one grid.
Output: logits, float32 [batch, seq, 1024].
"""
import hashlib
import json
import math
import os
import zipfile
from typing import List

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import generate_sparse

HERE = os.path.dirname(os.path.abspath(__file__))

VOCAB = 1024
HIDDEN = 128
HEADS = 4
KV_HEADS = 2
HEAD_DIM = HIDDEN // HEADS
INTERMEDIATE = 384
TEXT_LAYERS = 2
VISION_HIDDEN = 128
VISION_HEADS = 4
VISION_MLP = 256
VISION_LAYERS = 2
PATCH_VALUES = 3 * 2 * 16 * 16
PATCHES_PER_IMAGE = 16
MERGE = 4
IMAGE_PAD_ID = 151655
PAD_ID = 151643
SEQ_LEN = 24
ROPE_THETA = 10000.0


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class SwiGLU(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden, bias=False)
        self.up_proj = nn.Linear(dim, hidden, bias=False)
        self.down_proj = nn.Linear(hidden, dim, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class TextAttention(nn.Module):
    """Grouped-query attention with rotary positions and a causal mask."""

    def __init__(self):
        super().__init__()
        self.q_proj = nn.Linear(HIDDEN, HEADS * HEAD_DIM, bias=False)
        self.k_proj = nn.Linear(HIDDEN, KV_HEADS * HEAD_DIM, bias=False)
        self.v_proj = nn.Linear(HIDDEN, KV_HEADS * HEAD_DIM, bias=False)
        self.o_proj = nn.Linear(HEADS * HEAD_DIM, HIDDEN, bias=False)
        self.q_norm = RMSNorm(HEAD_DIM)
        self.k_norm = RMSNorm(HEAD_DIM)

    def forward(self, x, cos, sin, mask):
        b, s = x.shape[0], x.shape[1]
        q = self.q_norm(self.q_proj(x).view(b, s, HEADS, HEAD_DIM)).transpose(1, 2)
        k = self.k_norm(self.k_proj(x).view(b, s, KV_HEADS, HEAD_DIM)).transpose(1, 2)
        v = self.v_proj(x).view(b, s, KV_HEADS, HEAD_DIM).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(HEADS // KV_HEADS, dim=1)
        v = v.repeat_interleave(HEADS // KV_HEADS, dim=1)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(HEAD_DIM) + mask
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.o_proj(out.transpose(1, 2).reshape(b, s, HEADS * HEAD_DIM))


class DecoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.input_layernorm = RMSNorm(HIDDEN)
        self.self_attn = TextAttention()
        self.post_attention_layernorm = RMSNorm(HIDDEN)
        self.mlp = SwiGLU(HIDDEN, INTERMEDIATE)

    def forward(self, x, cos, sin, mask):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, mask)
        return x + self.mlp(self.post_attention_layernorm(x))


class VisionMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(VISION_HIDDEN, VISION_MLP)
        self.fc2 = nn.Linear(VISION_MLP, VISION_HIDDEN)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class VisionBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = nn.LayerNorm(VISION_HIDDEN)
        self.qkv = nn.Linear(VISION_HIDDEN, 3 * VISION_HIDDEN)
        self.proj = nn.Linear(VISION_HIDDEN, VISION_HIDDEN)
        self.norm2 = nn.LayerNorm(VISION_HIDDEN)
        self.mlp = VisionMlp()

    def forward(self, x):
        n, p = x.shape[0], x.shape[1]
        head_dim = VISION_HIDDEN // VISION_HEADS
        qkv = self.qkv(self.norm1(x)).view(n, p, 3, VISION_HEADS, head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(head_dim), dim=-1)
        out = torch.matmul(attn, v).transpose(1, 2).reshape(n, p, VISION_HIDDEN)
        x = x + self.proj(out)
        return x + self.mlp(self.norm2(x))


class PatchMerger(nn.Module):
    """Merges each 2x2 group of neighbouring patches into one visual token."""

    def __init__(self):
        super().__init__()
        self.norm = nn.LayerNorm(VISION_HIDDEN)
        self.mlp = nn.Sequential(
            nn.Linear(VISION_HIDDEN * MERGE, VISION_MLP), nn.GELU(), nn.Linear(VISION_MLP, HIDDEN))

    def forward(self, x):
        return self.mlp(self.norm(x).reshape(-1, VISION_HIDDEN * MERGE))


class TinyQwen3VL(nn.Module):
    def __init__(self, skip_layers=False, repeat=1):
        super().__init__()
        self.skip_layers = skip_layers
        self.repeat = repeat
        self.patch_embed = nn.Linear(PATCH_VALUES, VISION_HIDDEN, bias=False)
        self.vision_pos = nn.Parameter(torch.randn(PATCHES_PER_IMAGE, VISION_HIDDEN) * 0.02)
        self.vision_blocks = nn.ModuleList([VisionBlock() for _ in range(VISION_LAYERS)])
        self.merger = PatchMerger()
        self.embed_tokens = nn.Embedding(VOCAB, HIDDEN)
        self.layers = nn.ModuleList([DecoderLayer() for _ in range(TEXT_LAYERS)])
        self.norm = RMSNorm(HIDDEN)
        self.lm_head = nn.Linear(HIDDEN, VOCAB, bias=False)
        inv_freq = 1.0 / (ROPE_THETA ** (torch.arange(0, HEAD_DIM, 2).float() / HEAD_DIM))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def visual_tokens(self, pixel_values, image_grid_thw):
        x = self.patch_embed(pixel_values).view(-1, PATCHES_PER_IMAGE, VISION_HIDDEN)
        # Scale by the grid's patch count relative to the supported grid: exactly 1 for 4x4
        # images, so image_grid_thw is a real input of the graph.
        patches = image_grid_thw.prod(-1).to(x.dtype).view(-1, 1, 1) / PATCHES_PER_IMAGE
        x = (x + self.vision_pos) * patches
        if not self.skip_layers:
            for block in self.vision_blocks:
                x = block(x)
        return self.merger(x)

    def decode(self, input_ids, pixel_values, image_grid_thw):
        embeds = self.embed_tokens(torch.remainder(input_ids, VOCAB))
        image_mask = (input_ids == IMAGE_PAD_ID).unsqueeze(-1)
        visual = self.visual_tokens(pixel_values, image_grid_thw)
        embeds = embeds.masked_scatter(image_mask, visual.to(embeds.dtype))

        seq = input_ids.shape[1]
        positions = torch.arange(seq, dtype=torch.float32)
        freqs = torch.outer(positions, self.inv_freq)
        angles = torch.cat((freqs, freqs), dim=-1)
        cos, sin = angles.cos(), angles.sin()
        mask = torch.triu(torch.full((seq, seq), float("-inf")), diagonal=1)

        x = embeds
        layers = self.layers[:1] if self.skip_layers else self.layers
        for layer in layers:
            x = layer(x, cos, sin, mask)
        return self.lm_head(self.norm(x))

    def forward(self, input_ids, pixel_values, image_grid_thw):
        logits = self.decode(input_ids, pixel_values, image_grid_thw)
        if self.repeat == 2:
            # The same work again on inputs the JIT cannot prove equal (adding zero keeps every value),
            # so that common-subexpression elimination cannot merge the two passes.
            zero = pixel_values.sum() * 0.0
            logits = (logits + self.decode(input_ids, pixel_values + zero, image_grid_thw)) * 0.5
        return logits


RESIDUAL_OUTPUTS = ("o_proj.weight", "down_proj.weight", "proj.weight", "fc2.weight")


def init_weights(model):
    """Random weights, scaled like a trained transformer's: the projections that write into the
    residual stream start small (GPT-2 style scaled init), so no single block dominates."""
    torch.manual_seed(1234)
    for name, p in model.named_parameters():
        if name.endswith("weight") and p.dim() == 2:
            std = 0.08 if "embed_tokens" in name else 1.0 / math.sqrt(p.shape[1])
            if name.endswith(RESIDUAL_OUTPUTS):
                std *= 0.25
            nn.init.normal_(p, std=std)


def mlp_linears(model):
    """Names of the Linear layers of every MLP in the residual blocks (text and vision)."""
    return {name for name, m in model.named_modules()
            if isinstance(m, nn.Linear) and ".mlp." in name and not name.startswith("merger")}


def demo_inputs():
    with open(os.path.join(HERE, "prompts.json")) as f:
        prompts = json.load(f)["prompts"]
    ids = np.full((len(prompts), SEQ_LEN), PAD_ID, dtype=np.int64)
    for i, prompt in enumerate(prompts):
        tokens = prompt["ids"]
        ids[i, SEQ_LEN - len(tokens):] = tokens
    grid = np.array([[1, 4, 4]], dtype=np.int64)
    return ids, grid


def trace(model, example):
    model.eval()
    with torch.no_grad():
        traced = torch.jit.trace(model, example, check_trace=False)
    return traced


class TinyMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(64, 256)
        self.fc2 = nn.Linear(256, 64)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


class Leaky(nn.Module):
    cache: List[torch.Tensor]

    def __init__(self, mlp):
        super().__init__()
        self.mlp = mlp
        self.cache = []

    def forward(self, x):
        self.cache.append(torch.ones(65536) * x.sum())
        return self.mlp(x)


class Flaky(nn.Module):
    def __init__(self, mlp):
        super().__init__()
        self.mlp = mlp

    def forward(self, x):
        if bool(x.sum() > 33.5):
            raise RuntimeError("flaky.pt rejects inputs whose sum exceeds 33.5")
        return self.mlp(x)


class Batch1(nn.Module):
    def __init__(self, mlp):
        super().__init__()
        self.mlp = mlp

    def forward(self, x):
        return self.mlp(x.view(1, 64))


def tiled_mlp(width=2048, layers=4, rows=2, cols=64):
    """Every weight matrix repeats one small random tile, so that each row recurs within deflate's
    32 KiB window and the saved model compresses a thousandfold."""
    torch.manual_seed(99)
    block = torch.randn(rows, cols) / math.sqrt(width)
    modules = []
    for _ in range(layers):
        linear = nn.Linear(width, width)
        with torch.no_grad():
            linear.weight.copy_(block.repeat(width // rows, width // cols))
            linear.bias.zero_()
        modules += [linear, nn.ReLU()]
    return nn.Sequential(*modules[:-1]).eval()


def save_zipped(module, name):
    pt = os.path.join(HERE, name + ".pt")
    module.save(pt)
    entry = zipfile.ZipInfo(name + ".pt", date_time=(2026, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    with open(pt, "rb") as f, zipfile.ZipFile(os.path.join(HERE, name + ".zip"), "w") as z:
        z.writestr(entry, f.read(), compresslevel=9)
    os.remove(pt)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    ids, grid = demo_inputs()
    np.savez(os.path.join(HERE, "demo-inputs.npz"), input_ids=ids, image_grid_thw=grid)

    base = TinyQwen3VL()
    init_weights(base)
    base.eval()
    example = (torch.from_numpy(ids[:1]), torch.randn(PATCHES_PER_IMAGE, PATCH_VALUES),
               torch.from_numpy(grid))

    variants = {}
    variants["baseline.pt"] = trace(base, example)

    # A copy of the baseline's weights with the MLPs of the text and vision blocks int8 dynamic
    # quantized; attention, patch merger and lm_head stay fp32.
    source = TinyQwen3VL()
    source.load_state_dict(base.state_dict())
    source.eval()
    quantized = torch.quantization.quantize_dynamic(source, mlp_linears(source), dtype=torch.qint8)
    variants["optimized.pt"] = trace(quantized, example)

    degraded = TinyQwen3VL(skip_layers=True)
    degraded.load_state_dict(base.state_dict())
    variants["degraded.pt"] = trace(degraded, example)

    slow = TinyQwen3VL(repeat=2)
    slow.load_state_dict(base.state_dict())
    variants["slow.pt"] = trace(slow, example)

    torch.manual_seed(7)
    mlp = TinyMlp().eval()
    x = torch.rand(1, 64)
    variants["tiny-mlp.pt"] = trace(mlp, (x,))
    variants["leaky.pt"] = torch.jit.script(Leaky(mlp))
    variants["flaky.pt"] = torch.jit.script(Flaky(mlp))
    variants["batch1.pt"] = trace(Batch1(mlp), (x,))

    for name, module in variants.items():
        module.save(os.path.join(HERE, name))

    large = tiled_mlp()
    wide = torch.rand(1, 2048)
    save_zipped(trace(large, (wide,)), "large-fp32")
    save_zipped(trace(torch.quantization.quantize_dynamic(large, {nn.Linear}, dtype=torch.qint8), (wide,)),
                "large-int8")

    # Report how the variants compare on the demo prompts, as a check of the fixtures.
    with torch.no_grad():
        pix = torch.randn(PATCHES_PER_IMAGE * ids.shape[0], PATCH_VALUES)
        inputs = (torch.from_numpy(ids), pix, torch.from_numpy(grid).repeat(ids.shape[0], 1))
        ref = variants["baseline.pt"](*inputs)
        for name in ("optimized.pt", "degraded.pt", "slow.pt"):
            out = variants[name](*inputs)
            rel = (out - ref).norm() / ref.norm()
            cos = F.cosine_similarity(out.flatten(), ref.flatten(), dim=0)
            top1 = (out.argmax(-1) == ref.argmax(-1)).float().mean()
            print(f"{name}: relative L2 {rel:.5f}, cosine {cos:.6f}, top-1 agreement {top1:.4f}")
        longer = torch.cat((inputs[0], inputs[0][:, -4:]), dim=1)
        print("seq 28 logits:", tuple(variants["baseline.pt"](longer, pix, inputs[2]).shape))

    files = sorted(list(variants) + ["demo-inputs.npz", "large-fp32.zip", "large-int8.zip"]
                   + generate_sparse.write())
    # keeps the lines of the other scripts' files (generate_qwen_vl.py)
    generate_sparse.update_manifest(files)
    for name in files:
        print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")


if __name__ == "__main__":
    main()
