import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded photos, thumbnails and overlays go to a temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
