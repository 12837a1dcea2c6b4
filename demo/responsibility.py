"""The responsibility review alive on first run (PRP "Tenant vs Owner Responsibility"), written after the portfolio
is seeded: the work orders completed in the last 60 days get their determinations (the real offline engine,
through the nightly agent's service), and a few decisions move through every step — charges pending, billed,
paid, disputed and waived, an override with its reason, owner-pays decisions — so the queue, the charges and the
success metrics all have something to show. Deterministic: the orders are taken in work-order-number order."""

from __future__ import annotations

import datetime
from decimal import Decimal

from responsibility.models import TenantCharge
from responsibility.services import (
    charge_bill,
    charge_dispute,
    charge_pay,
    charge_resolve,
    responsibility_confirm,
    responsibility_determine_pending,
    responsibility_waive,
)
from units.models import UnitsMaintenance

ACTOR, NAME = "user:demo@unitcycle.local", "Demo Manager"
WINDOW_DAYS = 60


def responsibility_demo_seed(*, today: datetime.date) -> str:
    summary = responsibility_determine_pending(
        today=today, completed_since=today - datetime.timedelta(days=WINDOW_DAYS)
    )
    determined = UnitsMaintenance.objects.exclude(responsibility="").order_by("work_order_number")
    chargeable = list(determined.filter(responsibility__in=("tenant", "shared"), tenant_charge_amount__gt=0))
    owners = list(determined.filter(responsibility="owner")[:4])
    charges: list[TenantCharge] = []
    # keep the most recent tenant/shared orders in the queue for the coordinator; decide the older ones
    for i, wo in enumerate(chargeable[: max(0, len(chargeable) - 4)][:9]):
        if i == 8:
            responsibility_waive(
                work_order=wo, reason="Goodwill: first issue in a long tenancy.", actor=ACTOR, actor_name=NAME
            )
            continue
        amount = wo.tenant_charge_amount
        reason = ""
        if i == 7:  # an override, with its reason
            amount = (amount / 2).quantize(Decimal("0.01"))
            reason = "Part of the damage was already on the move-in report."
        charges.append(
            responsibility_confirm(
                work_order=wo,
                responsibility=wo.responsibility,
                amount=amount,
                reason=reason,
                actor=ACTOR,
                actor_name=NAME,
            )
        )
    for wo in owners:
        responsibility_waive(work_order=wo, actor=ACTOR, actor_name=NAME)
    # pending: 0, 1 (and the override, 7) · billed: 2, 3 · paid: 4, 5 · disputed: 6 · waived after a dispute: 3
    for c in charges[2:7]:
        charge_bill(charge=c, today=today, actor=ACTOR, actor_name=NAME)
    for c in charges[4:6]:
        charge_pay(charge=c, today=today, actor=ACTOR, actor_name=NAME)
    if len(charges) > 6:
        charge_dispute(
            charge=charges[6],
            message="I reported this the day it happened; it was not my fault.",
            by="tenant",
            actor="tenant",
            actor_name="Tenant (dispute link)",
        )
    if len(charges) > 3:
        charge_dispute(
            charge=charges[3],
            message="The damage was there before I moved in.",
            by="staff",
            actor=ACTOR,
            actor_name=NAME,
        )
        charge_resolve(
            charge=charges[3],
            outcome="waive",
            reason="Move-in photos show the same damage.",
            today=today,
            actor=ACTOR,
            actor_name=NAME,
        )
    return f"{summary} {len(charges)} charges."
