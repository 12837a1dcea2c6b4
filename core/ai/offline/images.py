"""Photo statistics with Pillow only, so a photo-quality check works with no model.

`blur_variance` is the variance of the Laplacian (4-neighbour kernel) of the greyscale image after
scaling its long side down to `max_side` pixels — the usual "variance of Laplacian" focus measure;
below `BLUR_THRESHOLD` the photo is probably blurry. Brightness is the mean grey level (0-255),
contrast its standard deviation.
"""

from __future__ import annotations

import io

from PIL import Image, ImageMath, ImageOps, ImageStat, UnidentifiedImageError

from core.ai.exceptions import AIInputError

BLUR_THRESHOLD = 100.0
DARK_THRESHOLD = 60.0
LOW_CONTRAST_THRESHOLD = 25.0
MAX_SIDE = 1024


def _values(img: Image.Image):
    getter = getattr(img, "get_flattened_data", None)
    return getter() if getter else img.getdata()


def laplacian_variance(gray: Image.Image) -> float:
    """Variance of the 4-neighbour Laplacian of a greyscale image, computed in float (no clipping)."""
    f = gray.convert("F")
    w, h = f.size
    if w < 3 or h < 3:
        return 0.0
    centre = f.crop((1, 1, w - 1, h - 1))
    up, down = f.crop((1, 0, w - 1, h - 2)), f.crop((1, 2, w - 1, h))
    left, right = f.crop((0, 1, w - 2, h - 1)), f.crop((2, 1, w, h - 1))
    lap = ImageMath.lambda_eval(
        lambda a: a["u"] + a["d"] + a["l"] + a["r"] - a["c"] * 4, u=up, d=down, l=left, r=right, c=centre
    )
    values = _values(lap)
    n = len(values)
    mean = sum(values) / n
    return max(0.0, sum(v * v for v in values) / n - mean * mean)


def image_stats(
    data: bytes,
    *,
    max_side: int = MAX_SIDE,
    blur_threshold: float = BLUR_THRESHOLD,
    dark_threshold: float = DARK_THRESHOLD,
) -> dict:
    """{width, height, brightness, contrast, blur_variance, is_blurry, is_dark, is_low_contrast}."""
    try:
        img = Image.open(io.BytesIO(data))
        img = ImageOps.exif_transpose(img)
        img.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise AIInputError(f"Not a readable image ({exc}).") from exc
    width, height = img.size
    gray = img.convert("L")
    if max(width, height) > max_side:
        gray.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    stat = ImageStat.Stat(gray)
    brightness = float(stat.mean[0])
    contrast = float(stat.stddev[0])
    blur = laplacian_variance(gray)
    return {
        "width": width,
        "height": height,
        "brightness": round(brightness, 2),
        "contrast": round(contrast, 2),
        "blur_variance": round(blur, 2),
        "is_blurry": blur < blur_threshold,
        "is_dark": brightness < dark_threshold,
        "is_low_contrast": contrast < LOW_CONTRAST_THRESHOLD,
    }
