"""Writes the two small ONNX graphs with which continuous batching joins and splits a package's key/value cache
inside ONNX Runtime (PackageBatch), so that the cache never passes through Java buffers:

    cache_join.onnx   a [B1, H, L1, D], b [B2, H, L2, D], pad_a [8], pad_b [8] (int64, Pad's layout)
                      -> joined = Concat(Pad(a, pad_a), Pad(b, pad_b), axis 0), the padding zeros
    cache_keep.onnx   x [B, H, L, D], rows [K] (int64), start [1] (int64)
                      -> kept = Slice(Gather(x, rows, axis 0), start .. end, axis 2)

Run from the repository root with a Python that has the onnx package (ENVIRONMENT.md's venv):

    V/bin/python src/main/onnx/make_cache_ops.py

It checks both graphs against NumPy with onnxruntime before writing them.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io", "github", "qwenbench", "onnx")


def cache(name, batch, length):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, [batch, "heads", length, "width"])


def join():
    nodes = [helper.make_node("Pad", ["a", "pad_a"], ["a_padded"], mode="constant"),
             helper.make_node("Pad", ["b", "pad_b"], ["b_padded"], mode="constant"),
             helper.make_node("Concat", ["a_padded", "b_padded"], ["joined"], axis=0)]
    graph = helper.make_graph(nodes, "cache_join",
                              [cache("a", "rows_a", "length_a"), cache("b", "rows_b", "length_b"),
                               helper.make_tensor_value_info("pad_a", TensorProto.INT64, [8]),
                               helper.make_tensor_value_info("pad_b", TensorProto.INT64, [8])],
                              [cache("joined", "rows", "length")])
    return graph


def keep():
    axes = helper.make_tensor("axes", TensorProto.INT64, [1], [2])
    end = helper.make_tensor("end", TensorProto.INT64, [1], [np.iinfo(np.int64).max])
    nodes = [helper.make_node("Gather", ["x", "rows"], ["gathered"], axis=0),
             helper.make_node("Slice", ["gathered", "start", "end", "axes"], ["kept"])]
    graph = helper.make_graph(nodes, "cache_keep",
                              [cache("x", "rows_in", "length_in"),
                               helper.make_tensor_value_info("rows", TensorProto.INT64, ["rows"]),
                               helper.make_tensor_value_info("start", TensorProto.INT64, [1])],
                              [cache("kept", "rows", "length")], initializer=[axes, end])
    return graph


def write(graph, name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)], producer_name="qwen-bench")
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(OUT, name)
    onnx.save(model, path)
    return path


def check(join_path, keep_path):
    import onnxruntime as ort
    rng = np.random.default_rng(1)
    a = rng.standard_normal((2, 3, 5, 4), dtype=np.float32)
    b = rng.standard_normal((1, 3, 7, 4), dtype=np.float32)
    joined = ort.InferenceSession(join_path).run(None, {
        "a": a, "b": b, "pad_a": np.array([0, 0, 2, 0, 0, 0, 0, 0], np.int64), "pad_b": np.zeros(8, np.int64)})[0]
    expected = np.concatenate([np.pad(a, ((0, 0), (0, 0), (2, 0), (0, 0))), b])
    if not np.array_equal(joined, expected):
        sys.exit("cache_join.onnx differs from NumPy")
    kept = ort.InferenceSession(keep_path).run(None, {"x": expected, "rows": np.array([2, 0], np.int64),
                                                      "start": np.array([3], np.int64)})[0]
    if not np.array_equal(kept, expected[[2, 0]][:, :, 3:]):
        sys.exit("cache_keep.onnx differs from NumPy")


def main():
    os.makedirs(OUT, exist_ok=True)
    paths = write(join(), "cache_join.onnx"), write(keep(), "cache_keep.onnx")
    check(*paths)
    for p in paths:
        print(p, os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
