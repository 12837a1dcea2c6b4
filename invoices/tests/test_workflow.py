"""The invoice's transition table and what each move needs (pure: no database)."""

import datetime
from decimal import Decimal

import pytest

from invoices import workflow as wf

TODAY = datetime.date(2026, 3, 15)


def facts(status="received", *, vendor=True, lines=2, total="250.00", invoice_date=datetime.date(2026, 3, 1)):
    return wf.InvoiceFacts(
        status=status, has_vendor=vendor, line_count=lines, total=Decimal(total), invoice_date=invoice_date
    )


def refusal(status, to, **kw):
    f = kw.pop("facts", None) or facts(status)
    return wf.transition_refusal(f, wf.Move(to=to, **kw), today=TODAY)


def test_the_table():
    assert wf.allowed_transitions("received") == ["approved", "rejected"]
    assert wf.allowed_transitions("approved") == ["paid", "rejected", "received"]
    assert wf.allowed_transitions("rejected") == ["received"]
    assert wf.allowed_transitions("paid") == []
    assert wf.allowed_transitions("pending") == []  # the old status is gone
    assert wf.is_editable("received") and not any(wf.is_editable(s) for s in ("approved", "paid", "rejected"))


@pytest.mark.parametrize(
    ("status", "to"),
    [("received", "paid"), ("rejected", "approved"), ("rejected", "paid"), ("paid", "received"), ("paid", "rejected")],
)
def test_moves_outside_the_table_are_illegal(status, to):
    r = refusal(status, to, note="why", paid_date=TODAY)
    assert r is not None and r.illegal and r.field == "status"


def test_illegal_messages_say_where_it_can_go():
    assert (
        refusal("received", "paid").message
        == "A received invoice can't become paid; it can become approved or rejected."
    )
    assert refusal("paid", "received", note="x").message == "A paid invoice is final: it can't become received."
    assert refusal("approved", "approved").message == "The invoice is already approved."
    assert refusal("received", "nonsense").illegal


def test_approve_needs_a_vendor_lines_and_a_total():
    assert refusal("received", "approved") is None
    assert refusal("received", "approved", facts=facts(vendor=False)).field == "vendor"
    assert refusal("received", "approved", facts=facts(lines=0)).field == "line_items"
    assert "$0.00" in refusal("received", "approved", facts=facts(total="0.00")).message


def test_reject_and_moves_back_need_a_note():
    assert refusal("received", "rejected").field == "note"
    assert refusal("received", "rejected", note="   ").field == "note"
    assert refusal("received", "rejected", note="Duplicate of INV-7") is None
    assert refusal("approved", "rejected", note="Work not done") is None
    assert "sending an approved invoice back" in refusal("approved", "received").message
    assert "re-opening a rejected invoice" in refusal("rejected", "received").message
    assert refusal("rejected", "received", note="Corrected bill") is None
    assert refusal("received", "rejected", note="x" * 2001).field == "note"


def test_pay_needs_a_sane_payment_date():
    assert refusal("approved", "paid").field == "paid_date"
    assert refusal("approved", "paid", paid_date=TODAY) is None
    assert refusal("approved", "paid", paid_date=datetime.date(2026, 3, 1)) is None  # the invoice's own day
    future = refusal("approved", "paid", paid_date=TODAY + datetime.timedelta(days=1))
    assert future.field == "paid_date" and "future" in future.message
    early = refusal("approved", "paid", paid_date=datetime.date(2026, 2, 28))
    assert early.field == "paid_date" and "before the invoice date" in early.message
    assert refusal("approved", "paid", paid_date=TODAY, payment_reference="x" * 101).field == "payment_reference"
