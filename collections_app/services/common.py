"""Shared names of the collections services: constants, status aliases and small helpers."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from collections_app.models import CollectionAction, CollectionCase, PaymentPlan, PaymentPlanInstallment
from core.utils import batched

FEATURE = "collections"
SYSTEM = "system"
MANAGER = "manager"  # assigned_to at step 5
PLAN_DEFAULT_GRACE_DAYS = 5  # an installment unpaid more than this many days after its due date defaults the plan
DELIVERY_SYNC_DAYS = 60  # delivery state is refreshed from the outbox for actions this recent
CHUNK = 500
ZERO = Decimal("0.00")

Status = CollectionCase.Status
LegalReferral = CollectionCase.LegalReferral
ActionType = CollectionAction.ActionType
Delivery = CollectionAction.DeliveryStatus
PlanStatus = PaymentPlan.Status
InstStatus = PaymentPlanInstallment.Status


STATUS_PHRASE = {
    "open": "open",
    "payment_plan": "on a payment plan",
    "paid": "paid",
    "escalated": "escalated to legal",
    "written_off": "written off",
}


def _is(case) -> str:
    return STATUS_PHRASE.get(case.status, case.status)


def _chunks(items, size=CHUNK):
    return batched(items, size)


def _today(now: datetime.datetime) -> datetime.date:
    return timezone.localdate(now)


def _note(case, text, *, actor, now) -> CollectionAction:
    return CollectionAction.objects.create(
        case=case,
        action_type=ActionType.NOTE,
        escalation_level=case.escalation_level,
        channel="system",
        message_text=text,
        tone_used="",
        ai_generated=False,
        sent_at=now,
        created_by=actor,
    )
