"""Synthetic room photos for the demo inspections and the tests: a wall, a floor with planks, a window and a door,
drawn with Pillow and given a fine texture (a real photo is never flat, and a flat picture would read as blurry).
`damage=True` draws what a tenant might leave: a dark stain on the floor and two holes in the wall."""

from __future__ import annotations

import io
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

WALLS = {
    "living_room": (222, 214, 196),
    "kitchen": (236, 232, 220),
    "bedroom_1": (205, 214, 226),
    "bedroom_2": (214, 226, 210),
    "bathroom_1": (226, 236, 240),
    "hallway": (230, 222, 205),
}


def room_photo(
    room: str,
    *,
    seed: int = 0,
    shot: int = 0,
    damage: bool = False,
    size=(800, 600),
    dark: bool = False,
    blur: bool = False,
) -> bytes:
    """A JPEG of a synthetic room. Same (room, seed) -> the same room (`shot` changes only the sensor noise and
    moves the camera a few pixels, as a second visit would); `damage` adds a stain and holes."""
    rng = random.Random(f"{room}:{seed}")
    w, h = size
    wall = WALLS.get(room, (220, 220, 215))
    img = Image.new("RGB", size, wall)
    draw = ImageDraw.Draw(img)
    horizon = int(h * 0.68)
    floor = (150 + rng.randint(-20, 20), 110 + rng.randint(-15, 15), 70)
    draw.rectangle((0, horizon, w, h), fill=floor)
    for x in range(0, w, max(20, w // 14)):  # planks
        draw.line((x, horizon, x - (x - w / 2) * 0.4, h), fill=(floor[0] - 30, floor[1] - 25, floor[2] - 20), width=2)
    draw.line((0, horizon, w, horizon), fill=(90, 80, 70), width=6)  # baseboard
    wx = int(w * (0.15 + rng.random() * 0.15))
    draw.rectangle(
        (wx, int(h * 0.12), wx + int(w * 0.25), int(h * 0.45)), fill=(170, 200, 230), outline=(250, 250, 250), width=8
    )
    draw.line((wx + int(w * 0.125), int(h * 0.12), wx + int(w * 0.125), int(h * 0.45)), fill=(250, 250, 250), width=5)
    dx = int(w * 0.68)
    draw.rectangle(
        (dx, int(h * 0.2), dx + int(w * 0.16), horizon), fill=(180, 140, 100), outline=(110, 80, 50), width=4
    )
    draw.ellipse((dx + int(w * 0.13), int(h * 0.45), dx + int(w * 0.145), int(h * 0.47)), fill=(200, 180, 60))
    draw.rectangle(
        (int(w * 0.5), int(h * 0.5), int(w * 0.53), int(h * 0.55)), fill=(245, 245, 240), outline=(120, 120, 120)
    )
    if damage:
        sx, sy = int(w * 0.38), int(h * 0.8)
        draw.ellipse((sx, sy, sx + int(w * 0.16), sy + int(h * 0.09)), fill=(70, 50, 35))
        for hx in (int(w * 0.55), int(w * 0.6)):
            draw.ellipse((hx, int(h * 0.3), hx + 24, int(h * 0.3) + 24), fill=(60, 55, 50))
        draw.line((int(w * 0.08), int(h * 0.5), int(w * 0.2), int(h * 0.58)), fill=(90, 85, 80), width=4)
    arr = np.asarray(img, dtype=np.int16)
    if shot:
        img = img.transform(size, Image.Transform.AFFINE, (1, 0, shot % 5, 0, 1, shot % 3), fillcolor=wall)
        arr = np.asarray(img, dtype=np.int16)
    noise = np.random.default_rng(rng.randrange(2**32) + shot).integers(-14, 15, size=arr.shape[:2])
    arr = np.clip(arr + noise[..., None], 0, 255).astype(np.uint8)
    img = Image.fromarray(arr, mode="RGB")
    if dark:
        img = img.point(lambda v: v // 6)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(6))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=88)
    return buf.getvalue()
