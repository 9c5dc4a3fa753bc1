"""Makes the reference data for io.github.qwenbench.workload's tests with Hugging Face's own code.

Run it from the repository root with a venv holding torch 2.13.0+cpu, transformers 5.18.0,
huggingface_hub 1.33.0, tokenizers, pillow and numpy (see shared/ENVIRONMENT.md):

    V/bin/python src/test/workload/make_references.py

It is deterministic and downloads nothing. It writes, beside itself:
  images/                  small test images drawn with PIL (PNG and JPEG; RGB, L, RGBA, EXIF-rotated)
  conversations.jsonl      the conversations, one {"messages": [...]} per line, image paths relative
  references/<case>.npz    what Qwen3VLProcessor returns for each conversation: input_ids (int64),
                           image_grid_thw (int64), pixel_levels (uint8 packed in int32, see below)
  references/<case>.txt    the chat template's rendered prompt (before <|image_pad|> expansion)
  references/cases.json    each case: its conversation line, the processor settings, the images

pixel_values are not stored as float32 (1.5 MB per 640x480 image): Hugging Face computes each value
as ((level * (1/255)) as float32 - 0.5) / 0.5 from an 8-bit level and duplicates every patch along the
temporal axis. The script checks both facts on the processor's real output, drops the temporal
duplicate and stores the 8-bit levels [patches, 3*16*16], four to an int32, compressed. The test rebuilds the
floats with the same formula, so the comparison is against Hugging Face's floats, bit for bit.
"""
import io
import json
import os
import shutil
import sys
import tempfile

import numpy as np
import PIL
import transformers
from PIL import Image, ImageDraw
from transformers import AutoTokenizer
from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil
from transformers.models.qwen3_vl.processing_qwen3_vl import Qwen3VLProcessor
from transformers.models.qwen3_vl.video_processing_qwen3_vl import Qwen3VLVideoProcessor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
TOKENIZER_DIR = os.path.join(ROOT, "src", "test", "resources", "qwen3")
TEMPLATE = os.path.join(ROOT, "src", "main", "resources", "io", "github", "qwenbench", "workload",
                        "qwen3-vl-chat_template.jinja")
IMAGES = os.path.join(HERE, "images")
REFERENCES = os.path.join(HERE, "references")

# Qwen3-VL's released preprocessor_config.json
QWEN3_VL = dict(patch_size=16, temporal_patch_size=2, merge_size=2, image_mean=[0.5, 0.5, 0.5],
                image_std=[0.5, 0.5, 0.5], size={"shortest_edge": 65536, "longest_edge": 16777216})


