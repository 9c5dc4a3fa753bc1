"""Makes src/test/models/onnx/qwen3vl-tiny-grid-inputs/: the vision encoder of the qwen3vl-tiny fixture package
exported the way exports that leave the grid's arithmetic to the caller ship it (onnxruntime-genai's Qwen-VL
exports among them): instead of image_grid_thw it takes the values Hugging Face computes from the grid in Python,
under the names transformers 5.18 gives them (transformers/vision_utils.py; Qwen3-VL's vision tower pops them from
its keyword arguments when a caller passes them):

    pixel_values    [patches, 1536]   float32
    position_ids    [patches, 2]      int64    each patch's (row, column), in spatial-merge-block order
    cu_seqlens      [segments + 1]    int32    where each image's (each frame's) attention segment ends
    interp_indices  [patches, 4]      int64    the four learned position embeddings each patch interpolates
    interp_weights  [patches, 4]      float32  and their bilinear weights (align_corners, as Qwen3-VL)
    -> image_features [image tokens, 64]

and hf-vision-helpers.json: Hugging Face's own values of those helpers (and of Qwen2.5-VL's window index) for
several grids and configurations, which the Java code that computes them is tested against.

Run with the venv of generate_onnx_packages.py, from the repository root, after that script:

    V/bin/python src/test/models/generate_onnx_grid_inputs.py

Checks, each of which stops the script: the model is qwen3vl-tiny's (rebuilt from the seed its references.json
records), because this export's features equal the committed vision_encoder.onnx's on every reference
conversation with images; and each wrong input (rows and columns swapped, one attention segment for several
images, the interpolation of the grid with height and width swapped) changes the features by far more than the export's own error.
The tests assemble a package from qwen3vl-tiny's other files and this encoder (the files are not copied).
"""
import json
import os
import sys

import numpy as np
import onnxruntime as ort
import torch
import torch.nn.functional as F
from transformers import vision_utils
from transformers.models.qwen3_vl import modeling_qwen3_vl as hf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate_onnx_packages as gop  # noqa: E402

SOURCE = os.path.join(gop.OUT, "qwen3vl-tiny")
OUT = os.path.join(gop.OUT, "qwen3vl-tiny-grid-inputs")
INPUTS = ["pixel_values", "position_ids", "cu_seqlens", "interp_indices", "interp_weights"]


