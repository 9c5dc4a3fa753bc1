"""Exports the text decoder of Hugging Face's own Qwen3-VL code (transformers 5.18, unchanged) with its
key/value cache, following the plugin's cached-generation contract (CACHED_CONTRACT.md), to
hf-qwen3vl-cached.pt, and writes the greedy tokens Hugging Face's own generate() gives to
hf-qwen3vl-cached.json.

Run with the venv of ENVIRONMENT.md ("Hugging Face's own code, offline": torch 2.13.0+cpu,
transformers 5.18.0, tokenizers), from this folder:

    /work/venv-hf/bin/python generate_hf_qwen3vl_cached.py

How the export keeps shapes free: the model is Qwen3VLForConditionalGeneration built from a tiny
Qwen3VLConfig; both methods are produced by torch.jit.trace_module over a thin wrapper that builds a
transformers DynamicCache from the cache tensor it is given and calls Hugging Face's language model
(model.model.language_model: embedding, masks, 3-D rotary embedding, decoder layers, DynamicCache.update,
norm) and lm_head. Under tracing, tensor.shape gives traced sizes, so the sizes that flow from the cache
and the mask into HF's mask creation (sdpa_mask: arange(q_length) + q_offset, arange(kv_length)) and into
DynamicCache.update (torch.cat) stay symbolic. The Python decisions HF takes on sizes on this path (the
tracer warns about each) come out the same for every input the contract allows: the mask is never padded
(masking_utils: kv_length == mask length), never cropped (mask length > kv_length is false), sdpa's
is_causal shortcut is never taken (a mask is always passed while tracing), the position ids always have 4
rows, and get_seq_length's "empty cache" test is true in the prefill and false in decode, as it always is.
The script checks that: it traces at one batch size and length, then runs prompts and caches of other
lengths and batch sizes and compares with HF's generate().

Text only: the prefill takes (input_ids, attention_mask). The vision tower is in the model (tiny) but not in
the export: HF's vision path (get_rope_index, the vision position embeddings) loops in Python over every
image's grid and token-type groups (.tolist(), .item()), so a trace would accept one image layout only.
"""
import json
import os
import sys

import numpy as np
import torch
import transformers
from transformers import Qwen3VLConfig, Qwen3VLForConditionalGeneration
from transformers.cache_utils import DynamicCache

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_MODEL = os.path.join(HERE, "hf-qwen3vl-cached.pt")
OUT_JSON = os.path.join(HERE, "hf-qwen3vl-cached.json")
TOKENIZER = os.path.join(HERE, "..", "resources", "qwen3", "tokenizer.json")
REFERENCES = os.path.join(HERE, "..", "workload", "references")
NEW_TOKENS = 16
SEED = 20261128

LAYERS, HIDDEN, HEADS, KV_HEADS, HEAD_DIM, VOCAB = 2, 64, 4, 2, 16, 151936


def build_model():
    torch.manual_seed(SEED)
    config = Qwen3VLConfig(
        text_config=dict(
            vocab_size=VOCAB, hidden_size=HIDDEN, intermediate_size=128, num_hidden_layers=LAYERS,
            num_attention_heads=HEADS, num_key_value_heads=KV_HEADS, head_dim=HEAD_DIM,
            max_position_embeddings=4096, rms_norm_eps=1e-6, initializer_range=0.2,
            rope_parameters={"rope_type": "default", "rope_theta": 5000000.0,
                             "mrope_section": [4, 2, 2], "mrope_interleaved": True},
        ),
        vision_config=dict(
            depth=1, hidden_size=32, intermediate_size=64, num_heads=2, in_channels=3, patch_size=16,
            spatial_merge_size=2, temporal_patch_size=2, out_hidden_size=HIDDEN, num_position_embeddings=16,
            deepstack_visual_indexes=[0],
        ),
        tie_word_embeddings=True,
    )
    config._attn_implementation = "sdpa"
    model = Qwen3VLForConditionalGeneration(config).eval()
    # The embedding (tied with lm_head) would take 151936 x 64 floats, 39 MB. Random weights are random
    # weights: give it rows that are overlapping windows of one random vector (row i = s[i : i + 64]), a
    # strided view whose storage is 151936 + 63 floats (0.6 MB); torch.jit.save keeps the view as a view.
    # Every id still has its own row and logits are spread (std about 8), so greedy choices are not ties.
    storage = torch.randn(VOCAB + HIDDEN - 1)
    weight = torch.nn.Parameter(storage.as_strided((VOCAB, HIDDEN), (1, 1)), requires_grad=False)
    model.model.language_model.embed_tokens.weight = weight
    model.lm_head.weight = weight
    for p in model.parameters():
        p.requires_grad_(False)
    return config, model


