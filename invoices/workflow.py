"""An invoice's life (pure: no Django, no clock — `today` comes in): which moves exist and what each needs.

    processing --approve (approve-extraction)--> approved      (3.2: uploaded, read by AI, reviewed)
        +--reject--> rejected
        +--to received (enter it by hand after all)
    received --approve--> approved --pay--> paid (final)
        |                    |   \\
        +------reject--------+    +--back to received (a correction is needed: note required)
                  |
               rejected --reopen--> received (the vendor sent a corrected bill: note required)

- Approving needs a vendor, at least one line item and a total above zero.
- Rejecting needs a reason (`note`).
- Paying needs the day the payment went out (`paid_date`, default today in the service): not after today and not
  before the invoice's date. A payment reference (check or ACH number) is kept when given.
- A paid invoice is final: a refund or a correction is a new document, not an edit of what was paid.
- Only a received invoice can be edited (its lines replaced); approval freezes the amounts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

PROCESSING, RECEIVED, APPROVED, PAID, REJECTED = "processing", "received", "approved", "paid", "rejected"
STATUSES = (PROCESSING, RECEIVED, APPROVED, PAID, REJECTED)
LABELS = {PROCESSING: "processing", RECEIVED: "received", APPROVED: "approved", PAID: "paid", REJECTED: "rejected"}

# from -> the statuses it may move to, in the order a screen offers them
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PROCESSING: (APPROVED, REJECTED, RECEIVED),
    RECEIVED: (APPROVED, REJECTED),
    APPROVED: (PAID, REJECTED, RECEIVED),
    REJECTED: (RECEIVED,),
    PAID: (),
}
EDITABLE = frozenset({PROCESSING, RECEIVED})
NOTE_MAX = 2000
REFERENCE_MAX = 100


@dataclass(frozen=True, slots=True)
class InvoiceFacts:
    """What the rules need to know about one invoice."""

    status: str
    has_vendor: bool
    line_count: int
    total: Decimal
    invoice_date: datetime.date


@dataclass(frozen=True, slots=True)
class Move:
    """A requested transition and what came with it."""

    to: str
    note: str = ""
    paid_date: datetime.date | None = None
    payment_reference: str = ""


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a move is refused: a sentence for the person, the field it concerns (or ""), and whether the move
    itself does not exist (`illegal`) or only its conditions are not met."""

    message: str
    field: str = ""
    illegal: bool = False


def allowed_transitions(status: str) -> list[str]:
    return list(TRANSITIONS.get(status, ()))


def is_editable(status: str) -> bool:
    return status in EDITABLE


def _illegal(facts: InvoiceFacts, to: str) -> Refusal:
    here = LABELS.get(facts.status, facts.status)
    if to == facts.status:
        return Refusal(f"The invoice is already {here}.", "status", illegal=True)
    allowed = allowed_transitions(facts.status)
    if not allowed:
        return Refusal(f"A {here} invoice is final: it can't become {LABELS.get(to, to)}.", "status", illegal=True)
    options = " or ".join(LABELS[s] for s in allowed)
    return Refusal(
        f"A {here} invoice can't become {LABELS.get(to, to)}; it can become {options}.", "status", illegal=True
    )


def transition_refusal(facts: InvoiceFacts, move: Move, *, today: datetime.date) -> Refusal | None:
    """None when `move` may happen now; else why not."""
    if move.to not in STATUSES or move.to not in TRANSITIONS.get(facts.status, ()):
        return _illegal(facts, move.to)
    note = move.note.strip()
    if len(note) > NOTE_MAX:
        return Refusal(f"The note is too long (at most {NOTE_MAX:,} characters).", "note")
    if move.to == APPROVED:
        if not facts.has_vendor:
            return Refusal("Choose the vendor before approving the invoice.", "vendor")
        if facts.line_count < 1:
            return Refusal("Add at least one line item before approving the invoice.", "line_items")
        if facts.total <= 0:
            return Refusal("An invoice with a total of $0.00 can't be approved; reject it or correct the lines.")
    if move.to == REJECTED and not note:
        return Refusal("Say why the invoice is rejected (note); the vendor will ask.", "note")
    if move.to == RECEIVED and facts.status == PROCESSING:
        return None  # taken out of the AI queue to be entered by hand: nothing is undone
    if move.to == RECEIVED and not note:
        what = "re-opening a rejected invoice" if facts.status == REJECTED else "sending an approved invoice back"
        return Refusal(f"Say why you are {what} (note).", "note")
    if move.to == PAID:
        if move.paid_date is None:
            return Refusal("Give the day the payment went out (paid_date).", "paid_date")
        if move.paid_date > today:
            return Refusal(
                f"The payment date can't be in the future (got {move.paid_date:%Y-%m-%d}, today is {today:%Y-%m-%d}).",
                "paid_date",
            )
        if move.paid_date < facts.invoice_date:
            return Refusal(
                f"The payment date ({move.paid_date:%Y-%m-%d}) is before the invoice date "
                f"({facts.invoice_date:%Y-%m-%d}).",
                "paid_date",
            )
        if len(move.payment_reference.strip()) > REFERENCE_MAX:
            return Refusal(
                f"The payment reference is too long (at most {REFERENCE_MAX} characters).", "payment_reference"
            )
    return None
