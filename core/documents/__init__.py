"""Documents: text out of PDFs (pypdf, here) and documents rendered from one HTML template to the on-screen
preview and the PDF (`core.documents.rendering`, WeasyPrint; templates in core/templates/documents/)."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from core.exceptions import ApplicationError

logger = logging.getLogger(__name__)


def pdf_text(data: bytes, *, max_pages: int | None = None, page_separator: str = "\n\f\n") -> str:
    """The text of a PDF, pages joined by a form feed. Raises ApplicationError for an unreadable/encrypted PDF."""
    return page_separator.join(pdf_pages(data, max_pages=max_pages))


def pdf_pages(data: bytes, *, max_pages: int | None = None) -> list[str]:
    """The text of each page (scanned pages without a text layer come back empty)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # noqa: BLE001
                raise ApplicationError("The PDF is password-protected.") from exc
        pages = reader.pages if max_pages is None else reader.pages[:max_pages]
        return [(page.extract_text() or "").strip() for page in pages]
    except ApplicationError:
        raise
    except (PdfReadError, ValueError, OSError) as exc:
        raise ApplicationError(f"Could not read the PDF ({exc}).") from exc


def pdf_page_count(data: bytes) -> int:
    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, OSError) as exc:
        raise ApplicationError(f"Could not read the PDF ({exc}).") from exc
