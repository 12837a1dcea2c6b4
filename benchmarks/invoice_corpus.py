"""A corpus of vendor invoices in layouts that differ, each with its expected fields (3.2 §4).

Written apart from the extractor (it imports nothing from `invoices`): every template is its own vendor's idea of
an invoice — labels, date and number formats, table shapes, page breaks, a photographed page. Two sets:

- `tuning`: the templates the extractor was developed against;
- `heldout`: templates written at the same time and not looked at while tuning (their accuracy is reported
  separately, as the honest number).

`generate(out_dir)` writes `<id>.pdf` / `<id>.png` and returns the expected fields per document:
{"id", "set", "template", "file", "vendor", "invoice_number", "invoice_date" (ISO), "total" (str), "lines":
[{"description", "amount"}]}.
"""

from __future__ import annotations

import datetime
import io
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

CENT = Decimal("0.01")
VENDORS = [
    ("Rapid Rooter Plumbing & Drain", "plumbing"),
    ("Blue Sky Heating and Air, Inc.", "hvac"),
    ("Greenway Landscape Services", "landscaping"),
    ("Volt Masters Electrical LLC", "electrical"),
    ("Precision Painting Co.", "painting"),
    ("Cornerstone Handyman Services", "general"),
    ("Bug-Free Pest Solutions", "pest"),
    ("Sparkle Clean Janitorial", "cleaning"),
    ("Summit Roofing & Gutters", "structural"),
    ("Appliance Doctor", "appliance"),
    ("Northside Flooring Supply", "flooring"),
    ("Keystone Lock & Key", "locks"),
]
WORK = {
    "plumbing": ["Snake main drain line", "Replace wax ring and reset toilet", "Install new kitchen faucet",
                 "Replace water heater anode rod", "Repair leaking P-trap", "Shut-off valve replacement"],
    "hvac": ["Diagnostic service call", "Replace capacitor 45/5 MFD", "Refrigerant R-410A (lbs)",
             "Clean condenser coil", "Replace blower motor", "Thermostat installation"],
    "landscaping": ["Weekly mowing and edging", "Shrub trimming", "Mulch install (cubic yards)",
                    "Irrigation head repair", "Leaf removal", "Seasonal color planting"],
    "electrical": ["Replace GFCI outlet", "Troubleshoot tripping breaker", "Install LED fixture",
                   "Replace light switch", "Panel inspection", "Run new 20A circuit"],
    "painting": ["Paint 2BR unit walls", "Ceiling touch-up", "Trim and doors enamel", "Patch drywall holes",
                 "Primer coat", "Paint supplies"],
    "general": ["Rehang closet door", "Replace cabinet hinges", "Caulk tub surround", "Install grab bar",
                "Replace window screen", "Fix sticking lock"],
    "pest": ["Monthly interior treatment", "Roach gel bait application", "Rodent exclusion", "Bed bug inspection",
             "Exterior perimeter spray", "Follow-up visit"],
    "cleaning": ["Move-out deep clean", "Carpet shampoo", "Window cleaning", "Trash-out hauling",
                 "Appliance cleaning", "Common area cleaning"],
    "structural": ["Replace damaged shingles", "Gutter cleaning", "Flashing repair", "Downspout replacement",
                   "Roof inspection", "Soffit repair"],
    "appliance": ["Dishwasher pump replacement", "Refrigerator door gasket", "Dryer belt replacement",
                  "Oven igniter", "Washer drain pump", "Service call fee"],
    "flooring": ["LVP flooring install (sq ft)", "Carpet pad", "Transition strips", "Floor leveling compound",
                 "Remove old carpet", "Baseboard reinstall"],
    "locks": ["Rekey unit locks", "Deadbolt install", "Mailbox lock change", "Key copies", "Lockout service",
              "Smart lock setup"],
}  # fmt: skip
CUSTOMERS = ["Maple Court Residential", "Harbor View Property Mgmt", "Oakridge Apartments LLC", "Cedar Point Homes"]
STREETS = ["Industrial Pkwy", "Commerce Dr", "Main Street", "Elm Ave", "Market St", "Railroad Ave"]


def q2(v) -> Decimal:
    return Decimal(v).quantize(CENT, rounding=ROUND_HALF_UP)


