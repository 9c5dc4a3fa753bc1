"""Builds the mid-size Qwen3-VL package of BENCHMARKS.md section 10 (not committed: about 1.9 GB with its
variants), from Hugging Face's own code (transformers 5.18) with random weights (its default initialisation),
exported and quantized as src/test/models/generate_onnx_packages.py exports the test fixtures, whose
vision-tower export and quantization it reuses. What differs from the fixtures: a decoder of 8 layers of
width 1024 with grouped-query attention, an lm_head of its own (a MatMul over 151936 x 1024 weights, as real
exports have; the fixtures' strided embedding is a trick to keep files small) and no DeepStack. Decoding one
token then reads about 1 GB of fp32 weights, so that on this machine it is bound by memory bandwidth, which
is where int8 and 4-bit weights show.

    V/bin/python benchmarks/onnx/make_package.py target/onnx-benchmark/qwen3vl-mid

It also copies the committed Qwen3 tokenizer into the package, so that the workload takes it from there.
"""
import json
import os
import shutil
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "src", "test", "models"))
import generate_onnx_packages as fx  # noqa: E402  (the fixtures' export helpers read these sizes at call time)
from transformers import Qwen3VLConfig, Qwen3VLForConditionalGeneration  # noqa: E402
from transformers.cache_utils import DynamicCache  # noqa: E402

fx.LAYERS, fx.HIDDEN, fx.HEADS, fx.KV_HEADS, fx.HEAD_DIM = 8, 1024, 16, 8, 64
fx.VISION_HIDDEN, fx.GRID_SIDE = 256, 16
INTERMEDIATE = 3072


def build(seed=20261205):
    torch.manual_seed(seed)
    config = Qwen3VLConfig(
        text_config=dict(
            vocab_size=fx.VOCAB, hidden_size=fx.HIDDEN, intermediate_size=INTERMEDIATE, num_hidden_layers=fx.LAYERS,
            num_attention_heads=fx.HEADS, num_key_value_heads=fx.KV_HEADS, head_dim=fx.HEAD_DIM,
            max_position_embeddings=32768, rms_norm_eps=1e-6,
            rope_parameters={"rope_type": "default", "rope_theta": 5000000.0,
                             "mrope_section": [16, 8, 8], "mrope_interleaved": True},
        ),
        vision_config=dict(
            depth=4, hidden_size=fx.VISION_HIDDEN, intermediate_size=1024, num_heads=4, in_channels=3,
            patch_size=fx.PATCH, spatial_merge_size=fx.MERGE, temporal_patch_size=fx.TEMPORAL,
            out_hidden_size=fx.HIDDEN, num_position_embeddings=fx.GRID_SIDE * fx.GRID_SIDE,
            deepstack_visual_indexes=[],
        ),
        tie_word_embeddings=False, image_token_id=fx.IMAGE_TOKEN,
    )
    config._attn_implementation = "sdpa"
    model = Qwen3VLForConditionalGeneration(config).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model


class Embed(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.embed_tokens = model.model.language_model.embed_tokens

    def forward(self, input_ids):
        return self.embed_tokens(input_ids)


class Decoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.language_model = model.model.language_model
        self.lm_head = model.lm_head
        self.text_config = model.config.text_config

    def forward(self, inputs_embeds, attention_mask, position_ids, *past):
        cache = DynamicCache(config=self.text_config)
        for i in range(fx.LAYERS):
            cache.update(past[2 * i], past[2 * i + 1], i)
        out = self.language_model(inputs_embeds=inputs_embeds, attention_mask=attention_mask,
                                  position_ids=position_ids, past_key_values=cache, use_cache=True)
        presents = []
        for layer in cache.layers:
            presents += [layer.keys, layer.values]
        return (self.lm_head(out.last_hidden_state), *presents)


def export(model, folder):
    onnx_dir = os.path.join(folder, "onnx")
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(onnx_dir)
    _, grids, pixels = fx.load_case("several_images")
    original = fx.hf.Qwen3VLVisionAttention.forward
    fx.hf.Qwen3VLVisionAttention.forward = fx.masked_vision_attention
    try:
        fx.export(fx.VisionExport(model, False).eval(), (torch.from_numpy(pixels), torch.from_numpy(grids)),
                  os.path.join(onnx_dir, "vision_encoder.onnx"), ["pixel_values", "image_grid_thw"],
                  ["image_features"], {"pixel_values": {0: "patches"}, "image_grid_thw": {0: "images"},
                                       "image_features": {0: "image_tokens"}})
    finally:
        fx.hf.Qwen3VLVisionAttention.forward = original
    fx.export(Embed(model).eval(), (torch.tensor([[1, 2, 3], [4, 5, 6]]),), os.path.join(onnx_dir, "embed_tokens.onnx"),
              ["input_ids"], ["inputs_embeds"],
              {"input_ids": {0: "batch", 1: "sequence"}, "inputs_embeds": {0: "batch", 1: "sequence"}})
    b, s, p = 2, 5, 3
    names = ["inputs_embeds", "attention_mask", "position_ids"]
    args = [torch.randn(b, s, fx.HIDDEN), torch.ones(b, p + s, dtype=torch.long),
            torch.arange(p, p + s).view(1, 1, s).expand(3, b, s).contiguous()]
    dyn = {"inputs_embeds": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "total_sequence"},
           "position_ids": {1: "batch", 2: "sequence"}, "logits": {0: "batch", 1: "sequence"}}
    outs = ["logits"]
    for i in range(fx.LAYERS):
        for kind in ("key", "value"):
            names.append(f"past_key_values.{i}.{kind}")
            outs.append(f"present.{i}.{kind}")
            args.append(torch.randn(b, fx.KV_HEADS, p, fx.HEAD_DIM))
            dyn[names[-1]] = {0: "batch", 2: "past_sequence"}
            dyn[outs[-1]] = {0: "batch", 2: "total_sequence"}
    fx.export(Decoder(model).eval(), tuple(args), os.path.join(onnx_dir, "decoder_model_merged.onnx"), names, outs,
              dyn)
    model.config.save_pretrained(folder)
    model.generation_config.save_pretrained(folder)
    with open(os.path.join(folder, "preprocessor_config.json"), "w") as f:
        json.dump(fx.PREPROCESSOR, f, indent=2)
    shutil.copy(os.path.join(ROOT, "src", "test", "resources", "qwen3", "tokenizer.json"), folder)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "onnx-benchmark", "qwen3vl-mid")
    model = build()
    export(model, folder)
    fx.quantize(folder)
    sizes = {}
    for name in sorted(os.listdir(os.path.join(folder, "onnx"))):
        sizes[name] = os.path.getsize(os.path.join(folder, "onnx", name))
    print(json.dumps(sizes, indent=1))


if __name__ == "__main__":
    main()
