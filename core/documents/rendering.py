"""Documents rendered from one HTML template: the same source gives the on-screen preview (HTML) and the PDF
(WeasyPrint), with the product's bundled fonts (`core/documents/fonts`, DM Sans and Plus Jakarta Sans, OFL) and
page numbers ("Page 1 of 2", from the template's @page rules). A produced PDF is stored as a `StoredFile`
(purpose `document`), which records its SHA-256, size and page count.

Templates live in `core/templates/documents/<name>.html` and extend `documents/base.html`; a template gets its
context plus `document` ({"title", "pdf": bool, "fonts": the font directory's URL}).

WeasyPrint is optional at import time: `weasyprint_available()` says whether this machine can render PDFs
(the package and its system libraries, Pango); `document_pdf` raises ApplicationError (503) when it cannot.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

from core.exceptions import ApplicationError

logger = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
TEMPLATE_DIR = "documents"


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    sha256: str
    pages: int


@cache
def _weasyprint():
    try:
        import weasyprint  # type: ignore[import-not-found]
    except (ImportError, OSError) as exc:  # OSError: the package is there but Pango/HarfBuzz are not
        logger.info("WeasyPrint unavailable: %s", exc)
        return None
    return weasyprint


def weasyprint_available() -> bool:
    return _weasyprint() is not None


def weasyprint_missing_reason() -> str:
    try:
        import weasyprint  # type: ignore[import-not-found]  # noqa: F401
    except (ImportError, OSError) as exc:
        return f"WeasyPrint is not usable here ({exc}); see README, Documents."
    return ""


def _template(name: str) -> str:
    if not name.replace("_", "").replace("-", "").isalnum():
        raise ApplicationError(f"Unknown document template {name!r}.")
    return f"{TEMPLATE_DIR}/{name}.html"


def document_html(*, template: str, context: dict, title: str = "", pdf: bool = False) -> str:
    """The document as HTML: the on-screen preview (pdf=False: fonts come from the page it is shown in) or the
    source of the PDF (pdf=True: @font-face rules point at the bundled fonts)."""
    document = {"title": title or template.replace("_", " ").capitalize(), "pdf": pdf, "fonts": FONTS_DIR.as_uri()}
    return render_to_string(_template(template), {**context, "document": document})


def document_pdf(*, template: str, context: dict, title: str = "") -> RenderedPdf:
    """The document as a PDF, from the same template as its preview. 503 when WeasyPrint cannot run here."""
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise ApplicationError(weasyprint_missing_reason() or "PDF rendering is not available.", status_code=503)
    html = document_html(template=template, context=context, title=title, pdf=True)
    rendered = weasyprint.HTML(string=html, base_url=FONTS_DIR.as_uri() + "/").render()
    buf = io.BytesIO()
    rendered.write_pdf(buf)
    data = buf.getvalue()
    return RenderedPdf(pdf=data, sha256=hashlib.sha256(data).hexdigest(), pages=len(rendered.pages))


def document_store(*, template: str, context: dict, filename: str, user=None, title: str = ""):
    """Renders the PDF and stores it (a `StoredFile`, purpose `document`, with its SHA-256): the record a feature
    keeps of the exact document it sent."""
    from core.files.services import file_store

    rendered = document_pdf(template=template, context=context, title=title)
    upload = io.BytesIO(rendered.pdf)
    upload.name = filename if filename.lower().endswith(".pdf") else f"{filename}.pdf"
    stored = file_store(upload=upload, purpose="document", user=user)
    return stored