class Doc:
    """One random invoice's facts; the templates decide how they look."""

    def __init__(self, rng: random.Random, n_lines: int | None = None, tax_rate: str | None = None):
        self.vendor, trade = rng.choice(VENDORS)
        self.customer = rng.choice(CUSTOMERS)
        self.number = rng.choice(["INV-", "", "A", "2026-", "No"]) + str(rng.randint(1000, 99999))
        if self.number.startswith("No"):
            self.number = self.number[2:]
        self.date = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 300))
        self.due = self.date + datetime.timedelta(days=rng.choice([15, 30, 45]))
        self.wo = f"WO-{rng.randint(1, 9999999):07d}"
        self.unit = f"{rng.choice('ABCD')}-{rng.randint(100, 420)}"
        self.address = f"{rng.randint(10, 9999)} {rng.choice(STREETS)}"
        self.lines = []
        items = WORK[trade]
        for i in range(n_lines or rng.randint(1, 5)):
            desc = items[i % len(items)] + ("" if i < len(items) else f" (visit {i // len(items) + 1})")
            qty = Decimal(rng.choice([1, 1, 1, 2, 3, 4, "1.5", "2.5", 10]))
            price = q2(Decimal(rng.randint(1500, 60000)) / 100)
            self.lines.append((desc, qty, price, q2(qty * price)))
        self.subtotal = sum((a for *_, a in self.lines), Decimal(0))
        rate = Decimal(tax_rate if tax_rate is not None else rng.choice(["0", "0.0825", "0.06", "0.07"]))
        self.tax_rate = rate
        self.tax = q2(self.subtotal * rate)
        self.total = self.subtotal + self.tax

    @classmethod
    def of(cls, *, vendor, number, date, due, wo, unit, customer, address, lines, tax_rate) -> Doc:
        """An invoice with given facts (the demo seed's vendor bills for its own work orders): `lines` are
        (description, quantity, unit price) with Decimals; amounts, subtotal, tax and total are computed."""
        d = cls.__new__(cls)
        d.vendor, d.number, d.date, d.due, d.wo, d.unit = vendor, number, date, due, wo, unit
        d.customer, d.address = customer, address
        d.lines = [(x, Decimal(q), q2(p), q2(Decimal(q) * q2(p))) for x, q, p in lines]
        d.subtotal = sum((a for *_, a in d.lines), Decimal(0))
        d.tax_rate = Decimal(tax_rate)
        d.tax = q2(d.subtotal * d.tax_rate)
        d.total = d.subtotal + d.tax
        return d

    def expected(self) -> dict:
        return {
            "vendor": self.vendor,
            "invoice_number": self.number,
            "invoice_date": self.date.isoformat(),
            "total": str(self.total),
            "lines": [{"description": d, "amount": str(a)} for d, _q, _p, a in self.lines],
        }


# --- formats ---------------------------------------------------------------------------------------------------


def us(v: Decimal, sign=True) -> str:
    return f"{'$' if sign else ''}{v:,.2f}"


def eu(v: Decimal) -> str:
    return f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") + " €"


def qty(q: Decimal) -> str:
    return f"{q.normalize():f}"


# --- templates (HTML → PDF) --------------------------------------------------------------------------------------

BASE_CSS = "body{font-family:%s;font-size:%spt;margin:0} table{border-collapse:collapse} td,th{padding:3px 6px}"


