"""Invoice PDFs and images for the tests (WeasyPrint from small HTML; Pillow for a photo)."""

from __future__ import annotations

import io


def invoice_html(
    *,
    vendor="ProFlow Plumbing LLC",
    number="PF-2026-0847",
    date="03/15/2026",
    due="April 14, 2026",
    wo="",
    unit="A-101",
    lines=(("Replace kitchen faucet cartridge", "1", "145.00", "145.00"), ("Labor", "2", "95.00", "190.00")),
    subtotal="335.00",
    tax="0.00",
    total="335.00",
    page_break_before=False,
    page_label="",
) -> str:
    rows = "".join(f"<tr><td>{d}</td><td>{q}</td><td>${p}</td><td>${a}</td></tr>" for d, q, p, a in lines)
    wo_line = f"<br>Work Order: {wo}" if wo else ""
    brk = ' style="page-break-before:always"' if page_break_before else ""
    return f"""<section{brk}><h1 style="font-size:20pt">{vendor}</h1><div>1200 Main Street</div>
<table style="width:100%"><tr><td><b>Bill To:</b><br>Harbor View Apartments<br>44 Oak Ave</td>
<td style="text-align:right">Invoice #: {number}<br>Invoice Date: {date}<br>Due Date: {due}{wo_line}</td></tr></table>
<p>Service address: Harbor View, Unit {unit}</p>
<table style="width:100%;margin-top:20px"><tr><th style="text-align:left">Description</th><th>Qty</th>
<th>Unit Price</th><th>Amount</th></tr>{rows}</table>
<table style="margin-left:60%"><tr><td>Subtotal</td><td>${subtotal}</td></tr><tr><td>Tax</td><td>${tax}</td></tr>
<tr><td>Total Due</td><td>${total}</td></tr></table><p>{page_label}</p></section>"""


def pdf_of(*sections: str) -> bytes:
    from weasyprint import HTML

    html = "<html><body style='font-family:sans-serif;font-size:10pt'>" + "".join(sections) + "</body></html>"
    return HTML(string=html).write_pdf()


def invoice_pdf(**kwargs) -> bytes:
    return pdf_of(invoice_html(**kwargs))


def damaged_pdf() -> bytes:
    """A PDF whose structure opens (its pages can be counted) but whose page content is garbage: a real invoice
    PDF with every content stream overwritten in place (same length, so the cross-reference table still holds)."""
    import re

    data = bytearray(invoice_pdf())
    for m in re.finditer(rb"<<(?:(?!>>\s*stream).)*?>>\s*stream\r?\n", bytes(data), re.DOTALL):
        head = m.group(0)
        if b"/ObjStm" in head or b"/XRef" in head or b"/Type /Catalog" in head:
            continue
        start = m.end()
        end = bytes(data).find(b"endstream", start)
        for i in range(start, max(start, end - 2)):
            data[i] = (data[i] * 7 + 13) % 256
    return bytes(data)


def photo_png(text_lines: list[str]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1400, 120 + 60 * len(text_lines)), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 34)
    except OSError:
        font = ImageFont.load_default(size=34)
    for i, line in enumerate(text_lines):
        draw.text((60, 60 + 60 * i), line, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