class CachedExport(torch.nn.Module):
    """The plugin's cached-generation contract over HF's language model and DynamicCache.

    cache: float32 [layers, 2 (key, value), B, kv_heads, S, head_dim], keys after q/k-norm and rotary
    embedding (as HF's DynamicCache holds them)."""

    def __init__(self, model):
        super().__init__()
        self.language_model = model.model.language_model
        self.lm_head = model.lm_head
        self.text_config = model.config.text_config

    def _step(self, input_ids, attention_mask, text_positions, cache):
        layers = []
        for i in range(LAYERS):
            layers.append((cache[i, 0], cache[i, 1]))
        past = DynamicCache(config=self.text_config)
        for i, (k, v) in enumerate(layers):
            past.update(k, v, i)                      # HF's own DynamicCache, filled with the given cache
        # [4, B, L]: HF's text position first, then the three mrope axes (text tokens: all equal)
        position_ids = text_positions[None].expand(4, -1, -1)
        out = self.language_model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                                  past_key_values=past, use_cache=True)
        logits = self.lm_head(out.last_hidden_state[:, -1:, :])
        grown = torch.stack([torch.stack((layer.keys, layer.values)) for layer in past.layers])
        return logits, grown

    def forward(self, input_ids, attention_mask):
        """Prefill (text only): (logits [B, 1, V], cache, rope_deltas [B, 1])."""
        b = input_ids.shape[0]
        # HF generate(): text positions count only tokens whose mask is 1 (padding gets 0)
        positions = attention_mask.long().cumsum(-1) - 1
        positions = positions.masked_fill(attention_mask == 0, 0)
        empty = torch.zeros(LAYERS, 2, b, KV_HEADS, 0, HEAD_DIM)
        logits, cache = self._step(input_ids, attention_mask, positions, empty)
        # the contract's rope_deltas: position = padded index + rope_deltas; HF's own delta for text is 0
        rope_deltas = attention_mask.long().sum(-1, keepdim=True) - attention_mask.shape[1]
        return logits, cache, rope_deltas

    def decode(self, input_ids, attention_mask, position_ids, cache):
        """One step: (logits [B, 1, V], cache one position longer)."""
        return self._step(input_ids, attention_mask, position_ids, cache)


def chat(tokenizer, text):
    return tokenizer.encode(f"<|im_start|>user\n{text}<|im_end|>\n<|im_start|>assistant\n").ids


def left_pad(rows, pad_id=151643):
    s = max(len(r) for r in rows)
    ids = torch.tensor([[pad_id] * (s - len(r)) + r for r in rows], dtype=torch.long)
    mask = torch.tensor([[0] * (s - len(r)) + [1] * len(r) for r in rows], dtype=torch.long)
    return ids, mask


def greedy_cached(module, ids, mask, steps):
    logits, cache, deltas = module(ids, mask)
    tokens, lengths = [], []
    for step in range(steps):
        token = logits[:, -1].argmax(-1, keepdim=True)
        tokens.append(token)
        if step == steps - 1:
            break
        position = mask.shape[1] + deltas
        mask = torch.cat((mask, torch.ones_like(token)), dim=1)
        logits, cache = module.decode(token, mask, position, cache)
        lengths.append(cache.shape[4])
    return torch.cat(tokens, dim=1), cache, lengths


