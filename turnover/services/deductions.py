"""Deposit deductions (spec 2.1 "Deposit Deduction Calculation"): add, approve, delete, and the case's totals
recomputed from them through the pure turnover.deposit (depreciation by remaining life, half-up per line,
refund never negative and the rest a balance owed). Once the letter is sent the deductions are final."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.fields import parse_money
from turnover import deposit as rules
from turnover.models import TurnoverCase, TurnoverDeduction
from turnover.services._common import lock
from units.useful_life import LIFE_TABLE, life_years

AMOUNT_MAX = Decimal("50000.00")  # one deduction line (docs/decisions.md)
AGE_MAX = Decimal("100")


def _check_open(case: TurnoverCase) -> None:
    if case.letter_sent_at is not None:
        raise ApplicationError("The deduction letter has been sent: the deductions are final.")


def deduction_rule(d: TurnoverDeduction) -> rules.Deduction:
    return rules.Deduction(
        category=d.category,
        amount=d.amount,
        approved=d.approved,
        description=d.description,
        life_item=d.life_item or None,
        age_years=d.item_age_years,
        life_years=d.useful_life_years,
    )


def case_disposition(case: TurnoverCase, deductions=None) -> rules.Disposition:
    rows = list(deductions if deductions is not None else case.deductions.order_by("created_at"))
    return rules.deposit_disposition(
        security_deposit=case.security_deposit, deductions=[deduction_rule(d) for d in rows]
    )


def case_totals_refresh(case: TurnoverCase) -> TurnoverCase:
    """Stores the disposition's totals on the case (one read, one UPDATE)."""
    result = case_disposition(case)
    case.total_deductions = result.total_deductions
    case.refund_amount = result.refund_amount
    case.balance_owed = result.balance_owed
    TurnoverCase.objects.filter(pk=case.pk).update(
        total_deductions=case.total_deductions,
        refund_amount=case.refund_amount,
        balance_owed=case.balance_owed,
        updated_at=timezone.now(),
    )
    return case


def deduction_add(
    *,
    case: TurnoverCase,
    category: str,
    description: str,
    amount,
    life_item: str = "",
    item_age_years=None,
    photo=None,
    ai_detected: bool = False,
    approved: bool = False,
) -> TurnoverDeduction:
    """Adds a deduction line: amount a positive Decimal (at most $50,000.00, whole cents); a useful-life item
    with its age (both or neither) is charged by the life left."""
    if category not in TurnoverDeduction.Category.values:
        raise ApplicationError(f"Unknown deduction category '{category}'.", extra={"field": "category"})
    description = (description or "").strip()
    if not description:
        raise ApplicationError("A deduction needs a description.", extra={"field": "description"})
    if len(description) > 200:
        raise ApplicationError("The description can be at most 200 characters.", extra={"field": "description"})
    try:
        value = parse_money(amount, label="The amount", max_value=AMOUNT_MAX)
    except ApplicationError as exc:
        raise ApplicationError(exc.message, extra={"field": "amount"}) from exc
    life_item = life_item or ""
    if life_item and life_item not in LIFE_TABLE:
        raise ApplicationError(f"Unknown useful-life item '{life_item}'.", extra={"field": "life_item"})
    if bool(life_item) != (item_age_years is not None):
        raise ApplicationError(
            "A replacement with a useful life needs both the item and its age.", extra={"field": "item_age_years"}
        )
    age = None
    if item_age_years is not None:
        age = Decimal(str(item_age_years))
        if not age.is_finite() or age < 0 or age > AGE_MAX or age != age.quantize(Decimal("0.01")):
            raise ApplicationError(
                "The item's age must be 0 to 100 years, at most 2 decimals.", extra={"field": "item_age_years"}
            )
    life = life_years(life_item) if life_item else None
    line = rules.deduction_line(
        rules.Deduction(category=category, amount=value, approved=approved, life_item=life_item or None, age_years=age)
    )
    with transaction.atomic():
        case = lock(case)
        _check_open(case)
        row = TurnoverDeduction.objects.create(
            case=case,
            category=category,
            description=description,
            amount=value,
            life_item=life_item,
            item_age_years=age,
            useful_life_years=life,
            chargeable_amount=line.chargeable,
            photo=photo,
            ai_detected=bool(ai_detected),
            approved=bool(approved),
        )
        case_totals_refresh(case)
    return row


def deduction_approve(*, deduction: TurnoverDeduction, approved: bool = True) -> TurnoverDeduction:
    with transaction.atomic():
        case = lock(deduction.case)
        _check_open(case)
        TurnoverDeduction.objects.filter(pk=deduction.pk).update(approved=approved, updated_at=timezone.now())
        deduction.approved = approved
        case_totals_refresh(case)
    return deduction


def deduction_delete(*, deduction: TurnoverDeduction) -> None:
    with transaction.atomic():
        case = lock(deduction.case)
        _check_open(case)
        TurnoverDeduction.objects.filter(pk=deduction.pk).delete()
        case_totals_refresh(case)