def t_classic(d: Doc) -> str:
    rows = "".join(
        f"<tr><td>{x}</td><td style='text-align:center'>{qty(q)}</td><td style='text-align:right'>{us(p)}</td>"
        f"<td style='text-align:right'>{us(a)}</td></tr>"
        for x, q, p, a in d.lines
    )
    tax = f"<tr><td>Sales Tax ({d.tax_rate * 100:.2f}%)</td><td style='text-align:right'>{us(d.tax)}</td></tr>"
    return f"""<style>{BASE_CSS % ("DejaVu Sans", 10)}</style>
<table style="width:100%"><tr><td><div style="font-size:22pt;font-weight:bold">{d.vendor}</div>
<div>{d.address}</div><div>Springfield, IL 62704</div><div>(217) 555-0142</div></td>
<td style="text-align:right;vertical-align:top"><div style="font-size:26pt;color:#888">INVOICE</div>
<table style="margin-left:auto"><tr><td>Invoice No.</td><td>{d.number}</td></tr>
<tr><td>Date</td><td>{d.date:%m/%d/%Y}</td></tr><tr><td>Due Date</td><td>{d.due:%m/%d/%Y}</td></tr></table></td></tr></table>
<div style="margin-top:20px"><b>Bill To</b><br>{d.customer}<br>PO Box 1180<br>Springfield, IL 62705</div>
<table style="width:100%;margin-top:20px;border-top:2px solid #333"><tr style="background:#eee">
<th style="text-align:left">Description</th><th>Qty</th><th style="text-align:right">Rate</th>
<th style="text-align:right">Amount</th></tr>{rows}</table>
<table style="margin-left:55%;width:45%;margin-top:10px"><tr><td>Subtotal</td><td style="text-align:right">{us(d.subtotal)}</td></tr>
{tax}<tr><td><b>Total</b></td><td style="text-align:right"><b>{us(d.total)}</b></td></tr></table>
<p style="margin-top:30px">Thank you for your business!</p>"""


def t_modern(d: Doc) -> str:
    rows = "".join(f"<tr><td>{x}</td><td>{qty(q)}</td><td>{us(p)}</td><td>{us(a)}</td></tr>" for x, q, p, a in d.lines)
    return f"""<style>{BASE_CSS % ("Liberation Sans, Arial", 9)} .k{{color:#777;font-size:8pt;text-transform:uppercase}}
th{{text-align:left;border-bottom:1px solid #999}}</style>
<div style="background:#0d9488;color:white;padding:16px;font-size:18pt">{d.vendor}</div>
<table style="width:100%;margin-top:16px"><tr>
<td><div class="k">Invoice #</div><div>{d.number}</div></td>
<td><div class="k">Issue date</div><div>{d.date:%B %-d, %Y}</div></td>
<td><div class="k">Payment due</div><div>{d.due:%B %-d, %Y}</div></td>
<td><div class="k">Billed to</div><div>{d.customer}</div></td></tr></table>
<p>Work performed at unit {d.unit}</p>
<table style="width:100%;margin-top:12px"><tr><th>Item</th><th>Hours</th><th>Price</th><th>Total</th></tr>{rows}</table>
<table style="margin-left:60%;margin-top:12px"><tr><td>Sub-total</td><td>{us(d.subtotal)}</td></tr>
<tr><td>Tax</td><td>{us(d.tax)}</td></tr><tr><td><b>Amount Due</b></td><td><b>{us(d.total)}</b></td></tr></table>"""


def t_european(d: Doc) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td>{x}</td><td style='text-align:right'>{qty(q).replace('.', ',')}</td>"
        f"<td style='text-align:right'>{eu(p)}</td><td style='text-align:right'>{eu(a)}</td></tr>"
        for i, (x, q, p, a) in enumerate(d.lines, start=1)
    )
    return f"""<style>{BASE_CSS % ("DejaVu Serif", 10)}</style>
<div style="text-align:right;font-size:16pt">{d.vendor}</div><div style="text-align:right">{d.address}, 10115 Berlin</div>
<div style="margin-top:30px">{d.customer}<br>Invoice address</div>
<h2>Invoice</h2>
<table><tr><td>Invoice number:</td><td>{d.number}</td></tr><tr><td>Invoice date:</td><td>{d.date:%d.%m.%Y}</td></tr>
<tr><td>Payment due:</td><td>{d.due:%d.%m.%Y}</td></tr></table>
<table style="width:100%;margin-top:16px;border:1px solid #ccc"><tr><th>Pos.</th><th style="text-align:left">Description</th>
<th>Quantity</th><th>Unit price</th><th>Amount</th></tr>{rows}</table>
<table style="margin-left:50%;width:50%;margin-top:10px"><tr><td>Net amount</td><td style="text-align:right">{eu(d.subtotal)}</td></tr>
<tr><td>VAT {d.tax_rate * 100:.0f}%</td><td style="text-align:right">{eu(d.tax)}</td></tr>
<tr><td><b>Total</b></td><td style="text-align:right"><b>{eu(d.total)}</b></td></tr></table>"""