def main():
    torch.set_num_threads(1)
    config, model = build_model()
    from tokenizers import Tokenizer
    tokenizer = Tokenizer.from_file(TOKENIZER)
    text_only = np.load(os.path.join(REFERENCES, "text_only.npz"))["input_ids"].tolist()
    prompts = {
        "text_only (src/test/workload/references)": text_only,
        "haiku": chat(tokenizer, "Write a haiku about the sea."),
        "count": chat(tokenizer, "Count from one to ten in French, please."),
    }
    for name, ids in prompts.items():
        assert tokenizer.decode(ids, skip_special_tokens=False), name

    wrapper = CachedExport(model).eval()
    # trace at one prefill length and one cache length; everything else below runs other lengths
    t_ids, t_mask = left_pad([chat(tokenizer, "trace me"), chat(tokenizer, "and me, a longer one")])
    with torch.no_grad():
        t_logits, t_cache, t_deltas = wrapper(t_ids, t_mask)
        t_token = t_logits[:, -1].argmax(-1, keepdim=True)
        t_dmask = torch.cat((t_mask, torch.ones_like(t_token)), 1)
        traced = torch.jit.trace_module(
            wrapper,
            {"forward": (t_ids, t_mask),
             "decode": (t_token, t_dmask, t_mask.shape[1] + t_deltas, t_cache)},
            check_trace=False, strict=False)
    traced.save(OUT_MODEL)
    loaded = torch.jit.load(OUT_MODEL)

    expected = []
    # 1) each prompt alone: the export against HF's own generate(do_sample=False) with its DynamicCache
    for name, ids in prompts.items():
        x = torch.tensor([ids])
        m = torch.ones_like(x)
        with torch.no_grad():
            hf = model.generate(input_ids=x, attention_mask=m, max_new_tokens=NEW_TOKENS, do_sample=False,
                                min_new_tokens=NEW_TOKENS, pad_token_id=151643, eos_token_id=None)
            ours, cache, lengths = greedy_cached(loaded, x, m, NEW_TOKENS)
            eager, _, _ = greedy_cached(wrapper, x, m, NEW_TOKENS)
        hf_new = hf[0, len(ids):].tolist()
        print(f"{name}: prompt {len(ids)} tokens, cache lengths {lengths[0]}..{lengths[-1]}")
        print("  HF generate :", hf_new)
        print("  export      :", ours[0].tolist())
        if ours[0].tolist() != hf_new or eager[0].tolist() != hf_new:
            sys.exit(f"{name}: the export's tokens differ from HF's generate()")
        assert list(cache.shape) == [LAYERS, 2, 1, KV_HEADS, len(ids) + NEW_TOKENS - 1, HEAD_DIM]
        expected.append({"name": name, "input_ids": ids, "tokens": hf_new,
                         "text": tokenizer.decode(hf_new, skip_special_tokens=False)})
    if len({tuple(e["tokens"]) for e in expected}) != len(expected):
        sys.exit("prompts ending in the same token give the same answer: the model ignores its context")

    # 2) a left-padded batch of all prompts: against HF generate on the same padded batch
    rows = list(prompts.values())
    ids, mask = left_pad(rows)
    with torch.no_grad():
        hf = model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=NEW_TOKENS, do_sample=False,
                            min_new_tokens=NEW_TOKENS, pad_token_id=151643, eos_token_id=None)
        ours, _, _ = greedy_cached(loaded, ids, mask, NEW_TOKENS)
    batch_hf = hf[:, ids.shape[1]:].tolist()
    print("left-padded batch, HF generate:", batch_hf)
    print("left-padded batch, export     :", ours.tolist())
    if ours.tolist() != batch_hf:
        sys.exit("left-padded batch: the export's tokens differ from HF's generate()")

    # 3) the cache matters: decoding with the cache zeroed gives other logits
    with torch.no_grad():
        x = torch.tensor([rows[0]])
        m = torch.ones_like(x)
        logits, cache, deltas = loaded(x, m)
        tok = logits[:, -1].argmax(-1, keepdim=True)
        m2 = torch.cat((m, torch.ones_like(tok)), 1)
        a, _ = loaded.decode(tok, m2, m.shape[1] + deltas, cache)
        b, _ = loaded.decode(tok, m2, m.shape[1] + deltas, torch.zeros_like(cache))
        assert (a - b).abs().max() > 1e-2, "the decode step ignores its cache"

    with open(OUT_JSON, "w") as f:
        json.dump({
            "model": os.path.basename(OUT_MODEL),
            "made_by": "generate_hf_qwen3vl_cached.py",
            "torch": torch.__version__, "transformers": transformers.__version__, "seed": SEED,
            "new_tokens": NEW_TOKENS,
            "reference": "Qwen3VLForConditionalGeneration.generate(do_sample=False), HF's DynamicCache",
            "cache": [LAYERS, 2, "B", KV_HEADS, "S", HEAD_DIM],
            "prompts": expected,
            "left_padded_batch": {"rows": [e["name"] for e in expected], "input_ids": ids.tolist(),
                                  "attention_mask": mask.tolist(), "tokens": batch_hf},
        }, f, indent=1)
    print("wrote", OUT_MODEL, os.path.getsize(OUT_MODEL), "bytes and", OUT_JSON)


if __name__ == "__main__":
    main()
