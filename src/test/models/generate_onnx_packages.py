"""Makes the three-part ONNX package fixtures from Hugging Face's own Qwen3-VL code (transformers 5.18),
and the tokens Hugging Face's generate(do_sample=False) gives for the workload's reference conversations.

Run with the venv of ENVIRONMENT.md ("Hugging Face's own code, offline") plus onnx, onnxruntime and
onnxscript from the same wheel mirror, from the repository root:

    V/bin/python src/test/models/generate_onnx_packages.py

It writes src/test/models/onnx/<package>/ for two tiny random-weight Qwen3VLForConditionalGeneration
models, one with DeepStack (vision block 0 feeds decoder layer 0) and one without:

    config.json, generation_config.json, preprocessor_config.json   (save_pretrained's and Qwen3-VL's)
    onnx/vision_encoder.onnx      pixel_values [patches, 1536], image_grid_thw [images, 3]
                                  -> image_features [image tokens, 64] (+ deepstack_features [k, image tokens, 64])
    onnx/embed_tokens.onnx        input_ids [batch, sequence] -> inputs_embeds [batch, sequence, 64]
    onnx/decoder_model_merged.onnx  inputs_embeds, attention_mask [batch, past + sequence],
                                  position_ids [3, batch, sequence], past_key_values.<i>.key/value
                                  [batch, 2, past, 16] (+ deepstack_visual_embeds [k, batch, sequence, 64])
                                  -> logits [batch, sequence, 151936], present.<i>.key/value
    onnx/<part>_quantized.onnx    onnxruntime.quantization.quantize_dynamic (int8 weights)
    onnx/<part>_q4.onnx           MatMulNBitsQuantizer, 4-bit blocks of 32 (accuracy_level 4)
    references.json               per reference conversation: Hugging Face's input_ids, grids and greedy tokens

The tokenizer is not copied into the packages (src/test/resources/qwen3/tokenizer.json is committed once);
the tests give it to the workload.

How the parts stay shape-free. The vision tower's own helpers loop in Python over every image's grid
(get_vision_position_ids) and its attention splits the packed patches by a Python list of lengths; a trace
would freeze one layout. transformers 5.18 lets a caller pass those values precomputed (interp_indices,
interp_weights, position_ids, cu_seqlens: transformers/vision_utils.py), so the export wrapper computes them
from image_grid_thw with tensor operations (each patch's image found by comparing its index with the
cumulative patch counts, no repeat_interleave) and checks them against Hugging Face's helpers; the
attention is the same scaled-dot-product attention with one block-diagonal mask instead of a loop over
images. The language model is Hugging Face's, fed a DynamicCache filled from the past inputs. The
vocabulary's embedding (tied with lm_head) would take 151936 x 64 floats, 39 MB per file: its rows are
overlapping windows of one random vector (row i = w[i : i + 64]); Hugging Face runs with that matrix as a
strided view, and the export computes the same lookups from the vector (a gather for the embedding, a
correlation for the logits), 0.6 MB per file.

Checks, each of which stops the script: the export's tokens (onnxruntime, this script's own loop) equal
Hugging Face's generate() on every conversation, alone and as one left-padded batch; the quantized
variants run; and each caller mistake (image features not merged, one row of positions for all three,
height and width swapped, decode positions not continuing from the prompt's last, DeepStack features
dropped) changes the tokens of some conversation. A seed is drawn until that holds with clear top-1
margins.
"""
import json
import os
import shutil
import sys

import numpy as np
import torch
import torch.nn.functional as F
import transformers
from transformers import Qwen3VLConfig, Qwen3VLForConditionalGeneration
from transformers.cache_utils import DynamicCache
from transformers.models.qwen3_vl import modeling_qwen3_vl as hf
from transformers import vision_utils

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
REFERENCES = os.path.join(ROOT, "src", "test", "workload", "references")
OUT = os.path.join(HERE, "onnx")
TFJS_INPUTS = os.path.join(ROOT, "target", "onnx-fixture-inputs")  # for transformersjs_check.mjs, not committed
NEW_TOKENS = 12
LAYERS, HIDDEN, HEADS, KV_HEADS, HEAD_DIM, VOCAB = 2, 64, 4, 2, 16, 151936
VISION_HIDDEN, MERGE, PATCH, TEMPORAL, GRID_SIDE = 32, 2, 16, 2, 4
IMAGE_TOKEN, PAD = 151655, 151643
STD = 0.3
CASES = ["text_only", "one_image", "several_images", "system_and_camera", "multi_turn"]
PREPROCESSOR = dict(image_processor_type="Qwen2VLImageProcessor", patch_size=PATCH, temporal_patch_size=TEMPORAL,
                    merge_size=MERGE, image_mean=[0.5, 0.5, 0.5], image_std=[0.5, 0.5, 0.5], do_normalize=True,
                    do_rescale=True, rescale_factor=1 / 255, do_resize=True, resample=3,
                    size={"shortest_edge": 65536, "longest_edge": 16777216})


