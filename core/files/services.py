"""Accepting a file: sniff what it is from its bytes, refuse what is not a well-formed image or PDF, re-encode
images without their metadata, store through Django's storage API, record a `StoredFile`.

Every refusal is an `ApplicationError` (a 400 with a message a person can act on) and stores nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import threading
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from core.exceptions import ApplicationError
from core.files.models import StoredFile

logger = logging.getLogger(__name__)

SIGNED_URL_SALT = "core.files.signed-url"
READ_CHUNK = 64 * 1024

try:  # HEIC/HEIF (iPhone photos) only when the well-kept reader is installed
    from pillow_heif import register_heif_opener  # type: ignore[import-not-found]

    register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - depends on the environment
    HEIC_SUPPORTED = False

# format sniffed from the bytes -> (kind, content type, extension, Pillow format)
FORMATS = {
    "jpeg": (StoredFile.Kind.IMAGE, "image/jpeg", "jpg", "JPEG"),
    "png": (StoredFile.Kind.IMAGE, "image/png", "png", "PNG"),
    "webp": (StoredFile.Kind.IMAGE, "image/webp", "webp", "WEBP"),
    "heic": (StoredFile.Kind.IMAGE, "image/heic", "heic", "HEIF"),
    "pdf": (StoredFile.Kind.PDF, "application/pdf", "pdf", None),
}
ACCEPTED = "JPEG, PNG, WebP" + (", HEIC" if HEIC_SUPPORTED else "") + " or PDF"

EXIF_IFD = 0x8769
DATETIME_ORIGINAL, DATETIME_DIGITIZED, DATETIME = 36867, 36868, 306
OFFSET_TIME_ORIGINAL = 36881


def sniff(head: bytes) -> str:
    """What the first bytes say the file is ("jpeg", "png", "webp", "heic", "pdf"); refuses anything else,
    naming what it looks like when that helps (an executable, an archive)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"hevc"):
        if not HEIC_SUPPORTED:
            raise ApplicationError("HEIC photos are not accepted here yet; export the photo as JPEG and upload that.")
        return "heic"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF") or head[:4] in (b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):
        raise ApplicationError(f"This file is a program, not an image or a PDF. Accepted: {ACCEPTED}.")
    if head.startswith((b"PK\x03\x04", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")):
        raise ApplicationError(f"Archives (zip, gzip, 7z, rar) are not accepted. Accepted: {ACCEPTED}.")
    raise ApplicationError(f"This file is not an image or a PDF we accept ({ACCEPTED}); its name does not matter.")


@dataclass
class Checked:
    """A file that passed every check, ready to store."""

    fmt: str
    data: bytes
    width: int | None = None
    height: int | None = None
    page_count: int | None = None
    captured_at: dt.datetime | None = None
    thumbnail: bytes | None = None


def _read(upload, limit: int) -> bytes:
    """The upload's bytes, refusing (without reading the rest) once they pass `limit`."""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ApplicationError(f"The file is too large ({_mb(size)}); the limit is {_mb(limit)}.")
    if hasattr(upload, "seek"):
        upload.seek(0)
    chunks, total = [], 0
    while True:
        chunk = upload.read(READ_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise ApplicationError(f"The file is too large (over {_mb(limit)}); the limit is {_mb(limit)}.")
        chunks.append(chunk)
    return b"".join(chunks)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _capture_time(exif) -> dt.datetime | None:
    """EXIF DateTimeOriginal (else DateTimeDigitized, else DateTime) as an aware datetime: with its
    OffsetTimeOriginal when the camera wrote one, else read as UTC (cameras rarely record a zone)."""
    try:
        sub = exif.get_ifd(EXIF_IFD)
    except Exception:  # noqa: BLE001 - a broken EXIF block only loses the capture time
        sub = {}
    raw = sub.get(DATETIME_ORIGINAL) or sub.get(DATETIME_DIGITIZED) or exif.get(DATETIME)
    if not raw:
        return None
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "ignore")
    try:
        when = dt.datetime.strptime(str(raw).strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    tz = dt.UTC
    offset = sub.get(OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str) and len(offset) == 6 and offset[0] in "+-":
        try:
            hours, minutes = int(offset[1:3]), int(offset[4:6])
            sign = 1 if offset[0] == "+" else -1
            tz = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
        except ValueError:
            pass
    return when.replace(tzinfo=tz)


_STRICT = threading.Lock()


def _load_strictly(img) -> None:
    """Decodes every pixel, refusing a truncated file even if another library (WeasyPrint does, on import) has
    switched Pillow to padding truncated images (`ImageFile.LOAD_TRUNCATED_IMAGES`, a process-wide flag)."""
    with _STRICT:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            img.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _check_image(data: bytes, fmt: str) -> Checked:
    """Decodes the whole image (a truncated or corrupt one is refused), applies its EXIF orientation, keeps the
    capture time, and re-encodes it without any metadata (EXIF, GPS, XMP, comments); makes a thumbnail."""
    max_pixels = settings.FILE_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=[FORMATS[fmt][3]])
            width, height = img.size
            if width * height > max_pixels:
                raise ApplicationError(
                    f"The image is too large ({width}×{height} pixels); the limit is {max_pixels:,} pixels."
                )
            if getattr(img, "n_frames", 1) > 1:
                img.seek(0)  # animated WebP/PNG: the first frame only
            _load_strictly(img)
            captured_at = _capture_time(img.getexif())
            img = ImageOps.exif_transpose(img)
    except ApplicationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ApplicationError(f"The image is too large to open safely ({exc}).") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ApplicationError(f"The image is damaged or incomplete and could not be read ({exc}).") from exc
    except Exception as exc:  # noqa: BLE001 - a decoder's surprise on hostile input is still the file's fault
        logger.warning("image decoder failed: %r", exc)
        raise ApplicationError("The image is damaged and could not be read.") from exc

    # A clean copy that carries nothing but pixels (and the colour profile, which is not personal).
    icc = img.info.get("icc_profile")
    mode = img.mode
    if fmt in ("jpeg", "heic") or mode not in ("RGB", "RGBA", "L", "LA"):
        mode = "RGBA" if ("A" in img.getbands() and fmt not in ("jpeg", "heic")) else "RGB"
    clean = Image.frombytes(mode, img.size, img.convert(mode).tobytes())
    out_fmt = "JPEG" if fmt == "heic" else FORMATS[fmt][3]
    params: dict = {"icc_profile": icc} if icc else {}
    if out_fmt == "JPEG":
        params.update(quality=88, optimize=True)
    elif out_fmt == "WEBP":
        params.update(quality=88)
    buf = io.BytesIO()
    clean.save(buf, format=out_fmt, **params)

    if "A" in clean.getbands():  # transparent areas on white, not black
        thumb = Image.new("RGB", clean.size, (255, 255, 255))
        thumb.paste(clean.convert("RGBA"), mask=clean.convert("RGBA").getchannel("A"))
    else:
        thumb = clean.convert("RGB")
    side = settings.FILE_THUMBNAIL_SIZE
    thumb.thumbnail((side, side))
    tbuf = io.BytesIO()
    thumb.save(tbuf, format="JPEG", quality=80)
    return Checked(
        fmt="jpeg" if fmt == "heic" else fmt,
        data=buf.getvalue(),
        width=clean.width,
        height=clean.height,
        captured_at=captured_at,
        thumbnail=tbuf.getvalue(),
    )


def _check_pdf(data: bytes) -> Checked:
    from core.documents import pdf_page_count

    try:
        pages = pdf_page_count(data)  # ApplicationError for a PDF that does not open
    except ApplicationError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf on a hostile file (recursion, missing keys…)
        logger.warning("pdf reader failed: %r", exc)
        raise ApplicationError("The PDF is damaged and could not be read.") from exc
    if pages < 1:
        raise ApplicationError("The PDF has no pages.")
    if pages > settings.FILE_MAX_PDF_PAGES:
        raise ApplicationError(f"The PDF has {pages} pages; the limit is {settings.FILE_MAX_PDF_PAGES}.")
    return Checked(fmt="pdf", data=data, page_count=pages)


def file_check(upload) -> tuple[Checked, int, str]:
    """(the checked file, its uploaded size, its original name); raises ApplicationError when refused."""
    if upload is None:
        raise ApplicationError("Choose a file to upload.")
    limits = settings.FILE_MAX_BYTES
    data = _read(upload, max(limits.values()))
    if not data:
        raise ApplicationError("The file is empty.")
    fmt = sniff(data[:1024])
    kind = FORMATS[fmt][0]
    if len(data) > limits[kind]:
        raise ApplicationError(
            f"The {'image' if kind == 'image' else 'PDF'} is too large ({_mb(len(data))}); "
            f"the limit is {_mb(limits[kind])}."
        )
    checked = _check_image(data, fmt) if kind == StoredFile.Kind.IMAGE else _check_pdf(data)
    name = (getattr(upload, "name", "") or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()  # no NULs or control characters
    return checked, len(data), name[:255] or "upload"


def file_store(*, upload, purpose: str, user) -> StoredFile:
    """Checks `upload` (a Django UploadedFile or any file-like object with .name) by its content and stores it.
    Refusals raise ApplicationError (400) and store nothing."""
    if purpose not in StoredFile.Purpose.values:
        raise ApplicationError(f"Unknown purpose {purpose!r}; one of: {', '.join(StoredFile.Purpose.values)}.")
    checked, original_size, original_name = file_check(upload)
    kind, content_type, ext, _pil = FORMATS[checked.fmt]
    file_id = uuid.uuid4()
    prefix = f"files/{file_id.hex[:2]}/{file_id.hex}"
    stored = []
    try:
        name = default_storage.save(f"{prefix}.{ext}", ContentFile(checked.data))
        stored.append(name)
        thumb_name = ""
        if checked.thumbnail:
            thumb_name = default_storage.save(f"{prefix}.thumb.jpg", ContentFile(checked.thumbnail))
            stored.append(thumb_name)
        with transaction.atomic():
            return StoredFile.objects.create(
                id=file_id,
                purpose=purpose,
                kind=kind,
                original_name=original_name,
                content_type=content_type,
                size=len(checked.data),
                original_size=original_size,
                sha256=hashlib.sha256(checked.data).hexdigest(),
                width=checked.width,
                height=checked.height,
                page_count=checked.page_count,
                captured_at=checked.captured_at,
                storage_name=name,
                thumbnail_name=thumb_name,
                uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except Exception:
        for name in stored:  # no orphan bytes for a row that was never written
            try:
                default_storage.delete(name)
            except Exception:  # noqa: BLE001
                logger.warning("could not delete %s after a failed upload", name)
        raise


def file_delete(*, stored: StoredFile) -> None:
    for name in (stored.storage_name, stored.thumbnail_name):
        if name:
            default_storage.delete(name)
    stored.delete()


# --- signed URLs ------------------------------------------------------------------------------------------------


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SIGNED_URL_SALT)


def file_signed_token(*, stored: StoredFile, thumbnail: bool = False) -> str:
    """A token naming this one file (and whether the thumbnail), signed with SECRET_KEY and timestamped."""
    return _signer().sign(f"{stored.pk}{'.t' if thumbnail else ''}")


def file_signed_token_check(token: str) -> tuple[str, bool]:
    """(file id, thumbnail?) from a token that is genuine and younger than FILE_SIGNED_URL_MAX_AGE_SECONDS.
    Expired: ApplicationError 410; forged or malformed: 404 (nothing said about which files exist)."""
    try:
        value = _signer().unsign(token, max_age=settings.FILE_SIGNED_URL_MAX_AGE_SECONDS)
    except signing.SignatureExpired as exc:
        raise ApplicationError("This link has expired; ask for a new one.", status_code=410) from exc
    except signing.BadSignature as exc:
        raise ApplicationError("Not found.", status_code=404) from exc
    thumbnail = value.endswith(".t")
    return (value[:-2] if thumbnail else value), thumbnail
