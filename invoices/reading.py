"""The adapter between files and the pure extractor (`invoices/extractor.py`): a PDF's text layer with positions
(pdfplumber), OCR for scans and photos (Tesseract through pytesseract), and cutting a PDF into the page ranges
of the invoices it holds. No Django: bytes in, `Line`s out.

Errors a person can act on are `ReadError` (a sentence); OCR missing on this machine is `OcrUnavailable` (the
screen says OCR is unavailable instead of failing).
"""

from __future__ import annotations

import functools
import io
import logging
import shutil
import statistics
from collections import defaultdict

from invoices.extractor import Cell, Line

logger = logging.getLogger(__name__)

MIN_TEXT_CHARS = 40  # a page with less text than this is a scan: OCR it
OCR_DPI = 300
OCR_TIMEOUT_SECONDS = 60
MAX_PAGES = 30


class ReadError(Exception):
    """The file could not be read (the message says why, for the person reviewing)."""


class OcrUnavailable(ReadError):
    pass


OCR_UNAVAILABLE = (
    "OCR is unavailable on this server (Tesseract is not installed), so scanned pages and photos can't be read. "
    "Enter the fields by hand, or ask the administrator to install tesseract-ocr."
)


@functools.cache
def ocr_available() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        pytesseract.get_tesseract_version()
    except Exception:  # noqa: BLE001 - any failure means no OCR
        return False
    return True


def _cells_from_words(words: list[dict], *, gap_factor: float) -> tuple[Cell, ...]:
    """Words of one line (x0, x1, text, size) grouped into cells at gaps wider than `gap_factor` × the type size."""
    words = sorted(words, key=lambda w: w["x0"])
    cells: list[Cell] = []
    current: list[dict] = []
    for word in words:
        if current:
            gap = word["x0"] - current[-1]["x1"]
            size = max(current[-1]["size"] or 8.0, 4.0)
            if gap > gap_factor * size:
                cells.append(_cell(current))
                current = []
        current.append(word)
    if current:
        cells.append(_cell(current))
    return tuple(cells)


def _cell(words: list[dict]) -> Cell:
    return Cell(
        text=" ".join(w["text"] for w in words),
        x0=round(words[0]["x0"], 1),
        x1=round(words[-1]["x1"], 1),
        size=round(max((w["size"] or 0) for w in words), 1) or None,
    )


def _lines_from_words(words: list[dict], *, page: int, width: float, height: float, gap_factor: float) -> list[Line]:
    """Words into printed lines: sorted by their vertical middle, a new line when the middle moves by more than
    half a line's height."""
    words = sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"]))
    rows: list[list[dict]] = []
    for word in words:
        middle = (word["top"] + word["bottom"]) / 2
        if rows:
            last = rows[-1]
            last_middle = statistics.fmean((w["top"] + w["bottom"]) / 2 for w in last)
            height_ = max(statistics.fmean(w["bottom"] - w["top"] for w in last), 1.0)
            if abs(middle - last_middle) <= height_ * 0.5:
                last.append(word)
                continue
        rows.append([word])
    lines = []
    for row in rows:
        cells = _cells_from_words(row, gap_factor=gap_factor)
        if cells:
            lines.append(
                Line(
                    cells=cells,
                    page=page,
                    top=round(min(w["top"] for w in row), 1),
                    bottom=round(max(w["bottom"] for w in row), 1),
                    page_width=width,
                    page_height=height,
                )
            )
    return lines


def _open_pdf(data: bytes):
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        raise ReadError(f"The PDF could not be opened: it is damaged or not a PDF ({type(exc).__name__}).") from exc


def pdf_lines(
    data: bytes, *, first: int = 1, last: int | None = None, ocr: bool = True
) -> tuple[list[list[Line]], bool]:
    """(lines per page, whether OCR was used) for pages first..last of a PDF. Pages without a text layer are
    OCR'd when Tesseract is installed; raises ReadError when nothing at all could be read."""
    pages: list[list[Line]] = []
    used_ocr = False
    problems: list[str] = []
    with _open_pdf(data) as pdf:
        count = len(pdf.pages)
        if count == 0:
            raise ReadError("The PDF has no pages.")
        last = min(last or count, count, first + MAX_PAGES - 1)
        for number in range(first, last + 1):
            page = pdf.pages[number - 1]
            try:
                words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=False)
            except Exception as exc:  # noqa: BLE001
                problems.append(f"page {number}: {type(exc).__name__}")
                words = []
            text_chars = sum(len(w["text"]) for w in words)
            if text_chars >= MIN_TEXT_CHARS or not ocr:
                lines = _lines_from_words(
                    words, page=number, width=float(page.width), height=float(page.height), gap_factor=1.0
                )
            else:
                if not ocr_available():
                    if words:
                        lines = _lines_from_words(
                            words, page=number, width=float(page.width), height=float(page.height), gap_factor=1.0
                        )
                    else:
                        raise OcrUnavailable(OCR_UNAVAILABLE)
                else:
                    try:
                        image = page.to_image(resolution=OCR_DPI).original
                    except Exception as exc:  # noqa: BLE001
                        problems.append(f"page {number} could not be rendered ({type(exc).__name__})")
                        image = None
                    lines = image_lines(image, page=number) if image is not None else []
                    used_ocr = True
            pages.append(lines)
    if not any(pages):
        detail = f" ({'; '.join(problems)})" if problems else ""
        raise ReadError(
            "No text could be read from the PDF: its pages are empty, damaged or too faint to read" + detail + "."
        )
    return pages, used_ocr