def t_plain(d: Doc) -> str:
    body = [
        d.vendor.upper(),
        d.address,
        "",
        f"BILL # {d.number}          DATED {d.date:%m/%d/%y}",
        f"TO: {d.customer}",
        "",
    ]
    body.append(f"{'QTY':<6}{'DESCRIPTION':<40}{'PRICE':>12}{'TOTAL':>12}")
    for x, q, p, a in d.lines:
        body.append(f"{qty(q):<6}{x:<40}{us(p, False):>12}{us(a, False):>12}")
    body += ["", f"{'':<46}SUBTOTAL {us(d.subtotal, False):>12}", f"{'':<46}TAX      {us(d.tax, False):>12}",
             f"{'':<46}BALANCE DUE {us(d.total):>12}"]  # fmt: skip
    return f"<style>{BASE_CSS % ('DejaVu Sans Mono', 9)}</style><pre>{chr(10).join(body)}</pre>"


def t_long(d: Doc) -> str:
    head = "<tr><th style='text-align:left'>Description</th><th>Qty</th><th>Unit Price</th><th>Line Total</th></tr>"
    rows = "".join(f"<tr><td>{x}</td><td>{qty(q)}</td><td>{us(p)}</td><td>{us(a)}</td></tr>" for x, q, p, a in d.lines)
    return f"""<style>{BASE_CSS % ("DejaVu Sans", 10)} thead{{display:table-header-group}}
@page{{@bottom-center{{content:"Page " counter(page) " of " counter(pages)}}}}</style>
<h1>{d.vendor}</h1><p>{d.address} · Tel 555-0199</p>
<p>Invoice Number: {d.number}<br>Invoice Date: {d.date:%b %d, %Y}<br>Terms: Net 30</p>
<p><b>Sold To:</b> {d.customer}</p>
<table style="width:100%"><thead>{head}</thead><tbody>{rows}</tbody></table>
<table style="margin-left:60%"><tr><td>Subtotal</td><td>{us(d.subtotal)}</td></tr><tr><td>Tax</td><td>{us(d.tax)}</td></tr>
<tr><td>Total Due</td><td>{us(d.total)}</td></tr></table>"""


def t_statement(d: Doc) -> str:
    rows = "".join(
        f"<tr><td>{(d.date - datetime.timedelta(days=7 * i)):%m/%d/%Y}</td><td>{x}</td><td style='text-align:right'>{us(a)}</td></tr>"
        for i, (x, q, p, a) in enumerate(d.lines)
    )
    return f"""<style>{BASE_CSS % ("DejaVu Sans", 10)}</style>
<table style="width:100%"><tr><td style="font-size:20pt;color:#2a7">{d.vendor}</td>
<td style="text-align:right">Statement Date: {d.date:%m/%d/%Y}<br>Reference #: {d.number}</td></tr></table>
<p>Customer: {d.customer}</p>
<table style="width:100%;margin-top:10px"><tr><th style="text-align:left">Date</th><th style="text-align:left">Service</th>
<th style="text-align:right">Amount</th></tr>{rows}</table>
<p style="text-align:right">Subtotal: {us(d.subtotal)}<br>Sales tax: {us(d.tax)}<br><b>Total Due: {us(d.total)}</b></p>"""


def t_amount_only(d: Doc) -> str:
    rows = "".join(f"<tr><td>{x}</td><td style='text-align:right'>{us(a)}</td></tr>" for x, q, p, a in d.lines)
    return f"""<style>{BASE_CSS % ("DejaVu Sans", 11)}</style>
<h2 style="text-align:center">{d.vendor}</h2><p style="text-align:center">{d.address}</p>
<p>Invoice: {d.number}<br>Date: {d.date:%Y-%m-%d}</p><p>Customer: {d.customer}, Unit {d.unit}</p>
<table style="width:100%"><tr><th style="text-align:left">Description</th><th style="text-align:right">Amount</th></tr>{rows}
<tr><td><b>TOTAL</b></td><td style="text-align:right"><b>{us(d.total)}</b></td></tr></table>"""


# held-out templates (not looked at while tuning) ----------------------------------------------------------------