def pattern(width, height, seed, shapes=True):
    """A smooth RGB picture (gradients and rings), with sharp shapes unless told otherwise.

    JPEG turns sharp edges into noise that no compression removes, so the JPEG images have none:
    their references stay small."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    r = 127.5 + 127.5 * np.sin(x / (30.0 + seed) + y / 47.0)
    g = 255.0 * x / max(width - 1, 1)
    b = 127.5 + 127.5 * np.cos(np.hypot(x - width / 3.0, y - height / 2.0) / (25.0 + seed))
    image = Image.fromarray(np.clip(np.stack([r, g, b], axis=-1), 0, 255).round().astype(np.uint8), "RGB")
    if not shapes:
        return image
    draw = ImageDraw.Draw(image)
    draw.rectangle([width // 8, height // 8, width // 3, height // 3], fill=(250, 20, 30))
    draw.ellipse([width // 2, height // 2, width - 4, height - 4], outline=(0, 0, 0), width=3)
    draw.line([0, height - 1, width - 1, 0], fill=(255, 255, 255), width=2)
    return image


def make_images():
    os.makedirs(IMAGES, exist_ok=True)
    made = {}

    def save(name, image, **options):
        path = os.path.join(IMAGES, name)
        image.save(path, **options)
        made[name] = path

    # A multiple of 32 with at least 65536 pixels: no resize, so pixel_values must match exactly.
    save("exact_320x256.png", pattern(320, 256, 1))
    # Neither side a multiple of 32: resized to 320x512 (down in both directions, slightly).
    save("odd_333x517.png", pattern(333, 517, 2))
    # Grayscale and tiny: upscaled to 320x224.
    save("gray_40x30.png", pattern(40, 30, 3).convert("L"))
    # RGBA with varying alpha (convert("RGB") drops it): upscaled to 320x224.
    rgba = pattern(300, 200, 4)
    alpha = Image.fromarray((np.mgrid[0:200, 0:300][1] * 255 // 299).astype(np.uint8), "L")
    rgba.putalpha(alpha)
    save("rgba_300x200.png", rgba)
    # A camera size, JPEG, no resize.
    save("camera_640x480.jpg", pattern(640, 480, 5, shapes=False), quality=75)
    # Stored 200 wide and 300 high with EXIF orientation 6 (rotate 90 degrees clockwise to view):
    # Hugging Face's load_image applies ImageOps.exif_transpose, so the model sees 300x200.
    exif = Image.Exif()
    exif[0x0112] = 6
    save("exif_rotated_200x300.jpg", pattern(200, 300, 6, shapes=False), quality=75, exif=exif.tobytes())
    return made


CONVERSATIONS = {
    "text_only": [
        {"role": "user", "content": "What is the capital of France? Answer in one word."},
    ],
    "one_image": [
        {"role": "user", "content": [
            {"type": "image", "image": "images/exact_320x256.png"},
            {"type": "text", "text": "Describe this image."},
        ]},
    ],
    "several_images": [
        {"role": "user", "content": [
            {"type": "text", "text": "Compare these pictures:"},
            {"type": "image", "image": "images/odd_333x517.png"},
            {"type": "image", "image": "images/gray_40x30.png"},
            {"type": "image", "image": "images/rgba_300x200.png"},
            {"type": "text", "text": "Which one is the brightest?"},
        ]},
    ],
    "system_and_camera": [
        {"role": "system", "content": "You are a careful visual assistant. Größe, 日本語 and emoji 🙂 are fine."},
        {"role": "user", "content": [
            {"type": "image", "image": "images/camera_640x480.jpg"},
            {"type": "text", "text": "What do you see?"},
        ]},
    ],
    "multi_turn": [
        {"role": "system", "content": [{"type": "text", "text": "Answer briefly."}]},
        {"role": "user", "content": [
            {"type": "image", "image": "images/exif_rotated_200x300.jpg"},
            {"type": "text", "text": "What is shown?"},
        ]},
        {"role": "assistant", "content": "A test pattern of soft gradients and rings."},
        {"role": "user", "content": "Is it rotated?\n  Say \"yes\" or \"no\"."},
    ],
}

# One case runs a conversation again with a small max_pixels, so that a real downscale is covered.
CASES = [(name, name, {}) for name in CONVERSATIONS] + [
    ("one_image_max_50176", "one_image", {"shortest_edge": 4096, "longest_edge": 50176}),
]


def write_conversations():
    path = os.path.join(HERE, "conversations.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for messages in CONVERSATIONS.values():
            out.write(json.dumps({"messages": messages}, ensure_ascii=False) + "\n")
    return list(CONVERSATIONS)


class ProcessorWithoutTorchvision(Qwen3VLProcessor):
    """Qwen3VLProcessor, unchanged but for one type check.

    Without torchvision (the torchvision wheel here is a CUDA build that fails to load with CPU torch),
    transformers exposes a placeholder for BaseVideoProcessor, so its check of the video processor's
    class fails. No case has a video; every other argument is still checked.
    """

    def check_argument_for_proper_class(self, argument_name, argument):
        if argument_name == "video_processor":
            return
        super().check_argument_for_proper_class(argument_name, argument)


def make_processor(size_override):
    tokenizer = AutoTokenizer.from_pretrained(TOKENIZER_DIR)
    settings = dict(QWEN3_VL)
    settings["size"] = dict(QWEN3_VL["size"], **size_override)
    image_processor = Qwen2VLImageProcessorPil(**settings)
    with open(TEMPLATE, encoding="utf-8") as f:
        template = f.read()
    # The processor insists on a video processor; no case has a video, so its defaults do not matter.
    processor = ProcessorWithoutTorchvision(image_processor=image_processor, tokenizer=tokenizer,
                                 video_processor=Qwen3VLVideoProcessor(), chat_template=template)
    return processor, settings


def with_absolute_paths(messages):
    result = json.loads(json.dumps(messages))
    for message in result:
        if isinstance(message["content"], list):
            for part in message["content"]:
                if part.get("type") == "image":
                    part["image"] = os.path.join(HERE, part["image"])
    return result


def levels_of(pixel_values, grid, temporal):
    """8-bit levels behind Hugging Face's pixel_values, checked to rebuild them exactly."""
    patches = pixel_values.reshape(pixel_values.shape[0], 3, temporal, -1)
    for t in range(1, temporal):
        assert np.array_equal(patches[:, :, t], patches[:, :, 0]), "temporal copies differ"
    first = patches[:, :, 0].reshape(pixel_values.shape[0], -1)
    levels = np.rint((first.astype(np.float64) * 0.5 + 0.5) * 255).astype(np.int32)
    assert levels.min() >= 0 and levels.max() <= 255
    rebuilt = ((levels.astype(np.float64) * (1 / 255)).astype(np.float32) - np.float32(0.5)) / np.float32(0.5)
    assert np.array_equal(rebuilt, first), "pixel_values are not 8-bit levels rescaled and normalized"
    assert levels.shape[0] == int(np.prod(grid, axis=1).sum())
    return levels