def pdf_page_texts(data: bytes) -> list[list[Line]]:
    """Every page's lines from the text layer only (fast; for splitting a file into invoices)."""
    pages, _ = pdf_lines(data, first=1, last=None, ocr=False)
    return pages


def pdf_pages_cut(data: bytes, first: int, last: int) -> bytes:
    """A new PDF of pages first..last (1-based) of `data`."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for index in range(first - 1, min(last, len(reader.pages))):
        writer.add_page(reader.pages[index])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


SKEW_MAX_DEGREES = 4.0
SKEW_STEP_DEGREES = 0.25


def _row_profile_score(image) -> float:
    """How sharply the ink falls into rows: the variance of the per-row darkness (text lines level → high)."""
    from PIL import Image

    column = image.resize((1, image.height), Image.Resampling.BOX)
    values = list(getattr(column, "get_flattened_data", column.getdata)())
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def deskew_angle(image) -> float:
    """The rotation (degrees) that levels the text lines of a photographed page, by the projection profile of a
    small inverted copy tried at angles within ±SKEW_MAX_DEGREES (Pillow only)."""
    from PIL import ImageOps

    small = ImageOps.invert(image.convert("L"))
    small.thumbnail((700, 700))
    best, best_score = 0.0, -1.0
    steps = int(SKEW_MAX_DEGREES / SKEW_STEP_DEGREES)
    for i in range(-steps, steps + 1):
        angle = i * SKEW_STEP_DEGREES
        score = _row_profile_score(small.rotate(angle, expand=False, fillcolor=0))
        if score > best_score:
            best, best_score = angle, score
    return best


def _prepare(image):
    """Grey, levelled (deskewed), big enough for Tesseract (glyphs ~30 px), noise smoothed, contrast stretched."""
    from PIL import ImageFilter, ImageOps

    image = ImageOps.exif_transpose(image).convert("L")
    angle = deskew_angle(image)
    if angle:
        image = image.rotate(angle, expand=True, fillcolor=255)
    if image.width < 1800:
        factor = 1800 / image.width
        image = image.resize((int(image.width * factor), int(image.height * factor)))
    image = image.filter(ImageFilter.MedianFilter(3))
    return ImageOps.autocontrast(image, cutoff=1)


def image_lines(image, *, page: int = 1) -> list[Line]:
    """OCR of a PIL image into lines with positions (Tesseract's words, regrouped into cells)."""
    if not ocr_available():
        raise OcrUnavailable(OCR_UNAVAILABLE)
    import pytesseract

    image = _prepare(image)
    try:
        data = pytesseract.image_to_data(
            image,
            output_type=pytesseract.Output.DICT,
            config="--psm 4 -c preserve_interword_spaces=1",
            timeout=OCR_TIMEOUT_SECONDS,
        )
    except RuntimeError as exc:  # the timeout
        raise ReadError(f"OCR took too long on page {page}; enter the fields by hand.") from exc
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or float(data["conf"][i]) < 20:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        height = data["height"][i]
        groups[key].append(
            {
                "text": text,
                "x0": float(data["left"][i]),
                "x1": float(data["left"][i] + data["width"][i]),
                "top": float(data["top"][i]),
                "bottom": float(data["top"][i] + height),
                "size": float(height),
            }
        )
    words = [w for ws in groups.values() for w in ws]
    return _lines_from_words(words, page=page, width=float(image.width), height=float(image.height), gap_factor=1.6)


def photo_lines(data: bytes) -> list[list[Line]]:
    """OCR of a photo or scan (JPEG/PNG/WebP bytes)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ReadError("The image could not be opened: it is damaged or not an image.") from exc
    lines = image_lines(image)
    if not lines:
        raise ReadError("No text could be read from the image (blurred, too dark or not an invoice?).")
    return [lines]