# ---------------------------------------------------------------------------------------------------
# the model

def build(deepstack, seed):
    torch.manual_seed(seed)
    config = Qwen3VLConfig(
        text_config=dict(
            vocab_size=VOCAB, hidden_size=HIDDEN, intermediate_size=128, num_hidden_layers=LAYERS,
            num_attention_heads=HEADS, num_key_value_heads=KV_HEADS, head_dim=HEAD_DIM,
            max_position_embeddings=4096, rms_norm_eps=1e-6,
            rope_parameters={"rope_type": "default", "rope_theta": 10000.0,
                             "mrope_section": [4, 2, 2], "mrope_interleaved": True},
        ),
        vision_config=dict(
            depth=2, hidden_size=VISION_HIDDEN, intermediate_size=64, num_heads=2, in_channels=3,
            patch_size=PATCH, spatial_merge_size=MERGE, temporal_patch_size=TEMPORAL, out_hidden_size=HIDDEN,
            num_position_embeddings=GRID_SIDE * GRID_SIDE, deepstack_visual_indexes=[0] if deepstack else [],
        ),
        tie_word_embeddings=True, image_token_id=IMAGE_TOKEN,
    )
    config._attn_implementation = "sdpa"
    model = Qwen3VLForConditionalGeneration(config).eval()
    with torch.no_grad():
        # weights far from the default 0.02, so that images, positions and DeepStack change the answers
        for name, p in model.named_parameters():
            if "embed_tokens" in name or "lm_head" in name:
                continue
            if p.dim() >= 2:
                p.normal_(0.0, STD)
            elif name.endswith("bias"):
                p.normal_(0.0, STD)
            else:  # norms
                p.fill_(1.0)
    window = torch.randn(VOCAB + HIDDEN - 1)
    weight = torch.nn.Parameter(window.as_strided((VOCAB, HIDDEN), (1, 1)), requires_grad=False)
    model.model.language_model.embed_tokens.weight = weight
    model.lm_head.weight = weight
    for p in model.parameters():
        p.requires_grad_(False)
    return config, model, window


# ---------------------------------------------------------------------------------------------------
# the conversations: Hugging Face's processor outputs, stored by src/test/workload/make_references.py

def load_case(name):
    data = np.load(os.path.join(REFERENCES, name + ".npz"))
    ids = data["input_ids"].astype(np.int64).reshape(-1).tolist()
    grids = data["image_grid_thw"].astype(np.int64).reshape(-1, 3) if "image_grid_thw" in data else np.zeros((0, 3))
    pixels = None
    if len(grids):
        levels = data["pixel_levels"].view(np.uint8).reshape(data["pixel_levels"].shape[0], -1)  # [patches, 3*16*16]
        # as Hugging Face rescales: the product in float64, then float32 (image_transforms.rescale)
        values = ((levels.astype(np.float64) * (1 / 255)).astype(np.float32) - np.float32(0.5)) / np.float32(0.5)
        # Hugging Face repeats each patch along the temporal axis: [patches, 3, 2, 16, 16]
        values = values.reshape(-1, 3, 1, PATCH, PATCH).repeat(TEMPORAL, axis=2)
        pixels = values.reshape(values.shape[0], -1)
    return ids, grids, pixels


def hf_generate(model, ids_rows, grids, pixels):
    """Hugging Face's generate(do_sample=False) on left-padded rows: the reference."""
    width = max(len(r) for r in ids_rows)
    ids = torch.tensor([[PAD] * (width - len(r)) + r for r in ids_rows])
    mask = torch.tensor([[0] * (width - len(r)) + [1] * len(r) for r in ids_rows])
    kwargs = dict(input_ids=ids, attention_mask=mask, max_new_tokens=NEW_TOKENS, min_new_tokens=NEW_TOKENS,
                  do_sample=False, pad_token_id=PAD, eos_token_id=None)
    if len(grids):
        kwargs.update(pixel_values=torch.from_numpy(pixels), image_grid_thw=torch.from_numpy(grids),
                      mm_token_type_ids=(ids == IMAGE_TOKEN).int())
    with torch.no_grad():
        out = model.generate(**kwargs)
    return out[:, width:].tolist()


