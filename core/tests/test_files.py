"""Uploaded files (issue 15 §1): checked by content, re-encoded without metadata, never public."""

from __future__ import annotations

import hashlib
import io
import time
import uuid
from unittest import mock

import pytest
from PIL import Image

from core.files.models import StoredFile
from core.files.services import file_signed_token, file_store

GPS_IFD, EXIF_IFD = 0x8825, 0x8769


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def jpeg_with_gps(size=(64, 32), orientation=6) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    img.paste((10, 200, 10), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation  # rotate 90° CW on display
    exif[0x010F] = "PhoneMaker"
    exif[0x0131] = "SecretApp 1.0"
    exif.get_ifd(EXIF_IFD)[36867] = "2026:03:14 09:26:53"
    exif.get_ifd(EXIF_IFD)[36881] = "-05:00"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)})
    buf = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><exif:GPSLatitude>40,26N</exif:GPSLatitude></rdf:RDF></x:xmpmeta>'
    img.save(buf, "JPEG", exif=exif, xmp=xmp, quality=95)
    return buf.getvalue()


def png_bytes(size=(10, 10)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGBA", size, (1, 2, 3, 128)).save(buf, "PNG")
    return buf.getvalue()


def pdf_bytes(pages=2) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def upload(client, data: bytes, name: str, purpose="inspection"):
    f = io.BytesIO(data)
    f.name = name
    return client.post("/api/v1/files/", {"file": f, "purpose": purpose}, format="multipart")


# --- done when: a JPEG with GPS EXIF is stored without GPS, with a thumbnail -------------------------------


def test_jpeg_with_gps_is_stored_without_metadata_rotated_with_thumbnail_and_capture_time(api_client, _media):
    raw = jpeg_with_gps()
    assert b"SecretApp" in raw and b"GPSLatitude" in raw
    response = upload(api_client, raw, "IMG_0001.JPG")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "image" and body["content_type"] == "image/jpeg" and body["purpose"] == "inspection"
    assert (body["width"], body["height"]) == (32, 64)  # orientation 6 applied: portrait now
    assert body["captured_at"] == "2026-03-14T14:26:53Z"  # 09:26:53 at -05:00
    assert body["original_name"] == "IMG_0001.JPG"
    stored = StoredFile.objects.get(pk=body["id"])

    content = api_client.get(f"/api/v1/files/{stored.pk}/content/")
    assert content.status_code == 200
    assert content["Content-Type"] == "image/jpeg" and content["X-Content-Type-Options"] == "nosniff"
    data = b"".join(content.streaming_content)
    assert hashlib.sha256(data).hexdigest() == body["sha256"] == stored.sha256
    assert len(data) == body["size"]
    assert b"SecretApp" not in data and b"PhoneMaker" not in data and b"GPS" not in data and b"xmp" not in data
    clean = Image.open(io.BytesIO(data))
    assert clean.size == (32, 64)
    exif = clean.getexif()
    assert len(exif) == 0 and len(exif.get_ifd(GPS_IFD)) == 0
    assert "exif" not in clean.info and "xmp" not in clean.info
    # the left half was green: after a 90° clockwise turn it is the top half
    assert clean.getpixel((16, 5))[1] > 150 and clean.getpixel((16, 58))[0] > 150

    assert body["thumbnail"] == f"/api/v1/files/{stored.pk}/content/?thumbnail=1"
    thumb = api_client.get(body["thumbnail"])
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    timg = Image.open(io.BytesIO(b"".join(thumb.streaming_content)))
    assert timg.size == (32, 64) and len(timg.getexif()) == 0
    # stored under a random name inside MEDIA_ROOT, not the uploader's name
    on_disk = [p.name for p in _media.rglob("*") if p.is_file()]
    assert len(on_disk) == 2 and not any("IMG_0001" in n for n in on_disk)

    detail = api_client.get(f"/api/v1/files/{stored.pk}/")
    assert detail.status_code == 200 and detail.json()["sha256"] == stored.sha256


def test_big_image_thumbnail_is_small(user, settings):
    settings.FILE_THUMBNAIL_SIZE = 100
    stored = file_store(upload=_named(png_bytes((1000, 400)), "wide.png"), purpose="other", user=user)
    assert stored.content_type == "image/png" and (stored.width, stored.height) == (1000, 400)
    from django.core.files.storage import default_storage

    with default_storage.open(stored.thumbnail_name) as f:
        assert Image.open(f).size == (100, 40)


def test_pdf_is_stored_with_page_count_and_no_thumbnail(api_client):
    response = upload(api_client, pdf_bytes(3), "lease.pdf", purpose="document")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "pdf" and body["page_count"] == 3 and body["thumbnail"] is None
    content = api_client.get(f"/api/v1/files/{body['id']}/content/")
    assert content["Content-Type"] == "application/pdf"
    assert b"".join(content.streaming_content).startswith(b"%PDF-")
    assert api_client.get(f"/api/v1/files/{body['id']}/content/?thumbnail=1").status_code == 404


def test_webp_and_png_are_accepted(api_client):
    buf = io.BytesIO()
    Image.new("RGB", (20, 10)).save(buf, "WEBP")
    assert upload(api_client, buf.getvalue(), "a.webp").json()["content_type"] == "image/webp"
    assert upload(api_client, png_bytes(), "b.png").json()["content_type"] == "image/png"


def _named(data: bytes, name: str):
    f = io.BytesIO(data)
    f.name = name
    return f


# --- done when: a renamed non-image is refused with 400 and no row -----------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "holiday.jpg", "program"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "scan.pdf", "program"),
        (b"PK\x03\x04" + b"\x00" * 100, "photo.png", "Archives"),
        (b"hello, this is text", "note.jpg", "not an image or a PDF"),
        (b"", "empty.jpg", "empty"),
    ],
)
def test_renamed_non_images_are_refused_and_nothing_is_stored(api_client, _media, data, name, words):
    response = upload(api_client, data, name)
    assert response.status_code == 400, response.content
    assert words in response.json()["detail"]
    assert not StoredFile.objects.exists()
    assert not any(p.is_file() for p in _media.rglob("*")) if _media.exists() else True