def h_receipt(d: Doc) -> str:
    rows = "".join(f"<div>{qty(q)} x {x} @ {p:.2f} = {a:.2f}</div>" for x, q, p, a in d.lines)
    return f"""<style>{BASE_CSS % ("DejaVu Sans Mono", 10)}</style><div style="width:60%;margin:auto;text-align:center">
<b>{d.vendor}</b><br>{d.address}<br>-----------------------------<br>Receipt / Invoice No: {d.number}<br>
Date: {d.date.isoformat()}<br>-----------------------------<div style="text-align:left">{rows}</div>
-----------------------------<br>Subtotal {d.subtotal:.2f}<br>Tax {d.tax:.2f}<br><b>TOTAL USD {d.total:.2f}</b></div>"""


def h_grid(d: Doc) -> str:
    rows = "".join(f"<tr><td>{qty(q)}</td><td>{x}</td><td>{us(p)}</td><td>{us(a)}</td></tr>" for x, q, p, a in d.lines)
    kv = (("Invoice Number", d.number), ("Invoice Date", f"{d.date:%d %b %Y}"), ("Payment Due", f"{d.due:%d %b %Y}"),
          ("Customer", d.customer))  # fmt: skip
    grid = "".join(f"<tr><td style='background:#eee;width:120px'>{k}</td><td>{v}</td></tr>" for k, v in kv)
    return f"""<style>{BASE_CSS % ("Liberation Serif, serif", 11)} td{{border:1px solid #aaa}}</style>
<div style="font-size:24pt;font-style:italic">{d.vendor}</div><div>{d.address} | info@example.com</div>
<table style="margin-top:20px">{grid}</table>
<table style="width:100%;margin-top:20px"><tr><th>Qty</th><th>Description</th><th>Unit Cost</th><th>Line Total</th></tr>{rows}
<tr><td></td><td></td><td>Sub Total</td><td>{us(d.subtotal)}</td></tr><tr><td></td><td></td><td>Tax</td><td>{us(d.tax)}</td></tr>
<tr><td></td><td></td><td>Grand Total</td><td>{us(d.total)}</td></tr></table>"""


