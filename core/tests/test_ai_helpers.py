"""Generic offline pieces on real generated inputs: templates, PDF text, photo statistics."""

import io
from datetime import date
from decimal import Decimal

import pytest
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from core.ai import AIInputError
from core.ai.offline import image_stats, money, render_message
from core.documents import pdf_page_count, pdf_text
from core.exceptions import ApplicationError

# ── templates ──────────────────────────────────────────────────────────────────────────────────

LETTER = """
Dear {{ tenant.first_name }},

Your lease at {{ unit }} ends on {{ lease_end|date:"F j, Y" }}.
{% if increase %}Your new rent will be {{ new_rent|money }} ({{ increase }}% more).{% else %}Your rent stays at {{ new_rent|money }}.{% endif %}



Kind regards,
{{ manager }}
"""


def test_letter_renders_with_the_real_figures():
    text = render_message(
        LETTER,
        {
            "tenant": {"first_name": "Sarah"},
            "unit": "B-205",
            "lease_end": date(2027, 6, 30),
            "increase": Decimal("3.5"),
            "new_rent": Decimal("1914.75"),
            "manager": "Pat <Manager>",
        },
    )
    assert text == (
        "Dear Sarah,\n\nYour lease at B-205 ends on June 30, 2027.\n"
        "Your new rent will be $1,914.75 (3.5% more).\n\nKind regards,\nPat <Manager>"
    )


def test_html_rendering_escapes_values_and_string_templates_work():
    assert (
        render_message("<p>Hi {{ name }}</p>", {"name": "<b>Sam</b>"}, html=True) == "<p>Hi &lt;b&gt;Sam&lt;/b&gt;</p>"
    )
    sms = render_message(
        "Hi $name, $amount is due on ${day}.",
        {"name": "Ahmed", "amount": money(950), "day": "the 1st"},
        syntax="string",
    )
    assert sms == "Hi Ahmed, $950.00 is due on the 1st."
    with pytest.raises(KeyError):
        render_message("Hi $missing", {}, syntax="string")


def test_money_formats_like_the_design_tokens():
    assert (money(1234.5), money("-12"), money(None), money(Decimal("1000000"))) == (
        "$1,234.50",
        "-$12.00",
        "$0.00",
        "$1,000,000.00",
    )


# ── PDF text ───────────────────────────────────────────────────────────────────────────────────


def make_pdf(pages: list[str]) -> bytes:
    """A minimal, valid PDF (Helvetica text, correct xref) written by hand."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, text in enumerate(pages):
        lines = " T* ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj" for line in text.splitlines())
        stream = f"BT /F1 12 Tf 14 TL 72 720 Td {lines} ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_pdf_text_extracts_every_page():
    pdf = make_pdf(["RESIDENTIAL LEASE AGREEMENT\nMonthly Rent: $1,900.00", "Late fee: $75 after 5 days"])
    assert pdf_page_count(pdf) == 2
    text = pdf_text(pdf)
    first, second = text.split("\n\f\n")
    assert "RESIDENTIAL LEASE AGREEMENT" in first and "Monthly Rent: $1,900.00" in first
    assert "Late fee: $75 after 5 days" in second
    assert pdf_text(pdf, max_pages=1) == first


def test_pdf_written_by_pypdf_round_trips():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    assert pdf_text(buf.getvalue()) == ""  # a page without text (a scan) comes back empty


def test_unreadable_pdf_is_a_clear_error():
    with pytest.raises(ApplicationError, match="Could not read the PDF"):
        pdf_text(b"%PDF-1.4 this is not really a pdf")


# ── photo statistics ───────────────────────────────────────────────────────────────────────────


def png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def checkerboard() -> Image.Image:
    img = Image.new("RGB", (320, 240), "white")
    draw = ImageDraw.Draw(img)
    for x in range(0, 320, 16):
        for y in range(0, 240, 16):
            if (x // 16 + y // 16) % 2:
                draw.rectangle([x, y, x + 15, y + 15], fill="black")
    return img


def test_sharp_vs_blurred(checkerboard):
    sharp = image_stats(png(checkerboard))
    blurred = image_stats(png(checkerboard.filter(ImageFilter.GaussianBlur(6))))
    assert (sharp["width"], sharp["height"]) == (320, 240)
    assert sharp["blur_variance"] > 1000 and not sharp["is_blurry"]
    assert blurred["blur_variance"] < 100 and blurred["is_blurry"]


def test_dark_vs_bright(checkerboard):
    dark = image_stats(png(ImageEnhance.Brightness(checkerboard).enhance(0.15)))
    bright = image_stats(png(checkerboard))
    assert dark["is_dark"] and dark["brightness"] < 30
    assert not bright["is_dark"] and 120 < bright["brightness"] < 135
    assert bright["contrast"] > 120


def test_flat_grey_is_low_contrast_and_blurry():
    stats = image_stats(png(Image.new("L", (64, 64), 128)))
    assert stats["contrast"] == 0 and stats["is_low_contrast"] and stats["blur_variance"] == 0 and stats["is_blurry"]


def test_large_photos_are_measured_at_a_bounded_size(checkerboard):
    big = checkerboard.resize((4000, 3000), Image.Resampling.NEAREST)
    buf = io.BytesIO()
    big.save(buf, format="JPEG", quality=90)
    stats = image_stats(buf.getvalue())
    assert (stats["width"], stats["height"]) == (4000, 3000) and not stats["is_blurry"]


def test_not_an_image():
    with pytest.raises(AIInputError, match="Not a readable image"):
        image_stats(b"hello")
