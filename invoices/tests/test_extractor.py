"""The offline invoice extractor (pure): amounts, dates, labels in several phrasings, line-item tables across pages,
the vendor (fuzzy, never the bill-to customer), arithmetic cross-checks, splitting a file into invoices."""

import datetime
from decimal import Decimal

import pytest

from invoices.extractor import (
    Cell,
    DateStyle,
    Line,
    NumberStyle,
    dates_in,
    extract,
    match_vendor,
    pages_from_text,
    parse_amount,
    split_invoices,
)


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("$1,234.56", NumberStyle(), "1234.56"),
        ("1,234", NumberStyle(), "1234"),
        ("USD 2,500.00", NumberStyle(), "2500.00"),
        ("1.234,56 €", NumberStyle(decimal_comma=True), "1234.56"),
        ("12,50", NumberStyle(decimal_comma=True), "12.50"),
        ("(45.00)", NumberStyle(), "-45.00"),
        ("$ 99", NumberStyle(), "99"),
        ("abc", NumberStyle(), None),
    ],
)
def test_amounts(text, style, expected):
    value = parse_amount(text, style)
    assert (str(value) if value is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("2026-03-15", DateStyle(), datetime.date(2026, 3, 15)),
        ("03/15/2026", DateStyle(), datetime.date(2026, 3, 15)),
        ("3/5/26", DateStyle(), datetime.date(2026, 3, 5)),
        ("05/03/2026", DateStyle(day_first=True), datetime.date(2026, 3, 5)),
        ("15.03.2026", DateStyle(), datetime.date(2026, 3, 15)),
        ("March 15, 2026", DateStyle(), datetime.date(2026, 3, 15)),
        ("Mar. 5th, 2026", DateStyle(), datetime.date(2026, 3, 5)),
        ("15 Mar 2026", DateStyle(), datetime.date(2026, 3, 15)),
        ("15-Mar-26", DateStyle(), datetime.date(2026, 3, 15)),
        ("2nd of April 2026", DateStyle(), datetime.date(2026, 4, 2)),
    ],
)
def test_dates(text, style, expected):
    assert dates_in(text, style)[0][0] == expected


def test_a_document_with_a_day_first_date_reads_all_its_dates_day_first():
    text = "Invoice No: 88\nInvoice date: 05/03/2026\nDue: 25/03/2026\nTotal: 10.00"
    result = extract(pages_from_text(text))
    assert result["invoice_date"] == "2026-03-05" and result["due_date"] == "2026-03-25"


LAYOUT_A = """ACME PLUMBING & DRAIN LLC
12 Water St, Tacoma, WA 98402

Bill To:                                   INVOICE
Cedar Point Homes                          Invoice No.:   INV-20931
PO Box 7                                   Date:          04/02/2026
                                           Due Date:      05/02/2026
                                           Work Order:    WO-0000451
Service address: Unit B-12

Description                      Qty       Rate        Amount
Replace wax ring                 1         $85.00      $85.00
Labor                            2.5       $90.00      $225.00
Subtotal                                               $310.00
Sales Tax (10%)                                        $31.00
Total Due                                              $341.00
"""

LAYOUT_B = """Greenway Landscape Services
Statement date: 14 January 2026       Reference #: 7781

Service                                Amount
Weekly mowing and edging               1.200,00 €
Shrub trimming                           350,50 €

Net amount                              1.550,50 €
VAT 20%                                   310,10 €
Total EUR                               1.860,60 €
"""


def test_labelled_fields_in_one_layout():
    r = extract(pages_from_text(LAYOUT_A), known_vendors=["Acme Plumbing and Drain", "Greenway Landscape"])
    assert r["vendor_name"] == "ACME PLUMBING & DRAIN LLC" and r["matched_vendor_name"] == "Acme Plumbing and Drain"
    assert r["invoice_number"] == "INV-20931"
    assert (r["invoice_date"], r["due_date"]) == ("2026-04-02", "2026-05-02")
    assert r["work_order_reference"] == "WO-0000451" and r["unit"] == "B-12"
    assert (r["subtotal"], r["tax"], r["total"]) == ("310.00", "31.00", "341.00")
    assert [(li["description"], li["quantity"], li["unit_price"], li["total"]) for li in r["line_items"]] == [
        ("Replace wax ring", "1", "85.00", "85.00"),
        ("Labor", "2.5", "90.00", "225.00"),
    ]
    assert all(c["ok"] for c in r["checks"]) and r["field_confidence"]["total"] > 0.9