# ---------------------------------------------------------------------------------------------------
# the export wrappers

def patch_layout(grid_thw):
    """Per patch, in Hugging Face's packed order: its image, and its row and column in spatial-merge-block
    order, with tensor operations only (shape-free in the export)."""
    t, h, w = grid_thw[:, 0], grid_thw[:, 1], grid_thw[:, 2]
    counts = t * h * w
    ends = torch.cumsum(counts, 0)
    index = torch.arange(ends[-1], dtype=torch.long)
    image = (index[:, None] >= ends[None, :]).sum(-1)
    starts = ends - counts
    heights, widths, start = h[image], w[image], starts[image]
    within = (index - start) % (heights * widths)
    blocks_w = widths // MERGE
    in_col = within % MERGE
    in_row = (within // MERGE) % MERGE
    block_col = (within // (MERGE * MERGE)) % blocks_w
    block_row = within // (MERGE * MERGE * blocks_w)
    return image, block_row * MERGE + in_row, block_col * MERGE + in_col, heights, widths


def vision_kwargs(grid_thw):
    """The values Hugging Face's vision tower computes from the grid in Python, as tensors."""
    image, row, col, heights, widths = patch_layout(grid_thw)
    axis = vision_utils._interpolation_axis_taps_weights
    h_taps, h_weights = axis(row, heights, GRID_SIDE, "bilinear", True)
    w_taps, w_weights = axis(col, widths, GRID_SIDE, "bilinear", True)
    n = h_taps.shape[1]
    indices = (h_taps[:, :, None] * GRID_SIDE + w_taps[:, None, :]).reshape(-1, n * n)
    weights = (h_weights[:, :, None] * w_weights[:, None, :]).reshape(-1, n * n)
    counts = grid_thw[:, 0] * grid_thw[:, 1] * grid_thw[:, 2]  # one attention segment per image (t = 1)
    cu_seqlens = F.pad(torch.cumsum(counts, 0), (1, 0)).to(grid_thw.dtype)
    return dict(interp_indices=indices, interp_weights=weights, position_ids=torch.stack([row, col], -1),
                cu_seqlens=cu_seqlens)


def masked_vision_attention(self, hidden_states, cu_seqlens, position_embeddings=None, max_seqlen=None, **kwargs):
    """Qwen3VLVisionAttention.forward's math with one block-diagonal mask instead of a loop over images."""
    n = hidden_states.shape[0]
    q, k, v = self.qkv(hidden_states).reshape(n, 3, self.num_heads, -1).permute(1, 0, 2, 3).unbind(0)
    cos, sin = position_embeddings
    q, k = hf.apply_rotary_pos_emb_vision(q, k, cos, sin)
    q, k, v = (x.transpose(0, 1).unsqueeze(0) for x in (q, k, v))
    index = torch.arange(n)
    segment = (index[:, None] >= cu_seqlens[None, 1:]).sum(-1)
    mask = segment[:, None] == segment[None, :]
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=self.scaling)
    return self.proj(out.squeeze(0).transpose(0, 1).reshape(n, -1))


class VisionExport(torch.nn.Module):
    def __init__(self, model, deepstack):
        super().__init__()
        self.visual = model.model.visual
        self.deepstack = deepstack

    def forward(self, pixel_values, image_grid_thw):
        out = self.visual(pixel_values, grid_thw=image_grid_thw, return_dict=True, **vision_kwargs(image_grid_thw))
        if self.deepstack:
            return out.pooler_output, torch.stack(out.deepstack_features)
        return out.pooler_output


class EmbedExport(torch.nn.Module):
    """The embedding of windows: row i of the matrix is window[i : i + HIDDEN]."""

    def __init__(self, window):
        super().__init__()
        self.window = torch.nn.Parameter(window.clone(), requires_grad=False)

    def forward(self, input_ids):
        return self.window[input_ids[..., None] + torch.arange(HIDDEN)]


def dense_deepstack(self, hidden_states, visual_pos_masks, visual_embeds):
    """_deepstack_process for a mask of all ones: hidden[mask, :] is hidden's rows in order."""
    return hidden_states + visual_embeds.to(hidden_states.dtype).reshape(hidden_states.shape)


class Correlate(torch.autograd.Function):
    """conv1d of the window with a kernel of runtime rows: the legacy exporter wants a kernel shape it cannot
    infer through the language model, so the ONNX Conv is written with its kernel shape (HIDDEN) stated."""

    @staticmethod
    def forward(ctx, window, kernels):
        return F.conv1d(window, kernels)

    @staticmethod
    def symbolic(g, window, kernels):
        return g.op("Conv", window, kernels, kernel_shape_i=[HIDDEN])


class DecoderExport(torch.nn.Module):
    def __init__(self, model, window, deepstack):
        super().__init__()
        self.language_model = model.model.language_model  # fed inputs_embeds: its embedding stays out of the graph
        self.window = torch.nn.Parameter(window.clone(), requires_grad=False)
        self.text_config = model.config.text_config
        self.deepstack = deepstack

    def forward(self, inputs_embeds, attention_mask, position_ids, *rest):
        past = rest[:2 * LAYERS]
        cache = DynamicCache(config=self.text_config)
        for i in range(LAYERS):
            cache.update(past[2 * i], past[2 * i + 1], i)
        kwargs = {}
        if self.deepstack:
            embeds = rest[2 * LAYERS]  # [k, B, S, H], zeros away from image tokens
            b, s = inputs_embeds.shape[:2]
            kwargs = dict(visual_pos_masks=torch.ones(b, s, dtype=torch.bool),
                          deepstack_visual_embeds=[embeds[j].reshape(b * s, HIDDEN) for j in range(embeds.shape[0])])
        out = self.language_model(inputs_embeds=inputs_embeds, attention_mask=attention_mask,
                                  position_ids=position_ids, past_key_values=cache, use_cache=True, **kwargs)
        hidden = out.last_hidden_state
        b, s = hidden.shape[:2]
        # logits[n, i] = sum_j hidden[n, j] * window[i + j]: a correlation of the window with each hidden vector
        logits = Correlate.apply(self.window.view(1, 1, -1), hidden.reshape(b * s, 1, HIDDEN)).reshape(b, s, VOCAB)
        presents = []
        for layer in cache.layers:
            presents += [layer.keys, layer.values]
        return (logits, *presents)


def export(module, args, path, inputs, outputs, dynamic):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, dynamic_axes=dynamic,
                          opset_version=18, do_constant_folding=True, dynamo=False)


