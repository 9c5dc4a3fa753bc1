#!/usr/bin/python3
"""Draws the demo conversations' images (src/test/workload/demo/images/): no downloads, only PIL and numpy.

Deterministic (fixed seeds; the JPEG encoder is libjpeg through Pillow). Run from anywhere:

    /usr/bin/python3 src/test/workload/demo/make_images.py

Every image is small, so that Qwen3-VL's smart_resize (patch 16, merge 2: sides become multiples of 32,
at least 65536 pixels) keeps the vision cost low. Sizes after resizing, patches and <|image_pad|> tokens:
  chart_256x256.png    256x256 PNG, kept                               16x16 patches,  64 tokens
  shapes_320x240.jpg   320x240 JPEG, resized to 320x256 (240/32 rounds to 8)  16x20 patches,  80 tokens
  scene_500x375.jpg    500x375 JPEG, resized to 512x384                 24x32 patches, 192 tokens
  sign_288x224.png     288x224 PNG: 64512 pixels, just under the minimum 65536, so scaled up to 320x256
                                                                        16x20 patches,  80 tokens
  icon_96x96.png       96x96 RGBA PNG (alpha dropped), scaled up to 256x256  16x16 patches, 64 tokens
(width x height; patches are rows x columns.)
conversations.jsonl beside this script is written by hand: 7 conversations (3 text-only, one with a
system prompt and one multi-turn; 4 with images, one with two images and one multi-turn).
"""
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, "images")


def gradient(width, height, top, bottom):
    t = np.linspace(0.0, 1.0, height).reshape(-1, 1, 1)
    rows = (1 - t) * np.array(top, dtype=np.float64) + t * np.array(bottom, dtype=np.float64)
    return Image.fromarray(np.repeat(rows, width, axis=1).round().astype(np.uint8), "RGB")


def chart():
    """A bar chart with axes, on white."""
    image = Image.new("RGB", (256, 256), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.line([(30, 20), (30, 226), (240, 226)], fill=(0, 0, 0), width=2)
    values = [120, 60, 170, 95, 140]
    colours = [(220, 60, 50), (60, 120, 220), (70, 170, 80), (240, 180, 40), (150, 80, 200)]
    for i, (value, colour) in enumerate(zip(values, colours)):
        x = 45 + i * 38
        draw.rectangle([x, 226 - value, x + 26, 225], fill=colour, outline=(0, 0, 0))
    for y in range(46, 226, 45):
        draw.line([(26, y), (30, y)], fill=(0, 0, 0))
    draw.text((60, 4), "Sales by region", fill=(0, 0, 0), font=ImageFont.load_default())
    return image


def shapes():
    """Soft background with a circle, a triangle and a square."""
    image = gradient(320, 240, (200, 225, 250), (250, 240, 210))
    draw = ImageDraw.Draw(image)
    draw.ellipse([30, 60, 130, 160], fill=(230, 80, 60))
    draw.polygon([(160, 170), (210, 60), (260, 170)], fill=(60, 160, 90))
    draw.rectangle([220, 150, 300, 225], fill=(50, 90, 200))
    return image


def scene():
    """A landscape: sky, sun, hills and a house, with some sensor-like noise."""
    rng = np.random.default_rng(375)
    image = gradient(500, 375, (90, 150, 230), (200, 225, 250))
    draw = ImageDraw.Draw(image)
    draw.ellipse([380, 40, 450, 110], fill=(255, 220, 80))
    draw.polygon([(0, 260), (140, 190), (300, 250), (420, 200), (500, 240), (500, 375), (0, 375)], fill=(70, 140, 60))
    draw.rectangle([180, 220, 290, 310], fill=(200, 170, 130), outline=(60, 40, 20))
    draw.polygon([(170, 222), (235, 170), (300, 222)], fill=(150, 50, 40))
    draw.rectangle([222, 262, 248, 310], fill=(90, 60, 30))
    pixels = np.asarray(image).astype(np.int16) + rng.integers(-6, 7, size=(375, 500, 3))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def sign():
    """A shop sign with text."""
    image = Image.new("RGB", (288, 224), (40, 40, 48))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([24, 56, 264, 168], radius=18, fill=(20, 130, 70), outline=(240, 240, 240), width=4)
    font = ImageFont.load_default()
    draw.text((112, 96), "OPEN", fill=(255, 255, 255), font=font)
    draw.text((84, 124), "9:00 - 18:00", fill=(230, 230, 230), font=font)
    return image


def icon():
    """A tiny RGBA icon (alpha dropped by the processor), upscaled by smart_resize."""
    y, x = np.mgrid[0:96, 0:96]
    inside = (x - 48) ** 2 + (y - 48) ** 2 < 40 ** 2
    rgba = np.zeros((96, 96, 4), dtype=np.uint8)
    rgba[..., 0] = 250
    rgba[..., 1] = (x * 255 // 95).astype(np.uint8)
    rgba[..., 2] = 40
    rgba[..., 3] = np.where(inside, 255, 0)
    return Image.fromarray(rgba, "RGBA")


def main():
    os.makedirs(IMAGES, exist_ok=True)
    chart().save(os.path.join(IMAGES, "chart_256x256.png"))
    shapes().save(os.path.join(IMAGES, "shapes_320x240.jpg"), quality=85)
    scene().save(os.path.join(IMAGES, "scene_500x375.jpg"), quality=85)
    sign().save(os.path.join(IMAGES, "sign_288x224.png"))
    icon().save(os.path.join(IMAGES, "icon_96x96.png"))
    for name in sorted(os.listdir(IMAGES)):
        with Image.open(os.path.join(IMAGES, name)) as im:
            print(f"{name}: {im.size[0]}x{im.size[1]} {im.mode}, {os.path.getsize(os.path.join(IMAGES, name))} bytes")


if __name__ == "__main__":
    main()