def main():
    make_images()
    names = write_conversations()
    if os.path.isdir(REFERENCES):
        shutil.rmtree(REFERENCES)
    os.makedirs(REFERENCES)
    cases = []
    for case, conversation, size_override in CASES:
        processor, settings = make_processor(size_override)
        messages = with_absolute_paths(CONVERSATIONS[conversation])
        prompt = processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        out = processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=True,
                                            return_dict=True, return_tensors="np")
        input_ids = np.asarray(out["input_ids"], dtype=np.int64)[0]
        assert np.array_equal(np.asarray(out["attention_mask"])[0], np.ones_like(input_ids))
        mm = np.asarray(out["mm_token_type_ids"])[0]
        assert np.array_equal(mm, (input_ids == processor.image_token_id).astype(mm.dtype))
        arrays = {"input_ids": input_ids}
        if "pixel_values" in out:
            grid = np.asarray(out["image_grid_thw"], dtype=np.int64)
            arrays["image_grid_thw"] = grid
            levels = levels_of(np.asarray(out["pixel_values"]), grid, settings["temporal_patch_size"])
            # Four 8-bit levels to an int32 (the repository's NumPy reader has no uint8): a patch row
            # of 768 levels is 192 little-endian int32s whose bytes, in order, are the levels.
            arrays["pixel_levels"] = np.ascontiguousarray(levels.astype(np.uint8)).view("<i4")
        else:
            arrays["image_grid_thw"] = np.zeros((0, 3), dtype=np.int64)
        np.savez_compressed(os.path.join(REFERENCES, case + ".npz"), **arrays)
        with open(os.path.join(REFERENCES, case + ".txt"), "w", encoding="utf-8", newline="") as f:
            f.write(prompt)
        cases.append({"case": case, "line": names.index(conversation) + 1,
                      "minPixels": settings["size"]["shortest_edge"],
                      "maxPixels": settings["size"]["longest_edge"],
                      "images": [p["image"] for m in CONVERSATIONS[conversation] if isinstance(m["content"], list)
                                 for p in m["content"] if p.get("type") == "image"]})
        print(case, "tokens", len(input_ids), "grid", arrays["image_grid_thw"].tolist())
    with open(os.path.join(REFERENCES, "cases.json"), "w", encoding="utf-8") as f:
        json.dump({"transformers": transformers.__version__, "pillow": PIL.__version__, "numpy": np.__version__,
                   "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