def export_package(model, window, deepstack, folder):
    onnx_dir = os.path.join(folder, "onnx")
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(onnx_dir)
    case_ids, grids, pixels = load_case("several_images")
    grid_t = torch.from_numpy(grids)
    pix_t = torch.from_numpy(pixels)

    original = hf.Qwen3VLVisionAttention.forward
    hf.Qwen3VLVisionAttention.forward = masked_vision_attention
    try:
        outs = ["image_features"] + (["deepstack_features"] if deepstack else [])
        dyn = {"pixel_values": {0: "patches"}, "image_grid_thw": {0: "images"}, "image_features": {0: "image_tokens"}}
        if deepstack:
            dyn["deepstack_features"] = {1: "image_tokens"}
        export(VisionExport(model, deepstack).eval(), (pix_t, grid_t), os.path.join(onnx_dir, "vision_encoder.onnx"),
               ["pixel_values", "image_grid_thw"], outs, dyn)
    finally:
        hf.Qwen3VLVisionAttention.forward = original

    ids = torch.tensor([case_ids[:20], case_ids[:20]])
    export(EmbedExport(window).eval(), (ids,), os.path.join(onnx_dir, "embed_tokens.onnx"), ["input_ids"],
           ["inputs_embeds"], {"input_ids": {0: "batch", 1: "sequence"}, "inputs_embeds": {0: "batch", 1: "sequence"}})

    b, s, p = 2, 5, 3
    embeds = torch.randn(b, s, HIDDEN)
    mask = torch.ones(b, p + s, dtype=torch.long)
    positions = torch.arange(p, p + s).view(1, 1, s).expand(3, b, s).contiguous()
    names = ["inputs_embeds", "attention_mask", "position_ids"]
    dyn = {"inputs_embeds": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "total_sequence"},
           "position_ids": {1: "batch", 2: "sequence"}, "logits": {0: "batch", 1: "sequence"}}
    args = [embeds, mask, positions]
    outs = ["logits"]
    for i in range(LAYERS):
        for kind in ("key", "value"):
            names.append(f"past_key_values.{i}.{kind}")
            outs.append(f"present.{i}.{kind}")
            args.append(torch.randn(b, KV_HEADS, p, HEAD_DIM))
            dyn[names[-1]] = {0: "batch", 2: "past_sequence"}
            dyn[outs[-1]] = {0: "batch", 2: "total_sequence"}
    if deepstack:
        names.append("deepstack_visual_embeds")
        args.append(torch.zeros(1, b, s, HIDDEN))
        dyn["deepstack_visual_embeds"] = {1: "batch", 2: "sequence"}
    # HF's _deepstack_process adds the features through a boolean index (hidden[mask, :] += embeds), which the
    # legacy exporter lowers with shapes frozen from the sample; the export's features are dense (zeros away from
    # image tokens, the mask all ones), so the same sum is a plain addition.
    language_model_class = type(model.model.language_model)
    original_deepstack = language_model_class._deepstack_process
    language_model_class._deepstack_process = dense_deepstack
    try:
        export(DecoderExport(model, window, deepstack).eval(), tuple(args),
               os.path.join(onnx_dir, "decoder_model_merged.onnx"), names, outs, dyn)
    finally:
        language_model_class._deepstack_process = original_deepstack

    model.config.save_pretrained(folder)
    model.generation_config.save_pretrained(folder)
    with open(os.path.join(folder, "preprocessor_config.json"), "w") as f:
        json.dump(PREPROCESSOR, f, indent=2)