def test_truncated_jpeg_is_refused(api_client):
    raw = jpeg_with_gps(size=(400, 300))
    response = upload(api_client, raw[: len(raw) // 2], "cut.jpg")
    assert response.status_code == 400, response.content
    assert "damaged or incomplete" in response.json()["detail"]
    assert not StoredFile.objects.exists()


def test_truncated_jpeg_is_refused_even_when_pillow_was_told_to_pad_them(api_client, monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what importing WeasyPrint does
    raw = jpeg_with_gps(size=(400, 300))
    assert upload(api_client, raw[: len(raw) // 2], "cut.jpg").status_code == 400
    assert not StoredFile.objects.exists() and ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as found


def test_image_bomb_is_refused_before_decoding(api_client, settings):
    # a small PNG whose header claims 30,000 × 30,000 pixels (900 Mpx)
    buf = io.BytesIO()
    Image.new("1", (30000, 30000)).save(buf, "PNG")
    assert len(buf.getvalue()) < 200_000
    response = upload(api_client, buf.getvalue(), "bomb.png")
    assert response.status_code == 400
    assert "too large" in response.json()["detail"] and "pixels" in response.json()["detail"]
    assert not StoredFile.objects.exists()


def test_pillow_decompression_bomb_error_is_a_400(api_client, settings):
    settings.FILE_MAX_IMAGE_PIXELS = 10**12  # our own limit off: Pillow's guard still answers
    with mock.patch.object(Image, "MAX_IMAGE_PIXELS", 1000):
        response = upload(api_client, png_bytes((100, 100)), "x.png")
    assert response.status_code == 400 and "too large" in response.json()["detail"]


def test_size_limit_per_kind(api_client, settings):
    settings.FILE_MAX_BYTES = {"image": 1000, "pdf": 10_000_000}
    response = upload(api_client, jpeg_with_gps(size=(300, 300)), "big.jpg")
    assert response.status_code == 400 and "limit" in response.json()["detail"]
    assert upload(api_client, pdf_bytes(), "small.pdf").status_code == 201


def test_broken_pdf_and_bad_purpose_and_missing_file(api_client):
    response = upload(api_client, b"%PDF-1.7\nthis is not a pdf", "x.pdf")
    assert response.status_code == 400 and "PDF" in response.json()["detail"]
    response = upload(api_client, png_bytes(), "x.png", purpose="selfie")
    assert response.status_code == 400 and "purpose" in response.json()["detail"]
    assert api_client.post("/api/v1/files/", {"purpose": "other"}, format="multipart").status_code == 400
    assert api_client.post("/api/v1/files/", {}, format="json").status_code in (400, 415)
    assert not StoredFile.objects.exists()


# --- done when: another user's file answers 404 ------------------------------------------------------------


def test_another_users_file_answers_404(make_user):
    from properties.tests.factories import PropertyFactory

    prop = PropertyFactory()
    alice = make_user("maintenance_coordinator", properties=[prop])
    bob = make_user("leasing_agent", properties=[prop])
    admin = make_user("administrator")
    file_id = upload(alice, png_bytes(), "mine.png").json()["id"]
    assert alice.get(f"/api/v1/files/{file_id}/").status_code == 200
    for path in (f"/api/v1/files/{file_id}/", f"/api/v1/files/{file_id}/content/"):
        response = bob.get(path)
        assert response.status_code == 404, path
        assert response.json()["detail"] == "File not found."
    assert bob.post(f"/api/v1/files/{file_id}/signed-url/", {}, format="json").status_code == 404
    # an all-properties administrator sees it; unknown and malformed ids are 404 too
    assert admin.get(f"/api/v1/files/{file_id}/content/").status_code == 200
    assert alice.get(f"/api/v1/files/{uuid.uuid4()}/").status_code == 404
    assert alice.get("/api/v1/files/not-a-uuid/content/").status_code == 404


def test_anonymous_and_read_only_cannot_upload(anon_client, make_user):
    assert upload(anon_client, png_bytes(), "x.png").status_code == 401
    response = upload(make_user("read_only"), png_bytes(), "x.png")
    assert response.status_code == 403 and "Read-only" in response.json()["detail"]
    assert not StoredFile.objects.exists()


def test_missing_bytes_answer_404_not_500(api_client):
    from django.core.files.storage import default_storage

    body = upload(api_client, png_bytes(), "x.png").json()
    default_storage.delete(StoredFile.objects.get(pk=body["id"]).storage_name)
    assert api_client.get(f"/api/v1/files/{body['id']}/content/").status_code == 404


# --- done when: a signed URL stops working after it expires ------------------------------------------------


def test_signed_url_works_without_signing_in_until_it_expires(api_client, anon_client, settings):
    settings.FILE_SIGNED_URL_MAX_AGE_SECONDS = 600
    body = upload(api_client, png_bytes(), "x.png").json()
    signed = api_client.post(f"/api/v1/files/{body['id']}/signed-url/", {}, format="json")
    assert signed.status_code == 200
    url = signed.json()["url"]
    assert url.startswith("http://testserver/api/v1/files/signed/") and signed.json()["expires_at"]
    response = anon_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == body["sha256"]
    thumb = api_client.post(f"/api/v1/files/{body['id']}/signed-url/", {"thumbnail": True}, format="json")
    assert anon_client.get(thumb.json()["url"])["Content-Type"] == "image/jpeg"

    # the same link, eleven minutes later
    with mock.patch("django.core.signing.time.time", return_value=time.time() + 11 * 60):
        expired = anon_client.get(url)
    assert expired.status_code == 410 and "expired" in expired.json()["detail"]

    # a link signed eleven minutes ago
    stored = StoredFile.objects.get(pk=body["id"])
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 11 * 60):
        old = file_signed_token(stored=stored)
    assert anon_client.get(f"/api/v1/files/signed/{old}/").status_code == 410


def test_forged_or_tampered_signed_urls_answer_404(api_client, anon_client):
    body = upload(api_client, png_bytes(), "x.png").json()
    other = upload(api_client, png_bytes((5, 5)), "y.png").json()
    url = api_client.post(f"/api/v1/files/{body['id']}/signed-url/", {}, format="json").json()["url"]
    token = url.rstrip("/").rsplit("/", 1)[-1]
    swapped = token.replace(body["id"], other["id"])
    assert anon_client.get(f"/api/v1/files/signed/{swapped}/").status_code == 404
    assert anon_client.get("/api/v1/files/signed/nonsense/").status_code == 404
    assert anon_client.get(f"/api/v1/files/signed/{body['id']}/").status_code == 404


def test_a_multi_megabyte_photo_passes_the_request_body_limits(api_client, settings):
    import os

    raw = Image.frombytes("RGB", (1200, 1000), os.urandom(1200 * 1000 * 3))
    buf = io.BytesIO()
    raw.save(buf, "PNG")
    assert len(buf.getvalue()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # bigger than a JSON body may be
    response = upload(api_client, buf.getvalue(), "noise.png")
    assert response.status_code == 201, response.content
    assert response.json()["width"] == 1200


def test_control_characters_leave_the_original_name(user):
    stored = file_store(upload=_named(png_bytes(), "C:\\Users\\pat\\ph\x00oto\n.png"), purpose="other", user=user)
    assert stored.original_name == "photo.png"


def test_transparent_png_thumbnail_is_on_white(user):
    from django.core.files.storage import default_storage

    stored = file_store(upload=_named(png_bytes((40, 40)), "clear.png"), purpose="other", user=user)
    with default_storage.open(stored.thumbnail_name) as f:
        r, g, b = Image.open(f).convert("RGB").getpixel((20, 20))
    assert min(r, g, b) > 100  # (1, 2, 3) at half opacity over white, not over black