def test_another_phrasing_decimal_commas_and_no_known_vendor():
    r = extract(pages_from_text(LAYOUT_B))
    assert r["vendor_name"] == "Greenway Landscape Services"
    assert r["invoice_number"] == "7781" and r["invoice_date"] == "2026-01-14"
    assert (r["subtotal"], r["tax"], r["total"]) == ("1550.50", "310.10", "1860.60")
    assert [li["total"] for li in r["line_items"]] == ["1200.00", "350.50"]
    assert r["currency"] == "EUR"


def test_the_customer_in_the_bill_to_block_is_never_the_vendor():
    text = "INVOICE\nBill To:\nSunrise Property Management LLC\n\nFrom: Bright Spark Electric Inc\nInvoice # 5\nTotal $20.00"
    assert extract(pages_from_text(text))["vendor_name"] == "Bright Spark Electric Inc"


def test_line_items_continue_across_pages_with_a_repeated_header():
    rows = [f"Item number {i:02d}      1      10.00      10.00" for i in range(1, 31)]
    page1 = "Fixit Co\nInvoice #: 42\nDate: 2026-02-01\nDescription   Qty   Price   Amount\n" + "\n".join(rows[:18])
    page1 += "\nContinued on next page\nPage 1 of 2"
    page2 = "Fixit Co — Invoice 42 (continued)\nDescription   Qty   Price   Amount\n" + "\n".join(rows[18:])
    page2 += "\nSubtotal   300.00\nTotal   300.00\nPage 2 of 2"
    pages = pages_from_text(page1 + "\f" + page2)
    r = extract(pages)
    assert len(r["line_items"]) == 30 and r["total"] == "300.00"
    assert r["checks"][0] == {"check": "lines_sum_to_subtotal", "ok": True, "detail": "lines 300.00 vs subtotal 300.00"}
    assert split_invoices(pages) == [(1, 2)]


def test_arithmetic_that_does_not_hold_lowers_confidence():
    good = extract(
        pages_from_text("Invoice # 1\nDescription   Qty   Rate   Amount\nA   2   10.00   20.00\nTotal 20.00")
    )
    bad = extract(
        pages_from_text(
            "Invoice # 1\nDescription   Qty   Rate   Amount\nA   2   10.00   25.00\nSubtotal 30.00\nTotal 20.00"
        )
    )
    assert good["line_items"][0]["confidence"] > bad["line_items"][0]["confidence"]
    assert any(not c["ok"] for c in bad["checks"])


def test_the_total_is_chosen_so_the_arithmetic_holds():
    text = "Invoice # 9\nSubtotal 100.00\nTax 8.00\nTotal 108.00\nPrevious balance 50.00\nBalance due 108.00"
    r = extract(pages_from_text(text))
    assert (r["subtotal"], r["tax"], r["total"]) == ("100.00", "8.00", "108.00")


def test_several_invoices_in_one_file_are_split_by_their_pages():
    one = "Vendor A\nInvoice #: A-1\nTotal 10.00\nPage 1 of 1"
    two = "Vendor A\nInvoice #: A-2\nTotal 20.00\nPage 1 of 2"
    two_b = "Vendor A\nInvoice #: A-2\nlines continue\nPage 2 of 2"
    assert split_invoices(pages_from_text("\f".join([one, two, two_b]))) == [(1, 1), (2, 3)]


def test_positions_give_locations_and_columns():
    def line(y, *cells):
        return Line(cells=tuple(Cell(t, x0=x, x1=x + 8 * len(t), size=10) for x, t in cells), page=1, top=y,
                    bottom=y + 10, page_width=600, page_height=800)  # fmt: skip

    pages = [[
        line(40, (40, "Northwind Pest Control")),
        line(80, (40, "Invoice Number"), (300, "NW-88")),
        line(100, (40, "Date"), (300, "2026-05-01")),
        line(140, (40, "Description"), (300, "Hours"), (380, "Rate"), (470, "Total")),
        line(160, (40, "Roach treatment"), (310, "2"), (380, "60.00"), (470, "120.00")),
        line(200, (380, "Total"), (470, "120.00")),
    ]]  # fmt: skip
    r = extract(pages)
    assert r["invoice_number"] == "NW-88" and r["total"] == "120.00"
    assert r["line_items"][0]["quantity"] == "2" and r["line_items"][0]["unit_price"] == "60.00"
    assert r["field_locations"]["invoice_number"] == {"page": 1, "bbox": [0.5, 0.1, 0.5667, 0.1125]}


def test_fuzzy_vendor_match_ignores_suffixes_and_punctuation():
    assert match_vendor("ProFlow Plumbing, L.L.C.", ["Proflow Plumbing", "Bright Electric"])[0] == "Proflow Plumbing"
    assert match_vendor("Totally Different Co", ["Proflow Plumbing"])[0] is None
    assert Decimal(str(match_vendor("Pro-Flow Plumbing", ["ProFlow Plumbing"])[1])) > Decimal("0.85")