def quantize(folder):
    from onnxruntime.quantization import QuantType, quantize_dynamic
    try:
        from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer
    except ImportError:  # onnxruntime before 1.20
        from onnxruntime.quantization.matmul_4bits_quantizer import MatMul4BitsQuantizer as MatMulNBitsQuantizer
    import onnx
    onnx_dir = os.path.join(folder, "onnx")
    for part in ("vision_encoder", "embed_tokens", "decoder_model_merged"):
        source = os.path.join(onnx_dir, part + ".onnx")
        # int8 weights of the MatMuls with constant weights (and the embedding's gather), as optimum's "quantized"
        quantize_dynamic(source, os.path.join(onnx_dir, part + "_quantized.onnx"), weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul", "Gather"], extra_options={"MatMulConstBOnly": True})
        q4 = MatMulNBitsQuantizer(onnx.load(source), block_size=32, is_symmetric=True, accuracy_level=4)
        q4.process()
        onnx.save(q4.model.model, os.path.join(onnx_dir, part + "_q4.onnx"))


# ---------------------------------------------------------------------------------------------------
# this script's own loop over the three parts, as the plugin runs them; `mistake` makes one wrong on purpose

def rope_positions(ids, mask, grids, mistake=None):
    """[3, B, S] positions and each row's last [3, B], as transformers 5.18's get_rope_index and generate()."""
    b, s = ids.shape
    rows = np.zeros((3, b, s), dtype=np.int64)
    last = np.zeros((3, b), dtype=np.int64)
    image = 0
    for r in range(b):
        valid = [int(t) for t, m in zip(ids[r], mask[r]) if m]
        pos = np.zeros((3, len(valid)), dtype=np.int64)
        nxt, i = 0, 0
        while i < len(valid):
            if valid[i] != IMAGE_TOKEN:
                pos[:, i] = nxt
                nxt += 1
                i += 1
                continue
            t, h, w = (int(x) for x in grids[image])
            image += 1
            gh, gw = h // MERGE, w // MERGE
            if mistake == "swapped_hw":
                gh, gw = gw, gh
            for k in range(t * gh * gw):
                pos[:, i + k] = [nxt + k // (gh * gw), nxt + (k // gw) % gh, nxt + k % gw]
            nxt = int(pos[:, i:i + t * gh * gw].max()) + 1
            i += t * gh * gw
        if mistake == "one_row":
            pos[:] = np.arange(len(valid))
        rows[:, r, np.asarray(mask[r], dtype=bool)] = pos
        last[:, r] = pos[:, -1]
    return rows, last


def run_loop(sessions, ids_rows, grids, pixels, deepstack, mistake=None):
    import onnxruntime as ort
    vision, embed, decoder = sessions
    width = max(len(r) for r in ids_rows)
    ids = np.array([[PAD] * (width - len(r)) + r for r in ids_rows], dtype=np.int64)
    mask = np.array([[0] * (width - len(r)) + [1] * len(r) for r in ids_rows], dtype=np.int64)
    b = ids.shape[0]
    embeds = embed.run(None, {"input_ids": ids})[0]
    stack = np.zeros((1, b, width, HIDDEN), dtype=np.float32)
    if len(grids):
        outs = vision.run(None, {"pixel_values": pixels, "image_grid_thw": grids})
        where = np.argwhere((ids == IMAGE_TOKEN) & (mask == 1))
        if mistake != "not_merged":
            embeds[where[:, 0], where[:, 1]] = outs[0]
        if deepstack and mistake != "no_deepstack":
            stack[0, where[:, 0], where[:, 1]] = outs[1][0]
    positions, last = rope_positions(ids, mask, grids, mistake)
    past = {f"past_key_values.{i}.{k}": np.zeros((b, KV_HEADS, 0, HEAD_DIM), np.float32)
            for i in range(LAYERS) for k in ("key", "value")}
    tokens = []
    feed = {"inputs_embeds": embeds, "attention_mask": mask, "position_ids": positions, **past}
    margins = []
    for step in range(NEW_TOKENS):
        if deepstack:
            feed["deepstack_visual_embeds"] = stack
        out = decoder.run(None, feed)
        logits = out[0][:, -1]
        top2 = np.sort(logits, axis=-1)[:, -2:]
        margins.append(float((top2[:, 1] - top2[:, 0]).min()))
        token = logits.argmax(-1)
        tokens.append(token)
        mask = np.concatenate([mask, np.ones((b, 1), np.int64)], 1)
        if mistake == "no_decode_offset":
            step_positions = np.full((3, b, 1), mask.shape[1] - 1, np.int64)
        else:
            step_positions = (last + 1 + step)[:, :, None]
        feed = {"inputs_embeds": embed.run(None, {"input_ids": token[:, None].astype(np.int64)})[0],
                "attention_mask": mask, "position_ids": step_positions}
        for i in range(LAYERS):
            feed[f"past_key_values.{i}.key"] = out[1 + 2 * i]
            feed[f"past_key_values.{i}.value"] = out[2 + 2 * i]
        stack = np.zeros((1, b, 1, HIDDEN), np.float32)
    return np.stack(tokens, 1).tolist(), min(margins)


def sessions(folder, variant=""):
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return [ort.InferenceSession(os.path.join(folder, "onnx", part + variant + ".onnx"), options,
                                 providers=["CPUExecutionProvider"])
            for part in ("vision_encoder", "embed_tokens", "decoder_model_merged")]


# ---------------------------------------------------------------------------------------------------

def check_vision_kwargs():
    """The tensor versions of the vision helpers equal Hugging Face's own, on grids of several images."""
    grid = torch.tensor([[1, 4, 6], [1, 8, 4], [1, 2, 2]])
    ours = vision_kwargs(grid)
    theirs_pos = vision_utils.get_vision_position_ids(grid, MERGE)
    theirs_idx, theirs_w = vision_utils.get_vision_interpolation_indices_and_weights(
        grid, GRID_SIDE, mode="bilinear", align_corners=True, spatial_merge_size=MERGE)
    theirs_cu = vision_utils.get_vision_cu_seqlens(grid)
    assert torch.equal(ours["position_ids"], theirs_pos), "vision position ids differ from Hugging Face's"
    assert torch.equal(ours["interp_indices"], theirs_idx), "interpolation indices differ"
    assert torch.allclose(ours["interp_weights"], theirs_w), "interpolation weights differ"
    assert torch.equal(ours["cu_seqlens"].long(), theirs_cu.long()), "cu_seqlens differ"


def make(name, deepstack, seeds):
    folder = os.path.join(OUT, name)
    cases = {c: load_case(c) for c in CASES}
    for seed in seeds:
        config, model, window = build(deepstack, seed)
        references = {c: hf_generate(model, [ids], grids, pixels)[0] for c, (ids, grids, pixels) in cases.items()}
        if len({tuple(t) for t in references.values()}) < len(references):
            print(f"{name}: seed {seed}: two conversations give the same answer, next seed")
            continue
        export_package(model, window, deepstack, folder)
        parts = sessions(folder)
        runs = {c: run_loop(parts, [ids], grids, pixels, deepstack) for c, (ids, grids, pixels) in cases.items()}
        low = min(margin for _, margin in runs.values())
        if low < 0.05:  # a near tie may flip between PyTorch and ONNX Runtime: not a fixture to compare tokens on
            print(f"{name}: seed {seed}: a top-1 margin of {low:.3g}, next seed")
            continue
        for c, (ours, _) in runs.items():
            if ours[0] != references[c]:
                sys.exit(f"{name}: {c}: the export's tokens {ours[0]} differ from Hugging Face's {references[c]}")
        mistakes = ["not_merged", "one_row", "swapped_hw", "no_decode_offset"] + (["no_deepstack"] if deepstack else [])
        caught = {}
        for mistake in mistakes:
            caught[mistake] = [c for c, (ids, grids, pixels) in cases.items()
                               if run_loop(parts, [ids], grids, pixels, deepstack, mistake)[0][0] != references[c]]
        if not all(caught.values()):
            print(f"{name}: seed {seed}: mistakes that change no answer: {[m for m, c in caught.items() if not c]}")
            continue
        # one left-padded batch of every conversation, images in batch order
        rows = [cases[c][0] for c in CASES]
        grids = np.concatenate([cases[c][1] for c in CASES if len(cases[c][1])]).astype(np.int64)
        pixels = np.concatenate([cases[c][2] for c in CASES if cases[c][2] is not None]).astype(np.float32)
        batch_hf = hf_generate(model, rows, grids, pixels)
        batch_ours, _ = run_loop(parts, rows, grids, pixels, deepstack)
        if batch_ours != batch_hf:
            sys.exit(f"{name}: left-padded batch: the export's tokens {batch_ours} differ from Hugging Face's {batch_hf}")
        quantize(folder)
        variants = {}
        for variant in ("_quantized", "_q4"):
            vs = sessions(folder, variant)
            variants[variant[1:]] = {c: run_loop(vs, [ids], grids, pixels, deepstack)[0][0]
                                     for c, (ids, grids, pixels) in cases.items()}
        with open(os.path.join(folder, "references.json"), "w") as f:
            json.dump({
                "made_by": "src/test/models/generate_onnx_packages.py", "torch": torch.__version__,
                "transformers": transformers.__version__, "seed": seed, "deepstack": deepstack,
                "new_tokens": NEW_TOKENS, "lowest_top1_margin": low,
                "reference": "Qwen3VLForConditionalGeneration.generate(do_sample=False) on the processor outputs"
                             " in src/test/workload/references",
                "cases": {c: {"tokens": references[c]} for c in CASES},
                "left_padded_batch": {"cases": CASES, "tokens": batch_hf},
                "mistakes_caught_by": caught,
                "variants_tokens": variants,
            }, f, indent=1)
        print(f"{name}: seed {seed}, lowest margin {low:.3g}; mistakes caught: {caught}")
        return
    sys.exit(f"{name}: no seed of {list(seeds)} gives distinct answers, clear margins and catches every mistake")


def write_tfjs_inputs():
    """Hugging Face's processor outputs for transformersjs_check.mjs (pixel values as base64 float32)."""
    import base64
    os.makedirs(TFJS_INPUTS, exist_ok=True)
    for c in CASES:
        ids, grids, pixels = load_case(c)
        with open(os.path.join(TFJS_INPUTS, c + ".json"), "w") as f:
            json.dump({"input_ids": ids, "image_grid_thw": np.asarray(grids, dtype=np.int64).tolist(),
                       "pixel_values": "" if pixels is None else base64.b64encode(
                           np.ascontiguousarray(pixels, dtype=np.float32).tobytes()).decode()}, f)


def main():
    torch.set_num_threads(1)
    check_vision_kwargs()
    write_tfjs_inputs()
    make("qwen3vl-tiny-deepstack", True, range(20261205, 20261225))
    make("qwen3vl-tiny", False, range(20261205, 20261225))
    for name in ("qwen3vl-tiny-deepstack", "qwen3vl-tiny"):
        folder = os.path.join(OUT, name)
        sizes = {f: os.path.getsize(os.path.join(folder, "onnx", f)) for f in sorted(os.listdir(os.path.join(folder, "onnx")))}
        print(name, sum(sizes.values()), "bytes:", sizes)


if __name__ == "__main__":
    main()
