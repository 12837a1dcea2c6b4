"""The daily scan: opens, refreshes and closes collection cases from the tenant ledger."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase, PaymentPlan
from collections_app.services.common import (
    CHUNK,
    SYSTEM,
    ZERO,
    ActionType,
    PlanStatus,
    Status,
    _chunks,
)
from core.ai.offline import money
from core.notifications.services import notifications_create_many
from properties.models import JurisdictionRule
from properties.selectors import property_rule_facts
from tenants.balances import tenant_balances
from tenants.ledger_services import ledger_unpaid_charges
from tenants.models import TenantLease, TenantLedgerEntry
from tenants.payment_history import payment_history_counts, twelve_months_before


def collections_scan(*, today: datetime.date | None = None) -> str:
    """Opens a case for every tenant with an overdue balance and no unresolved case; refreshes the balance,
    days overdue and late fees of unresolved cases; closes as paid those whose tenant owes nothing overdue.
    Set-based (a handful of queries for any portfolio size) and idempotent.

    Late fees follow the property's `late_fee` rule (properties.JurisdictionRule, fetched once per run): a fee
    charged within the grace period, or above the cap for the monthly rent, is `late_fee_excess`, left out of
    the balance the case pursues (the ledger keeps it; a manager credits it)."""
    today = today or timezone.localdate()
    now = timezone.now()
    owed = {tid: b["overdue"] for tid, b in tenant_balances(as_of=today).items() if b["overdue"] > 0}
    unresolved = {
        c.tenant_id: c
        for c in CollectionCase.objects.filter(status__in=CollectionCase.UNRESOLVED).only(
            "id",
            "tenant_id",
            "lease_id",
            "property_id",
            "current_balance",
            "days_overdue",
            "due_date",
            "late_fee_total",
            "late_fee_excess",
            "late_fee_citation",
            "status",
            "escalation_level",
        )
    }
    unpaid: dict = {}
    for chunk in _chunks(owed):
        unpaid.update(ledger_unpaid_charges(tenant_ids=chunk, due_before=today))

    # the law on late fees: one rule per property for the whole run, each tenant's lease and rent
    fee_rules = property_rule_facts(rule_type=JurisdictionRule.RuleType.LATE_FEE, on_date=today)
    leases: dict = {}
    for chunk in _chunks(list(owed)):
        leases.update(_current_leases(chunk))
    fees: dict = {}  # tenant_id -> (collectable, excess, citation)
    overdue: dict = {}  # tenant_id -> the balance the case may pursue
    for tid, balance in owed.items():
        lease = leases.get(tid)
        case = unresolved.get(tid)
        property_id = case.property_id if case is not None else (lease["property_id"] if lease else None)
        rule = fee_rules.get(property_id)
        collectable, excess = dunning.late_fees_lawful(
            _late_fee_charges(unpaid.get(tid, [])),
            rule=rule.value if rule is not None and rule.on_file else None,
            rent=Decimal(lease["monthly_rent_amount"]) if lease else ZERO,
        )
        fees[tid] = (collectable, excess, rule.citation if rule is not None else "")
        if balance - excess > 0:
            overdue[tid] = balance - excess

    # open --------------------------------------------------------------------------------------------
    new_ids = [tid for tid in overdue if tid not in unresolved]
    history = {}
    for chunk in _chunks(new_ids):
        history.update(payment_history_counts(tenant_ids=chunk, since=twelve_months_before(today), until=today))
    new_cases, no_lease = [], 0
    for tid in new_ids:
        lease, charges = leases.get(tid), unpaid.get(tid)
        if lease is None or not charges:  # no lease to attach the case to (should not happen with real data)
            no_lease += 1
            continue
        profile = dunning.risk_profile(history.get(tid, {}).get("late_payments", 0))
        new_cases.append(
            CollectionCase(
                tenant_id=tid,
                lease_id=lease["id"],
                unit_id=lease["unit_id"],
                property_id=lease["property_id"],
                original_amount_due=overdue[tid],
                current_balance=overdue[tid],
                late_fee_total=fees[tid][0],
                late_fee_excess=fees[tid][1],
                late_fee_citation=fees[tid][2],
                due_date=charges[0].due_date,
                days_overdue=dunning.days_overdue(charges[0].due_date, today),
                tenant_risk_profile=profile,
                tone=dunning.select_tone(profile, 0),
                status=Status.OPEN,
            )
        )

    # refresh / close ---------------------------------------------------------------------------------
    refreshed, closing, payments = [], [], []
    for tid, case in unresolved.items():
        if tid not in overdue:
            closing.append(case)
            if case.current_balance > 0:
                payments.append(
                    _payment_seen(case, case.current_balance, now, "The ledger shows the overdue balance paid:")
                )
            continue
        balance, (fee_total, excess, citation) = overdue[tid], fees[tid]
        days = dunning.days_overdue(case.due_date, today)
        now_values = (balance, fee_total, excess, citation, days)
        if now_values != (
            case.current_balance,
            case.late_fee_total,
            case.late_fee_excess,
            case.late_fee_citation,
            case.days_overdue,
        ):
            if balance < case.current_balance:
                payments.append(
                    _payment_seen(
                        case,
                        case.current_balance - balance,
                        now,
                        "The ledger shows part of the overdue balance paid or credited:",
                    )
                )
            (case.current_balance, case.late_fee_total, case.late_fee_excess, case.late_fee_citation) = now_values[:4]
            case.days_overdue, case.updated_at = days, now
            refreshed.append(case)

    with transaction.atomic():
        CollectionCase.objects.bulk_create(new_cases, batch_size=CHUNK, ignore_conflicts=True)
        # Only these columns: status and level belong to the engine and the manager's actions.
        CollectionCase.objects.bulk_update(
            refreshed,
            [
                "current_balance",
                "late_fee_total",
                "late_fee_excess",
                "late_fee_citation",
                "days_overdue",
                "updated_at",
            ],
            batch_size=CHUNK,
        )
        closed = 0
        for chunk in _chunks([c.id for c in closing]):
            closed += CollectionCase.objects.filter(id__in=chunk, status__in=CollectionCase.UNRESOLVED).update(
                status=Status.PAID, current_balance=ZERO, resolved_at=now, updated_at=now
            )
            PaymentPlan.objects.filter(case_id__in=chunk, status__in=PaymentPlan.IN_FORCE).update(
                status=PlanStatus.COMPLETED, updated_at=now
            )
        CollectionAction.objects.bulk_create(payments, batch_size=CHUNK)
    opened = sum(CollectionCase.objects.filter(id__in=chunk).count() for chunk in _chunks([c.id for c in new_cases]))
    total = sum(overdue.values(), ZERO)
    summary = (
        f"Opened {opened} cases, refreshed {len(refreshed)}, closed {closed} as paid; "
        f"{len(overdue)} tenants overdue ({money(total)})."
    )
    if no_lease:
        summary += f" {no_lease} overdue tenants have no lease and were skipped."
    _notify_deep_arrears(today=today)
    return summary


def _notify_deep_arrears(*, today: datetime.date) -> int:
    """One critical notification per property whose tenants owe NOTIFY_CRITICAL_BALANCE_MONTHS' rent or more
    (emailed and texted to the on-call manager), once a day however often the scan runs. Returns how many."""
    months = Decimal(settings.NOTIFY_CRITICAL_BALANCE_MONTHS)
    deep = (
        CollectionCase.objects.filter(
            status__in=CollectionCase.UNRESOLVED, current_balance__gte=F("lease__monthly_rent_amount") * months
        )
        .select_related("unit", "property", "tenant")
        .order_by("property__name", "-current_balance")
    )
    by_property: dict = {}
    for case in deep:
        by_property.setdefault(case.property_id, []).append(case)
    items = []
    for property_id, cases in by_property.items():
        name = cases[0].property.name
        total = sum((c.current_balance for c in cases), ZERO)
        shown = "; ".join(f"{c.unit.unit_number} {c.tenant.full_name} {money(c.current_balance)}" for c in cases[:5])
        more = f"; and {len(cases) - 5} more" if len(cases) > 5 else ""
        tenants = "tenant owes" if len(cases) == 1 else "tenants owe"
        items.append(
            {
                "kind": "collections.deep_arrears",
                "severity": "critical",
                "title": f"{name}: {len(cases)} {tenants} {months} months' rent or more ({money(total)})",
                "body": f"{shown}{more}. Call them before the next reminder goes out.",
                "link": "/collections",
                "dedupe_key": f"collections:deep-arrears:{property_id}:{today.isoformat()}",
                "property_id": property_id,
                "permission": "view_collections",  # tenants' arrears: not for roles that can't open Collections
            }
        )
    return notifications_create_many(items)


def _late_fee_charges(charges) -> list[tuple[Decimal, datetime.date, datetime.date]]:
    """[(unpaid amount, date charged, due date of the rent it is for)] of the unpaid late-fee charges. The rent
    is the latest unpaid rent charge due on or before the fee (within a month); when that rent has been paid
    since, rent is taken as due on the 1st of the fee's month (how the ledger bills it)."""
    rents = sorted(c.due_date for c in charges if c.charge_code == TenantLedgerEntry.ChargeCode.RENT and c.due_date)
    out = []
    for c in charges:
        if c.charge_code != TenantLedgerEntry.ChargeCode.LATE_FEE:
            continue
        charged = c.due_date or c.trans_date
        earlier = [d for d in rents if d <= charged and (charged - d).days <= 31]
        out.append((c.unpaid, charged, earlier[-1] if earlier else charged.replace(day=1)))
    return out


def _current_leases(tenant_ids) -> dict:
    """{tenant_id: {id, unit_id, property_id, monthly_rent_amount}} — each tenant's most recent lease (one
    query)."""
    out = {}
    rows = (
        TenantLease.objects.filter(tenant_id__in=list(tenant_ids))
        .order_by("tenant_id", "-lease_begin_date", "-created_at")
        .values("id", "tenant_id", "unit_id", "property_id", "monthly_rent_amount")
    )
    for row in rows:
        out.setdefault(row["tenant_id"], row)
    return out


def _payment_seen(case, amount, now, text) -> CollectionAction:
    return CollectionAction(
        case_id=case.id,
        action_type=ActionType.PAYMENT_RECEIVED,
        escalation_level=getattr(case, "escalation_level", 0) or 0,
        channel="system",
        message_text=f"{text} {money(amount)}.",
        tone_used="",
        ai_generated=False,
        sent_at=now,
        amount=amount,
        created_by=SYSTEM,
    )
