"""Ledger writes used by feature apps (collections records payments here, never on the model directly),
plus the set-based "which charges are still unpaid" read both need.

Payments settle the oldest charges first (the rule `tenants.balances` uses for "overdue"): charges are
ordered by (due_date, trans_date, id) and a tenant's payments + credits fill them in that order.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value, Window
from django.db.models.expressions import RowRange
from django.db.models.functions import Coalesce

from core.exceptions import ApplicationError
from tenants.models import TenantLease, TenantLedgerEntry, Tenants

T = TenantLedgerEntry.TransType
ZERO = Decimal("0.00")
CENT = Decimal("0.01")
_MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class UnpaidCharge:
    id: object
    tenant_id: object
    lease_id: object
    charge_code: str
    due_date: datetime.date
    amount: Decimal
    unpaid: Decimal  # the part of `amount` no payment/credit has covered yet


def ledger_unpaid_charges(*, tenant_ids, due_before: datetime.date | None = None) -> dict:
    """{tenant_id: [UnpaidCharge, oldest first]} in one query (a running sum per tenant, compared with the
    tenant's payments + credits). `due_before` keeps only charges due before that date (the overdue ones)."""
    paid = (
        TenantLedgerEntry.objects.filter(tenant_id=OuterRef("tenant_id"), trans_type__in=[T.PAYMENT, T.CREDIT])
        .order_by()
        .values("tenant_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    qs = (
        TenantLedgerEntry.objects.filter(tenant_id__in=list(tenant_ids), trans_type=T.CHARGE, due_date__isnull=False)
        .annotate(
            running=Window(
                Sum("amount"),
                partition_by=[F("tenant_id")],
                order_by=[F("due_date").asc(), F("trans_date").asc(), F("id").asc()],
                frame=RowRange(start=None, end=0),
                output_field=_MONEY,
            ),
            paid_total=Coalesce(Subquery(paid, output_field=_MONEY), Value(ZERO), output_field=_MONEY),
        )
        .filter(running__gt=F("paid_total"))
    )
    if due_before is not None:
        qs = qs.filter(due_date__lt=due_before)
    rows = qs.order_by("tenant_id", "due_date", "trans_date", "id").values_list(
        "id", "tenant_id", "lease_id", "charge_code", "due_date", "amount", "running", "paid_total"
    )
    out: dict = {}
    for id_, tenant_id, lease_id, code, due, amount, running, paid_total in rows:
        unpaid = min(amount, running - paid_total).quantize(CENT)
        out.setdefault(tenant_id, []).append(UnpaidCharge(id_, tenant_id, lease_id, code, due, amount, unpaid))
    return out


def ledger_payment_record(
    *,
    tenant: Tenants,
    lease: TenantLease | None,
    amount: Decimal,
    trans_date: datetime.date,
    reference: str = "",
    description: str = "Payment",
) -> list[TenantLedgerEntry]:
    """Records a payment on the tenant's ledger, applied to the oldest unpaid charges: one Payment entry per
    charge it settles (each with `applies_to` and that charge's `due_date`, as the ledger model expects);
    anything beyond the unpaid charges is a Payment on account (no `applies_to`). Returns the entries."""
    amount = Decimal(amount)
    if amount <= 0:
        raise ApplicationError("Payment must be greater than zero.")
    if amount != amount.quantize(CENT):
        raise ApplicationError("A payment cannot have fractions of a cent.")
    with transaction.atomic():
        Tenants.objects.select_for_update().filter(pk=tenant.pk).first()  # serialises payments per tenant
        charges = ledger_unpaid_charges(tenant_ids=[tenant.pk]).get(tenant.pk, [])
        left = amount
        entries = []
        for charge in charges:
            if left <= 0:
                break
            part = min(left, charge.unpaid)
            entries.append(
                _payment(
                    tenant,
                    lease,
                    charge.lease_id,
                    part,
                    trans_date,
                    reference,
                    description,
                    applies_to_id=charge.id,
                    due_date=charge.due_date,
                    charge_code=charge.charge_code,
                )
            )
            left -= part
        if left > 0:
            entries.append(
                _payment(tenant, lease, None, left, trans_date, reference, description or "Payment on account")
            )
        return TenantLedgerEntry.objects.bulk_create(entries)


def _payment(
    tenant,
    lease,
    charge_lease_id,
    amount,
    trans_date,
    reference,
    description,
    *,
    applies_to_id=None,
    due_date=None,
    charge_code=TenantLedgerEntry.ChargeCode.RENT,
) -> TenantLedgerEntry:
    return TenantLedgerEntry(
        tenant=tenant,
        lease_id=lease.pk if lease is not None else charge_lease_id,
        trans_type=T.PAYMENT,
        charge_code=charge_code,
        description=description[:200],
        trans_date=trans_date,
        due_date=due_date,
        amount=amount,
        applies_to_id=applies_to_id,
        reference=(reference or "")[:60],
    )


def ledger_charge_post(
    *,
    tenant: Tenants,
    lease: TenantLease | None,
    amount: Decimal,
    trans_date: datetime.date,
    due_date: datetime.date | None = None,
    charge_code: str = TenantLedgerEntry.ChargeCode.DAMAGE,
    description: str = "",
    reference: str,
) -> tuple[TenantLedgerEntry, bool]:
    """Posts a charge on the tenant's ledger (e.g. the balance a deposit did not cover, turnover 2.1), once per
    `reference`: a second call with the same tenant and reference returns the existing charge (created=False).
    The amount is positive, whole cents, at most 99,999,999.99 (the column)."""
    amount = Decimal(amount)
    if not amount.is_finite() or amount <= 0:
        raise ApplicationError("A charge must be greater than zero.")
    if amount != amount.quantize(CENT) or amount >= Decimal("100000000"):
        raise ApplicationError("A charge must be whole cents, below $100,000,000.")
    if charge_code not in TenantLedgerEntry.ChargeCode.values:
        raise ApplicationError(f"Unknown charge code {charge_code!r}.")
    reference = (reference or "").strip()[:60]
    if not reference:
        raise ApplicationError("A charge posted by a feature needs its reference.")
    with transaction.atomic():
        Tenants.objects.select_for_update().filter(pk=tenant.pk).first()  # serialises writes per tenant
        existing = TenantLedgerEntry.objects.filter(
            tenant_id=tenant.pk, trans_type=T.CHARGE, reference=reference
        ).first()
        if existing is not None:
            return existing, False
        entry = TenantLedgerEntry.objects.create(
            tenant=tenant,
            lease=lease,
            trans_type=T.CHARGE,
            charge_code=charge_code,
            description=(description or "")[:200],
            trans_date=trans_date,
            due_date=due_date or trans_date,
            amount=amount,
            reference=reference,
        )
    return entry, True


def ledger_credit_post(
    *,
    tenant: Tenants,
    lease: TenantLease | None,
    amount: Decimal,
    trans_date: datetime.date,
    charge_code: str = TenantLedgerEntry.ChargeCode.DAMAGE,
    description: str = "",
    reference: str,
) -> tuple[TenantLedgerEntry, bool]:
    """Posts a credit (a charge reduced or waived after it was billed, e.g. a repair charge the tenant disputed),
    once per `reference` like ledger_charge_post."""
    amount = Decimal(amount)
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT):
        raise ApplicationError("A credit must be a positive amount in whole cents.")
    reference = (reference or "").strip()[:60]
    if not reference:
        raise ApplicationError("A credit posted by a feature needs its reference.")
    with transaction.atomic():
        Tenants.objects.select_for_update().filter(pk=tenant.pk).first()
        existing = TenantLedgerEntry.objects.filter(
            tenant_id=tenant.pk, trans_type=T.CREDIT, reference=reference
        ).first()
        if existing is not None:
            return existing, False
        entry = TenantLedgerEntry.objects.create(
            tenant=tenant,
            lease=lease,
            trans_type=T.CREDIT,
            charge_code=charge_code,
            description=(description or "")[:200],
            trans_date=trans_date,
            due_date=trans_date,
            amount=amount,
            reference=reference,
        )
    return entry, True
