"""The offline measures on synthetic photos: quality flags, and the change measure finding what was added."""

import io

import numpy as np
from PIL import Image

from demo.inspection_photos import room_photo
from inspections.imaging import photo_quality, room_change


def test_a_sharp_well_lit_photo_needs_no_retake():
    q = photo_quality(room_photo("kitchen"))
    assert q.issues == () and not q.retake and q.blur_variance > 100


def test_blurry_dark_and_small_photos_are_flagged_for_a_retake():
    assert "blurry" in photo_quality(room_photo("kitchen", blur=True)).issues[0]
    dark = photo_quality(room_photo("kitchen", dark=True))
    assert any("dark" in i for i in dark.issues)
    small = photo_quality(room_photo("kitchen", size=(320, 240)))
    assert any("too small" in i for i in small.issues) and small.retake


def test_the_same_room_on_another_visit_shows_no_change():
    change = room_change(room_photo("bedroom_1", seed=3), room_photo("bedroom_1", seed=3, shot=4))
    assert change.regions == 0 and change.changed_share == 0
    assert change.similarity > 0.7


def test_a_stain_and_holes_are_found_and_outlined_in_the_overlay():
    earlier = room_photo("living_room", seed=1)
    later = room_photo("living_room", seed=1, shot=3, damage=True)
    change = room_change(earlier, later)
    assert change.regions >= 2 and change.changed_share > 0.01
    overlay = Image.open(io.BytesIO(change.overlay_png))
    assert overlay.format == "PNG" and overlay.size == (800, 600)

    # the changed regions are tinted and boxed in red: far more red pixels than in the photo itself
    def red(img):
        a = np.asarray(img.convert("RGB"), dtype=int)
        return int(((a[..., 0] > a[..., 1] + 60) & (a[..., 0] > a[..., 2] + 60)).sum())

    assert red(overlay) > 2000 > red(Image.open(io.BytesIO(later)))
