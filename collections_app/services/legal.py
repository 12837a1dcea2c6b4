"""The legal-referral recommendation: the agent never sends the legal step; it recommends a referral for a
manager to approve or dismiss (services.manual), and only for a balance and age at or above the configured
minimums (COLLECTIONS_LEGAL_MIN_BALANCE, COLLECTIONS_LEGAL_MIN_DAYS_OVERDUE)."""

from __future__ import annotations

import datetime

from django.db import transaction

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase
from collections_app.selectors import legal_referral_minimums, plan_of
from collections_app.services.common import CHUNK, SYSTEM, ActionType, LegalReferral, Status, _chunks, _today
from core.ai.offline import money
from core.notifications.services import notifications_create_many


def legal_referrals_recommend(cases, *, now) -> int:
    """Marks these open cases (already checked by dunning.legal_referral_eligible) as recommended for a legal
    referral and logs why on each, once the plan offer (step 4) has been out for
    LEGAL_REVIEW_AFTER_PLAN_OFFER_DAYS. Sends nothing. Set-based: lock, update, bulk insert; a case another run
    recommended (or the manager moved) meanwhile is left alone. Returns how many were recommended."""
    by_id = {c.id: c for c in cases}
    if not by_id:
        return 0
    min_balance, min_days = legal_referral_minimums()
    offered_before = now - datetime.timedelta(days=dunning.LEGAL_REVIEW_AFTER_PLAN_OFFER_DAYS)
    count, recommended = 0, []
    for chunk in _chunks(list(by_id)):
        with transaction.atomic():
            ids = list(
                CollectionCase.objects.select_for_update()
                .filter(
                    id__in=chunk,
                    status=Status.OPEN,
                    escalation_level=dunning.AUTOMATIC_MAX_LEVEL,
                    legal_referral=LegalReferral.NONE,
                    actions__step_level=dunning.AUTOMATIC_MAX_LEVEL,
                    actions__sent_at__lte=offered_before,
                )
                .values_list("id", flat=True)
            )
            CollectionCase.objects.filter(id__in=ids).update(
                legal_referral=LegalReferral.RECOMMENDED,
                legal_referral_recommended_at=now,
                legal_referral_decided_at=None,
                legal_referral_decided_by="",
                updated_at=now,
            )
            CollectionAction.objects.bulk_create(
                [_recommendation(by_id[i], now=now, min_balance=min_balance, min_days=min_days) for i in ids],
                batch_size=CHUNK,
            )
        count += len(ids)
        recommended.extend(ids)
    _notify_managers((by_id[i] for i in recommended), now=now)
    return count


def _notify_managers(cases, *, now) -> int:
    """One "needs attention" notification per property for the referrals this run recommended: the manager
    decides on each case (a digest, so a busy night is one line per property, not one per tenant)."""
    by_property: dict = {}
    for case in cases:
        by_property.setdefault(case.property_id, []).append(case)
    items = []
    for property_id, group in by_property.items():
        name = group[0].property.name
        shown = "; ".join(f"{c.unit.unit_number} {c.tenant.full_name} {money(c.current_balance)}" for c in group[:5])
        more = f"; and {len(group) - 5} more" if len(group) > 5 else ""
        n = len(group)
        items.append(
            {
                "kind": "collections.legal_referral",
                "severity": "warning",
                "title": f"{name}: {n} legal referral{'s' if n != 1 else ''} to decide",
                "body": f"{shown}{more}. All four reminders have gone out; approve or dismiss each referral on "
                "its case.",
                "link": f"/collections/{group[0].id}" if n == 1 else "/collections",
                "dedupe_key": f"collections:legal-referral:{property_id}:{now:%Y-%m-%dT%H%M%S}",
                "property_id": property_id,
                "permission": "view_collections",  # tenants' arrears: not for roles that can't open Collections
            }
        )
    return notifications_create_many(items)


def _recommendation(case, *, now, min_balance, min_days) -> CollectionAction:
    plan = plan_of(case)
    advice = dunning.recommended_next_step(
        risk_profile=case.tenant_risk_profile,
        balance=case.current_balance,
        monthly_rent=case.lease.monthly_rent_amount,
        plan_status=plan.status if plan else None,
    )
    days = dunning.days_overdue(case.due_date, _today(now))
    text = (
        f"Legal referral recommended: {money(case.current_balance)} is {days} days overdue and all four "
        f"reminders have gone out (the minimums for a referral are {money(min_balance)} and {min_days} days). "
        f"Nothing has been sent to the tenant: a manager approves the referral or dismisses it.\n\n{advice}"
    )
    return CollectionAction(
        case_id=case.id,
        action_type=ActionType.LEGAL_REVIEW,
        escalation_level=case.escalation_level,
        channel="system",
        message_text=text,
        tone_used="",
        ai_generated=False,
        sent_at=now,
        created_by=SYSTEM,
    )


def legal_referral_withdraw_if_moot(case: CollectionCase, *, now) -> list[str]:
    """Called inside a transaction holding the case row after its balance or status changed: a pending
    recommendation is withdrawn (and the reason logged) when the case is no longer open or its balance fell
    below the minimum. Returns the fields to save."""
    if case.legal_referral != LegalReferral.RECOMMENDED:
        return []
    min_balance, _ = legal_referral_minimums()
    if case.status == Status.OPEN and case.current_balance >= min_balance:
        return []
    reason = (
        "the balance is now below the minimum for a referral"
        if case.status == Status.OPEN
        else f"the case is now {case.get_status_display().lower()}"
    )
    case.legal_referral = LegalReferral.NONE
    case.legal_referral_recommended_at = None
    CollectionAction.objects.create(
        case=case,
        action_type=ActionType.LEGAL_REVIEW,
        escalation_level=case.escalation_level,
        channel="system",
        message_text=f"Legal referral recommendation withdrawn: {reason}.",
        tone_used="",
        ai_generated=False,
        sent_at=now,
        created_by=SYSTEM,
    )
    return ["legal_referral", "legal_referral_recommended_at"]
