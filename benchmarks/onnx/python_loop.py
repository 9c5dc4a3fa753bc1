"""Python onnxruntime running the package's greedy loop on the reference conversations, the way the plugin runs
it (the caller's part as src/test/models/generate_onnx_packages.py's run_loop does it), with the plugin's session
settings: 1 intra-op and 1 inter-op thread, sequential, all graph optimizations, CPU arena, spinning off. Each
request is timed as the plugin's generation suite times it: the time to first token is the prefill (vision
encoder, embedding, merge and the decoder's first run); decode tokens per second are the later tokens over
their steps' time. Variants run interleaved, request by request, ROUNDS times over the conversations.

    V/bin/python benchmarks/onnx/python_loop.py PACKAGE NEW_TOKENS ROUNDS [VARIANT...]

Prints one JSON object: per variant, the median time to first token (ms), median decode tokens per second,
and the number of requests.
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import onnxruntime as ort

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "src", "test", "models"))
import generate_onnx_packages as fx  # noqa: E402
import make_package  # noqa: E402,F401  (sets the fixture helpers' sizes to the mid-size package's)


def sessions(folder, suffix):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.enable_cpu_mem_arena = True
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return [ort.InferenceSession(os.path.join(folder, "onnx", part + suffix + ".onnx"), options,
                                 providers=["CPUExecutionProvider"])
            for part in ("vision_encoder", "embed_tokens", "decoder_model_merged")]


def request(parts, ids_rows, grids, pixels, new_tokens):
    vision, embed, decoder = parts
    ids = np.array(ids_rows, dtype=np.int64)
    mask = np.ones_like(ids)
    b = ids.shape[0]
    start = time.perf_counter()
    embeds = embed.run(None, {"input_ids": ids})[0]
    if len(grids):
        features = vision.run(None, {"pixel_values": pixels, "image_grid_thw": grids})[0]
        where = np.argwhere(ids == fx.IMAGE_TOKEN)
        embeds[where[:, 0], where[:, 1]] = features
    positions, last = fx.rope_positions(ids, mask, grids)
    feed = {"inputs_embeds": embeds, "attention_mask": mask, "position_ids": positions}
    for i in range(fx.LAYERS):
        for kind in ("key", "value"):
            feed[f"past_key_values.{i}.{kind}"] = np.zeros((b, fx.KV_HEADS, 0, fx.HEAD_DIM), np.float32)
    steps = []
    for step in range(new_tokens):
        out = decoder.run(None, feed)
        token = out[0][:, -1].argmax(-1)
        now = time.perf_counter()
        steps.append(now - start)
        start = now
        if step == new_tokens - 1:
            break
        mask = np.concatenate([mask, np.ones((b, 1), np.int64)], 1)
        feed = {"inputs_embeds": embed.run(None, {"input_ids": token[:, None].astype(np.int64)})[0],
                "attention_mask": mask, "position_ids": (last + 1 + step)[:, :, None]}
        for i in range(fx.LAYERS):
            feed[f"past_key_values.{i}.key"] = out[1 + 2 * i]
            feed[f"past_key_values.{i}.value"] = out[2 + 2 * i]
    return steps[0], (len(steps) - 1) / sum(steps[1:])


def main():
    folder, new_tokens, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    variants = sys.argv[4:] or ["fp32", "quantized", "q4"]
    parts = {v: sessions(folder, "" if v == "fp32" else "_" + v) for v in variants}
    cases = [fx.load_case(c) for c in fx.CASES]
    for v in variants:  # warm-up: one request each
        request(parts[v], [cases[0][0]], cases[0][1], cases[0][2], 2)
    first, rate = {v: [] for v in variants}, {v: [] for v in variants}
    for r in range(rounds):
        for ids, grids, pixels in cases:
            order = variants if r % 2 == 0 else variants[::-1]
            for v in order:
                f, t = request(parts[v], [ids], np.asarray(grids, dtype=np.int64), pixels, new_tokens)
                first[v].append(f)
                rate[v].append(t)
    print(json.dumps({v: {"timeToFirstTokenMillis": 1000 * statistics.median(first[v]),
                          "decodeTokensPerSecond": statistics.median(rate[v]), "requests": len(first[v])}
                      for v in variants}, indent=1))


if __name__ == "__main__":
    main()