def h_ticket(d: Doc) -> str:
    labor = [ln for ln in d.lines[: max(1, len(d.lines) // 2)]]
    parts = [ln for ln in d.lines[len(labor) :]]

    def table(title, items):
        if not items:
            return ""
        rows = "".join(
            f"<tr><td>{x}</td><td>{qty(q)}</td><td>{p:,.2f}</td><td>{a:,.2f}</td></tr>" for x, q, p, a in items
        )
        return f"<h4>{title}</h4><table style='width:100%'><tr><th style='text-align:left'>Description</th><th>Qty</th><th>Rate</th><th>Ext.</th></tr>{rows}</table>"

    return f"""<style>{BASE_CSS % ("DejaVu Sans", 9)}</style>
<table style="width:100%;border-bottom:3px double #000"><tr><td><b style="font-size:15pt">{d.vendor}</b><br>{d.address}</td>
<td style="text-align:right">SERVICE TICKET / INVOICE<br>Ticket #: {d.number}<br>Date of Service: {d.date:%m-%d-%Y}<br>
Work Order: {d.wo}</td></tr></table><p>Customer: {d.customer} — Unit {d.unit}</p>
{table("Labor", labor)}{table("Parts & Materials", parts)}
<p style="text-align:right">Sub-Total: {d.subtotal:,.2f}<br>Sales Tax: {d.tax:,.2f}<br><b>Invoice Total: ${d.total:,.2f}</b></p>"""


def h_dashes(d: Doc) -> str:
    rows = "".join(
        f"<tr><td>{x}</td><td>{qty(q)}</td><td>USD {p:,.2f}</td><td>USD {a:,.2f}</td></tr>" for x, q, p, a in d.lines
    )
    return f"""<style>{BASE_CSS % ("DejaVu Sans Condensed, DejaVu Sans", 10)}</style>
<p style="font-size:18pt">{d.vendor}</p><p>Inv No {d.number} &nbsp;&nbsp; Inv Date {d.date:%d-%b-%Y} &nbsp;&nbsp; Due {d.due:%d-%b-%Y}</p>
<p>Client: {d.customer}</p>
<table style="width:100%"><tr><th style="text-align:left">Particulars</th><th>Qty</th><th>Rate</th><th>Amount</th></tr>{rows}</table>
<p>Net total USD {d.subtotal:,.2f}<br>Tax USD {d.tax:,.2f}<br>Amount payable USD {d.total:,.2f}</p>"""


def h_multipage_noheader(d: Doc) -> str:
    rows = "".join(f"<tr><td>{x}</td><td>{qty(q)}</td><td>{us(p)}</td><td>{us(a)}</td></tr>" for x, q, p, a in d.lines)
    return f"""<style>{BASE_CSS % ("DejaVu Serif", 11)} thead{{display:table-row-group}}
@page{{@top-right{{content:"{d.vendor} — invoice {d.number} — page " counter(page) "/" counter(pages)}}}}</style>
<h1>{d.vendor}</h1><p>Invoice # {d.number}<br>Date: {d.date:%B %d, %Y}</p><p>Bill to: {d.customer}</p>
<table style="width:100%"><tr><th style="text-align:left">Work Description</th><th>Qty</th><th>Unit Price</th><th>Amount</th></tr>{rows}</table>
<p style="text-align:right">Subtotal {us(d.subtotal)}<br>Tax {us(d.tax)}<br>Total {us(d.total)}</p>"""


def t_sku(d: Doc) -> str:
    rows = "".join(
        f"<tr><td>{1000 + i * 7}</td><td>{x}</td><td>{qty(q)}</td><td>{p:,.2f}</td><td>{a:,.2f}</td></tr>"
        for i, (x, q, p, a) in enumerate(d.lines)
    )
    return f"""<style>{BASE_CSS % ("DejaVu Sans", 9)} td,th{{border:1px solid #444}}</style>
<table style="width:100%"><tr><td style="border:0"><b style="font-size:16pt">{d.vendor}</b><br>{d.address}<br>Fax 555-0100</td>
<td style="border:0;text-align:right"><b>INVOICE</b><br>Number: {d.number}<br>Date: {d.date:%m/%d/%Y}<br>PO #: 55{d.number[-3:]}</td></tr></table>
<p>Ship To: {d.customer}</p>
<table style="width:100%"><tr><th>Item Code</th><th>Description</th><th>Qty</th><th>Unit Price</th><th>Ext. Price</th></tr>{rows}</table>
<table style="margin-left:60%"><tr><td>Subtotal</td><td>{d.subtotal:,.2f}</td></tr><tr><td>Shipping</td><td>0.00</td></tr>
<tr><td>Sales Tax</td><td>{d.tax:,.2f}</td></tr><tr><td>TOTAL USD</td><td>{d.total:,.2f}</td></tr></table>"""


def t_title_number(d: Doc) -> str:
    rows = "".join(
        f"<tr><td>{x}<br><small>Per work order, completed on site</small></td><td>{us(a)}</td></tr>"
        for x, q, p, a in d.lines
    )
    return f"""<style>{BASE_CSS % ("Liberation Sans, sans-serif", 10)}</style>
<div style="text-align:right;font-size:22pt">INVOICE #{d.number}</div>
<div style="font-size:13pt"><b>{d.vendor}</b></div><div>{d.address}</div>
<p>{d.date:%A, %B %-d, %Y}</p><p>Prepared for: {d.customer} — {d.unit}</p>
<table style="width:100%"><tr><th style="text-align:left">Services Rendered</th><th style="text-align:right">Charges</th></tr>{rows}</table>
<p style="text-align:right">Total before tax: {us(d.subtotal)}<br>Tax: {us(d.tax)}<br>Please pay: {us(d.total)}</p>"""


def t_gst(d: Doc) -> str:
    gst = q2(d.subtotal * Decimal("0.05"))
    pst = d.total - d.subtotal - gst
    rows = "".join(f"<tr><td>{x}</td><td>{qty(q)}</td><td>{us(p)}</td><td>{us(a)}</td></tr>" for x, q, p, a in d.lines)
    return f"""<style>{BASE_CSS % ("DejaVu Sans", 10)}</style>
<h2>{d.vendor}</h2><p>GST No. 81234 5678 RT0001</p>
<table><tr><td>Invoice:</td><td>{d.number}</td></tr><tr><td>Invoice Date:</td><td>{d.date:%Y/%m/%d}</td></tr>
<tr><td>Terms:</td><td>Due on receipt</td></tr></table><p>Customer: {d.customer}</p>
<table style="width:100%"><tr><th style="text-align:left">Description</th><th>Qty</th><th>Price</th><th>Amount</th></tr>{rows}</table>
<p style="text-align:right">Subtotal {us(d.subtotal)}<br>GST 5% {us(gst)}<br>PST {us(pst)}<br>Total CAD {us(d.total)}</p>"""


def t_remit_bottom(d: Doc) -> str:
    rows = "".join(f"<tr><td>{qty(q)}</td><td>{x}</td><td>{us(p)}</td><td>{us(a)}</td></tr>" for x, q, p, a in d.lines)
    return f"""<style>{BASE_CSS % ("DejaVu Serif", 10)}</style>
<div style="display:flex;justify-content:space-between"><div><b>Invoice to</b><br>{d.customer}<br>Attn: Accounts Payable</div>
<div style="text-align:right">Inv #: {d.number}<br>Issued: {d.date:%b %-d %Y}<br>Due: {d.due:%b %-d %Y}</div></div>
<table style="width:100%;margin-top:20px"><tr><th>Qty</th><th style="text-align:left">Item</th><th>Each</th><th>Total</th></tr>{rows}</table>
<p style="text-align:right">Amount due {us(d.total)}</p>
<hr><p>Please remit payment to: {d.vendor}, {d.address}</p>"""


TEMPLATES = {
    # name: (set, function, lines range or fixed, as image?)
    "classic": ("tuning", t_classic, None, False),
    "modern": ("tuning", t_modern, None, False),
    "european": ("tuning", t_european, None, False),
    "plain": ("tuning", t_plain, None, False),
    "long": ("tuning", t_long, 40, False),
    "statement": ("tuning", t_statement, None, False),
    "amount_only": ("tuning", t_amount_only, None, False),
    "classic_scan": ("tuning", t_classic, None, True),
    "sku": ("tuning", t_sku, None, False),
    "title_number": ("tuning", t_title_number, None, False),
    "gst": ("tuning", t_gst, None, False),
    "remit_bottom": ("tuning", t_remit_bottom, None, False),
    "modern_scan": ("tuning", t_modern, None, True),
    "receipt": ("heldout", h_receipt, None, False),
    "grid": ("heldout", h_grid, None, False),
    "ticket": ("heldout", h_ticket, 4, False),
    "dashes": ("heldout", h_dashes, None, False),
    "multipage": ("heldout", h_multipage_noheader, 45, False),
    "grid_photo": ("heldout", h_grid, None, True),
}


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html><body>{html}</body></html>").write_pdf()


def _scan(pdf: bytes, rng: random.Random) -> bytes:
    """The first page photographed: rendered at 150 dpi, slightly rotated, grey paper, noise, a little blur."""
    import pypdfium2
    from PIL import Image, ImageFilter

    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=150 / 72).to_pil().convert("L")
    image = image.rotate(rng.uniform(-1.5, 1.5), expand=True, fillcolor=235)
    noise = Image.effect_noise(image.size, 28)
    image = Image.blend(image, noise, 0.12).filter(ImageFilter.GaussianBlur(0.6))
    image = image.point(lambda v: int(v * 0.9 + 12))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def render(template: str, d: Doc) -> bytes:
    """One invoice as a PDF in the layout of `template` (a key of TEMPLATES)."""
    return _pdf(TEMPLATES[template][1](d))


def generate(out_dir: Path, *, per_template: int = 3, seed: int = 2026) -> list[dict]:
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    docs = []
    for name, (which, fn, n_lines, as_image) in TEMPLATES.items():
        count = per_template if not as_image else 2
        for i in range(count):
            d = Doc(rng, n_lines=n_lines)
            pdf = _pdf(fn(d))
            doc_id = f"{name}-{i + 1}"
            if as_image:
                path = out_dir / f"{doc_id}.png"
                path.write_bytes(_scan(pdf, rng))
            else:
                path = out_dir / f"{doc_id}.pdf"
                path.write_bytes(pdf)
            docs.append({"id": doc_id, "set": which, "template": name, "file": path.name, **d.expected()})
    return docs


KNOWN_VENDORS = [name for name, _ in VENDORS]
