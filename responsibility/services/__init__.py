"""Writes of the responsibility review, by topic: determinations (the engine, the nightly agent) and charges
(the coordinator's decision, billing, disputes, the tenant's signed link)."""

from responsibility.services.charges import (
    charge_bill,
    charge_dispute,
    charge_dispute_token,
    charge_dispute_token_check,
    charge_pay,
    charge_resolve,
    responsibility_confirm,
    responsibility_waive,
)
from responsibility.services.determinations import (
    responsibility_assess,
    responsibility_determine_pending,
    work_order_determine,
)

__all__ = [
    "charge_bill",
    "charge_dispute",
    "charge_dispute_token",
    "charge_dispute_token_check",
    "charge_pay",
    "charge_resolve",
    "responsibility_assess",
    "responsibility_confirm",
    "responsibility_determine_pending",
    "responsibility_waive",
    "work_order_determine",
]
