"""Images and PDF documents for vision prompts: bytes (uploads) or URLs, sniffed and size-capped."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from django.conf import settings

from core.ai.exceptions import AIInputError

IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


def sniff_image_type(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _check_url(url: str, what: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise AIInputError(f"The {what} URL must be an absolute http(s) URL.")
    return url


def _mb(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def _read(obj: Any) -> bytes:
    """Bytes from bytes, a Django UploadedFile/File or any object with .read()."""
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return bytes(obj)
    if hasattr(obj, "chunks"):
        if hasattr(obj, "seek"):
            obj.seek(0)
        return b"".join(obj.chunks())
    if hasattr(obj, "read"):
        return obj.read()
    raise AIInputError(f"Cannot read {type(obj).__name__} as a file.")


@dataclass(frozen=True)
class Image:
    """An image for Claude: `data` + `media_type`, or a public `url`."""

    data: bytes | None = None
    media_type: str | None = None
    url: str | None = None
    name: str = ""

    @classmethod
    def from_bytes(cls, data: bytes, media_type: str | None = None, *, name: str = "") -> Image:
        return cls(data=bytes(data), media_type=media_type, name=name)

    @classmethod
    def from_url(cls, url: str, *, name: str = "") -> Image:
        return cls(url=url, name=name)

    @classmethod
    def from_file(cls, file: Any, media_type: str | None = None) -> Image:
        """From a Django UploadedFile / File / anything with .read()."""
        return cls(
            data=_read(file),
            media_type=media_type or getattr(file, "content_type", None),
            name=getattr(file, "name", "") or "",
        )

    def checked(self, index: int) -> Image:
        """Validates type and size; returns a copy with the media type filled in."""
        label = f"Image {index + 1}" + (f" ({self.name})" if self.name else "")
        if self.url:
            _check_url(self.url, "image")
            return self
        if not self.data:
            raise AIInputError(f"{label} is empty.")
        limit = settings.AI_MAX_IMAGE_BYTES
        if len(self.data) > limit:
            raise AIInputError(f"{label} is {_mb(len(self.data))}; the limit is {_mb(limit)}.")
        sniffed = sniff_image_type(self.data)
        if sniffed is None:
            raise AIInputError(f"{label} is not a JPEG, PNG, GIF or WebP image.")
        return Image(data=self.data, media_type=sniffed, url=None, name=self.name)

    def to_block(self) -> dict:
        if self.url:
            return {"type": "image", "source": {"type": "url", "url": self.url}}
        return {
            "type": "image",
            "source": {"type": "base64", "media_type": self.media_type, "data": base64.b64encode(self.data).decode()},
        }


@dataclass(frozen=True)
class Document:
    """A PDF for Claude: `data` (bytes) or a public `url`."""

    data: bytes | None = None
    url: str | None = None
    title: str = ""

    @classmethod
    def from_bytes(cls, data: bytes, *, title: str = "") -> Document:
        return cls(data=bytes(data), title=title)

    @classmethod
    def from_url(cls, url: str, *, title: str = "") -> Document:
        return cls(url=url, title=title)

    @classmethod
    def from_file(cls, file: Any, *, title: str = "") -> Document:
        return cls(data=_read(file), title=title or getattr(file, "name", "") or "")

    def checked(self, index: int) -> Document:
        label = f"Document {index + 1}" + (f" ({self.title})" if self.title else "")
        if self.url:
            _check_url(self.url, "document")
            return self
        if not self.data:
            raise AIInputError(f"{label} is empty.")
        limit = settings.AI_MAX_PDF_BYTES
        if len(self.data) > limit:
            raise AIInputError(f"{label} is {_mb(len(self.data))}; the limit is {_mb(limit)}.")
        if not self.data.lstrip()[:5] == b"%PDF-":
            raise AIInputError(f"{label} is not a PDF.")
        return self

    def to_block(self) -> dict:
        if self.url:
            block: dict = {"type": "document", "source": {"type": "url", "url": self.url}}
        else:
            block = {
                "type": "document",
                "source": {
                    "type": "base64",
                    "media_type": "application/pdf",
                    "data": base64.b64encode(self.data).decode(),
                },
            }
        if self.title:
            block["title"] = self.title[:255]
        return block


def normalise_images(images) -> list[Image]:
    """Accepts Image objects, raw bytes (type sniffed) or URL strings."""
    out = []
    for i, item in enumerate(images or ()):
        if isinstance(item, Image):
            img = item
        elif isinstance(item, str):
            img = Image.from_url(item)
        elif isinstance(item, (bytes, bytearray, memoryview)):
            img = Image.from_bytes(bytes(item))
        else:
            img = Image.from_file(item)
        out.append(img.checked(i))
    return out


def normalise_documents(documents) -> list[Document]:
    """Accepts Document objects, raw PDF bytes or URL strings."""
    out = []
    for i, item in enumerate(documents or ()):
        if isinstance(item, Document):
            doc = item
        elif isinstance(item, str):
            doc = Document.from_url(item)
        elif isinstance(item, (bytes, bytearray, memoryview)):
            doc = Document.from_bytes(bytes(item))
        else:
            doc = Document.from_file(item)
        out.append(doc.checked(i))
    return out
