"""Honest computation on inspection photos, with no model: how good a photo is (core.ai.offline.image_stats:
size, brightness, the variance of the Laplacian) and how much a room changed between an earlier photo and this
one (aligned by phase correlation, compared by structural similarity, changed regions outlined).

Both photos are reduced to greyscale at `WORK_SIDE` pixels on the long side (the earlier one resized to the later
one's frame), the translation between them is estimated by phase cross-correlation (scikit-image) and undone,
and `structural_similarity(full=True)` gives a per-pixel SSIM map. Pixels whose local SSIM is below
`CHANGE_SSIM` form the change mask (opened to drop speckle); regions smaller than `MIN_REGION_SHARE` of the frame
are ignored. The overlay is the later photo with the changed regions tinted red and boxed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageOps
from scipy import ndimage
from skimage.metrics import structural_similarity
from skimage.registration import phase_cross_correlation

from core.ai.offline import image_stats

WORK_SIDE = 320
MIN_SIDE = 400  # a photo smaller than this on its long side is too small to judge
CHANGE_SSIM = 0.45
MIN_REGION_SHARE = 0.002
NOTABLE_CHANGE = 0.02  # 2% of the frame changed: worth a look


@dataclass(frozen=True)
class Quality:
    width: int
    height: int
    brightness: float
    blur_variance: float
    issues: tuple[str, ...]

    @property
    def retake(self) -> bool:
        return bool(self.issues)

    def as_dict(self) -> dict:
        return {
            "width": self.width,
            "height": self.height,
            "brightness": self.brightness,
            "blur_variance": self.blur_variance,
            "issues": list(self.issues),
            "retake": self.retake,
        }


@dataclass(frozen=True)
class Change:
    similarity: float  # mean SSIM of the aligned pair, -1..1
    changed_share: float  # share of the frame in changed regions, 0..1
    regions: int
    shift: tuple[float, float]  # (rows, cols) at WORK_SIDE scale
    overlay_png: bytes = field(repr=False, default=b"")


def photo_quality(data: bytes) -> Quality:
    stats = image_stats(data)
    issues = []
    if stats["is_blurry"]:
        issues.append(f"blurry (variance of the Laplacian {stats['blur_variance']:.0f}, below 100)")
    if stats["is_dark"]:
        issues.append(f"too dark (mean brightness {stats['brightness']:.0f} of 255, below 60)")
    if max(stats["width"], stats["height"]) < MIN_SIDE:
        issues.append(f"too small ({stats['width']}x{stats['height']} px, under {MIN_SIDE} px on the long side)")
    return Quality(
        width=stats["width"],
        height=stats["height"],
        brightness=stats["brightness"],
        blur_variance=stats["blur_variance"],
        issues=tuple(issues),
    )


def _open(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img = ImageOps.exif_transpose(img)
    return img.convert("RGB")


def _work_size(size: tuple[int, int]) -> tuple[int, int]:
    w, h = size
    scale = WORK_SIDE / max(w, h)
    return max(8, round(w * scale)), max(8, round(h * scale))


def room_change(earlier: bytes, later: bytes) -> Change:
    """How the room changed from `earlier` to `later` (two photos of the same room)."""
    later_img = _open(later)
    size = _work_size(later_img.size)
    a = np.asarray(_open(earlier).convert("L").resize(size, Image.Resampling.LANCZOS), dtype=np.float64) / 255.0
    b = np.asarray(later_img.convert("L").resize(size, Image.Resampling.LANCZOS), dtype=np.float64) / 255.0
    shift, _error, _phase = phase_cross_correlation(b, a, upsample_factor=4, normalization=None)
    limit = 0.15 * max(size)
    if np.any(np.abs(shift) > limit):  # not the same framing: compare unaligned rather than wrap around
        shift = np.zeros(2)
    aligned = ndimage.shift(a, shift, mode="nearest")
    score, ssim_map = structural_similarity(aligned, b, data_range=1.0, gaussian_weights=True, sigma=1.5, full=True)
    mask = ndimage.binary_opening(ssim_map < CHANGE_SSIM, iterations=2)
    margin = int(np.ceil(np.abs(shift).max())) + 3  # the edge the shift filled in is not a change
    mask[:margin, :] = mask[-margin:, :] = False
    mask[:, :margin] = mask[:, -margin:] = False
    labels, count = ndimage.label(mask)
    frame = mask.size
    kept = np.zeros_like(mask)
    boxes = []
    for index, region in enumerate(ndimage.find_objects(labels), start=1):
        if region is None:
            continue
        part = labels[region] == index
        if part.sum() / frame < MIN_REGION_SHARE:
            continue
        kept[region] |= part
        boxes.append(region)
    changed = float(kept.sum() / frame)
    overlay = _overlay(later_img, kept, boxes, size)
    return Change(
        similarity=round(float(score), 4),
        changed_share=round(changed, 4),
        regions=len(boxes),
        shift=(round(float(shift[0]), 2), round(float(shift[1]), 2)),
        overlay_png=overlay,
    )


def _overlay(img: Image.Image, mask: np.ndarray, boxes, work_size: tuple[int, int]) -> bytes:
    base = img.copy()
    base.thumbnail((1024, 1024), Image.Resampling.LANCZOS)
    sx, sy = base.width / work_size[0], base.height / work_size[1]
    tint = Image.new("RGB", base.size, (220, 38, 38))
    alpha = Image.fromarray((mask * 110).astype(np.uint8), mode="L").resize(base.size, Image.Resampling.NEAREST)
    out = Image.composite(tint, base, alpha)
    draw = ImageDraw.Draw(out)
    for rows, cols in boxes:
        draw.rectangle(
            (cols.start * sx, rows.start * sy, cols.stop * sx, rows.stop * sy), outline=(220, 38, 38), width=3
        )
    buf = io.BytesIO()
    out.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