class GridInputsVisionExport(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.visual = model.model.visual

    def forward(self, pixel_values, position_ids, cu_seqlens, interp_indices, interp_weights):
        unused = torch.zeros(1, 3, dtype=torch.long)  # every value Hugging Face derives from the grid is given
        out = self.visual(pixel_values, grid_thw=unused, return_dict=True, position_ids=position_ids,
                          cu_seqlens=cu_seqlens, interp_indices=interp_indices, interp_weights=interp_weights)
        return out.pooler_output


def hf_inputs(grids, side=gop.GRID_SIDE, merge=gop.MERGE):
    """Hugging Face's helpers, as Qwen3VLVisionModel.forward calls them."""
    grid = torch.as_tensor(np.asarray(grids, dtype=np.int64))
    indices, weights = vision_utils.get_vision_interpolation_indices_and_weights(
        grid, side, mode="bilinear", align_corners=True, spatial_merge_size=merge)
    return dict(position_ids=vision_utils.get_vision_position_ids(grid, merge),
                cu_seqlens=vision_utils.get_vision_cu_seqlens(grid),
                interp_indices=indices, interp_weights=weights)


def feed(pixels, values):
    out = {"pixel_values": pixels.astype(np.float32)}
    for name, value in values.items():
        out[name] = value.numpy()
    return out


def export(model):
    os.makedirs(OUT, exist_ok=True)
    _, grids, pixels = gop.load_case("several_images")
    values = hf_inputs(grids)
    args = (torch.from_numpy(pixels),) + tuple(values[n] for n in INPUTS[1:])
    original = hf.Qwen3VLVisionAttention.forward
    hf.Qwen3VLVisionAttention.forward = gop.masked_vision_attention
    try:
        path = os.path.join(OUT, "vision_encoder.onnx")
        with torch.no_grad():
            torch.onnx.export(GridInputsVisionExport(model).eval(), args, path, input_names=INPUTS,
                              output_names=["image_features"],
                              dynamic_axes={"pixel_values": {0: "patches"}, "position_ids": {0: "patches"},
                                            "cu_seqlens": {0: "segments"}, "interp_indices": {0: "patches"},
                                            "interp_weights": {0: "patches"}, "image_features": {0: "image_tokens"}},
                              opset_version=18, do_constant_folding=True, dynamo=False)
    finally:
        hf.Qwen3VLVisionAttention.forward = original
    return path


def check(path):
    ours = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    theirs = ort.InferenceSession(os.path.join(SOURCE, "onnx", "vision_encoder.onnx"),
                                  providers=["CPUExecutionProvider"])
    worst = 0.0
    for case in gop.CASES:
        _, grids, pixels = gop.load_case(case)
        if not len(grids):
            continue
        grid = np.asarray(grids, dtype=np.int64)
        reference = theirs.run(None, {"pixel_values": pixels.astype(np.float32), "image_grid_thw": grid})[0]
        values = hf_inputs(grid)
        got = ours.run(None, feed(pixels, values))[0]
        error = float(np.abs(got - reference).max())
        worst = max(worst, error)
        if error > 1e-4:
            sys.exit(f"{case}: features differ from qwen3vl-tiny's vision_encoder.onnx by {error}: not the same model")
        wrong = {
            "rows and columns swapped": dict(values, position_ids=values["position_ids"].flip(-1)),
            "one segment for all images": dict(values, cu_seqlens=torch.tensor([0, int(values["cu_seqlens"][-1])],
                                                                               dtype=torch.int32)),
            "interpolation with height and width swapped": dict(values, **{k: v for k, v in hf_inputs(
                grid[:, [0, 2, 1]]).items() if k.startswith("interp")}),
        }
        for mistake, bad in wrong.items():
            if mistake == "one segment for all images" and len(grid) < 2:
                continue
            if mistake.startswith("interpolation") and all(grid[:, 1] == grid[:, 2]):
                continue
            change = float(np.abs(ours.run(None, feed(pixels, bad))[0] - reference).max())
            if change < 100 * max(error, 1e-6):
                sys.exit(f"{case}: {mistake} changes the features by only {change}")
            print(f"{case}: {mistake}: features change by {change:.3g} (the export's own error {error:.2g})")
    return worst


def window_index(grid, merge, window, patch):
    index, cu = vision_utils.get_vision_window_index(torch.as_tensor(np.asarray(grid, dtype=np.int64)), merge,
                                                      window, patch)
    return index.tolist(), cu.tolist()


def helpers():
    """Hugging Face's values for the Java tests."""
    cases = []
    for grids, side, merge in [([[1, 4, 6], [1, 8, 4], [1, 2, 2]], 4, 2), ([[1, 6, 10], [2, 4, 4]], 48, 2),
                               ([[1, 12, 8]], 3, 2)]:
        values = hf_inputs(grids, side, merge)
        cases.append({"grids": grids, "num_grid_per_side": side, "spatial_merge_size": merge,
                      "position_ids": values["position_ids"].tolist(), "cu_seqlens": values["cu_seqlens"].tolist(),
                      "interp_indices": values["interp_indices"].tolist(),
                      "interp_weights": values["interp_weights"].tolist()})
    windows = []
    for grids, merge, window, patch in [([[1, 16, 20], [1, 10, 8], [2, 8, 8]], 2, 112, 14),
                                        ([[1, 36, 52]], 2, 112, 14), ([[1, 4, 4]], 2, 112, 14)]:
        index, cu = window_index(grids, merge, window, patch)
        windows.append({"grids": grids, "spatial_merge_size": merge, "window_size": window, "patch_size": patch,
                        "window_index": index, "cu_window_seqlens": cu})
    return {"made_by": "src/test/models/generate_onnx_grid_inputs.py", "transformers": gop.transformers.__version__,
            "qwen3_vl": cases, "qwen2_5_vl_windows": windows}


def main():
    torch.set_num_threads(1)
    with open(os.path.join(SOURCE, "references.json")) as f:
        seed = json.load(f)["seed"]
    _, model, _ = gop.build(False, seed)
    path = export(model)
    worst = check(path)
    with open(os.path.join(OUT, "hf-vision-helpers.json"), "w") as f:
        json.dump(helpers(), f, separators=(",", ":"))
    print(f"{path}: {os.path.getsize(path)} bytes, seed {seed}, features within {worst:.2g} of vision_encoder.onnx")


if __name__ == "__main__":
    main()
