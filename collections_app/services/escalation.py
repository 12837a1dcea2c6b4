"""The escalation engine: one run of the dunning agent, and recording + sending one step."""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase
from collections_app.selectors import legal_referral_minimums, plan_of
from collections_app.services.common import (
    CHUNK,
    MANAGER,
    SYSTEM,
    Delivery,
    LegalReferral,
    PlanStatus,
    Status,
    _chunks,
    _today,
)
from collections_app.services.compose import _compose, _plan_rows, _terms_text
from collections_app.services.delivery import _action_deliver, _resend_unsent, collection_action_delivery_sync
from collections_app.services.legal import legal_referrals_recommend
from collections_app.services.plans import _plan_replace, _plan_terms, payment_plan_check_defaults
from properties.selectors import ContactWindows

logger = logging.getLogger(__name__)


def collections_escalate(*, now: datetime.datetime | None = None) -> str:
    """One run of the dunning agent: defaults missed payment plans, refreshes delivery state, resends unsent
    channels, then on every open case sends at most one step: the one its days overdue call for (a new case
    starts there; after downtime the missed steps are not sent late). The legal step is never sent: a case that
    has had every automatic step and qualifies gets a legal-referral recommendation for a manager instead.
    Safe to run twice or concurrently: the second run finds nothing to do."""
    now = now or timezone.now()
    today = _today(now)
    defaulted = payment_plan_check_defaults(today=today, now=now)
    collection_action_delivery_sync(now=now)
    resent = _resend_unsent(now=now)
    steps = {level: 0 for level in range(1, dunning.AUTOMATIC_MAX_LEVEL + 1)}
    min_balance, min_days = legal_referral_minimums()
    failures, stale, to_recommend = 0, [], []
    windows = ContactWindows(on_date=today)  # the tenants' contact hours, read once for the run
    ids = list(CollectionCase.objects.filter(status=Status.OPEN).order_by("id").values_list("id", flat=True))
    for chunk in _chunks(ids):
        cases = (
            CollectionCase.objects.filter(id__in=chunk, status=Status.OPEN)
            .select_related("tenant", "lease", "unit", "property", "payment_plan")
            .order_by("id")
        )
        for case in cases:
            days = dunning.days_overdue(case.due_date, today)
            step = dunning.step_to_send(current_level=case.escalation_level, days_overdue=days)
            if step is None:
                if not case.legal_referral and dunning.legal_referral_eligible(
                    current_level=case.escalation_level,
                    days_overdue=days,
                    balance=case.current_balance,
                    min_balance=min_balance,
                    min_days_overdue=min_days,
                ):
                    to_recommend.append(case)
                if days != case.days_overdue:
                    case.days_overdue, case.updated_at = days, now
                    stale.append(case)
                continue
            try:
                if _step_send(case=case, step=step, now=now, actor=SYSTEM, windows=windows) is not None:
                    steps[step.level] += 1
                # None: another run (or the manager) got there first
            except Exception:  # noqa: BLE001 - one bad case must not stop the run; it is retried next run
                failures += 1
                logger.exception("Collections escalation failed for case %s", case.id)
    CollectionCase.objects.bulk_update(stale, ["days_overdue", "updated_at"], batch_size=CHUNK)
    recommended = legal_referrals_recommend(to_recommend, now=now)
    sent = sum(steps.values())
    summary = (
        f"Sent {sent} dunning steps on {len(ids)} open cases "
        f"({', '.join(f'L{k}: {v}' for k, v in steps.items())}); {defaulted}"
    )
    if recommended:
        summary += f" {recommended} legal referrals recommended for a manager's approval (nothing sent)."
    if resent:
        summary += f" Resent {resent} unsent channels."
    if failures:
        summary += f" {failures} cases failed and will be retried."
    return summary


def _step_send(
    *, case: CollectionCase, step: dunning.DunningStep, now, actor: str, windows: ContactWindows | None = None
) -> CollectionAction | None:
    """Writes, records and sends one dunning step. Returns None (and changes nothing) when the case has moved
    on meanwhile (another run or the manager recorded a step since `case` was read, or the case left 'open').
    The legal step (5) is only ever sent by a manager (approving the referral), never by the agent."""
    if step.level > dunning.AUTOMATIC_MAX_LEVEL and actor == SYSTEM:
        raise ValueError("The legal step is never automatic: a manager approves it.")
    read_level = case.escalation_level
    today = _today(now)
    days = dunning.days_overdue(case.due_date, today)
    tone = dunning.select_tone(case.tenant_risk_profile, step.level - 1)
    plan, new_plan_rows, terms = plan_of(case), None, ""
    if step.level == 4:
        if plan is None or plan.status in (PlanStatus.DEFAULTED, PlanStatus.COMPLETED):
            new_plan_rows = _plan_terms(case=case, today=today)
            terms = _terms_text(new_plan_rows)
        else:
            terms = _terms_text(_plan_rows(plan))
    subject, body, provider = _compose(case=case, step=step, tone=tone, days=days, plan_terms=terms)

    with transaction.atomic():
        locked = CollectionCase.objects.select_for_update().get(pk=case.pk)
        if locked.status != Status.OPEN or locked.escalation_level != read_level or read_level >= step.level:
            return None
        if step.level == dunning.MAX_LEVEL and locked.legal_referral != LegalReferral.RECOMMENDED:
            return None  # the recommendation was dismissed or withdrawn meanwhile
        action = CollectionAction(
            case=locked,
            action_type=step.action_type,
            escalation_level=step.level,
            step_level=step.level,
            channel="+".join(step.channels),
            subject=subject,
            message_text=body,
            tone_used=tone,
            ai_generated=True,
            ai_provider=provider,
            sent_at=now,
            delivery_status=Delivery.PENDING,
            created_by=actor,
        )
        try:
            with transaction.atomic():
                action.save()
        except IntegrityError:
            return None
        if new_plan_rows:
            plan = _plan_replace(case=locked, rows=new_plan_rows, actor=actor)
        locked.escalation_level, locked.tone, locked.days_overdue = step.level, tone, days
        fields = ["escalation_level", "tone", "days_overdue", "updated_at"]
        if step.level == dunning.MAX_LEVEL:
            locked.status, locked.assigned_to = Status.ESCALATED, MANAGER
            locked.legal_referral, locked.legal_referral_decided_at = LegalReferral.APPROVED, now
            locked.legal_referral_decided_by = actor
            fields += [
                "status",
                "assigned_to",
                "legal_referral",
                "legal_referral_decided_at",
                "legal_referral_decided_by",
            ]
        locked.save(update_fields=fields)
    for f in (
        "escalation_level",
        "tone",
        "days_overdue",
        "status",
        "assigned_to",
        "updated_at",
        "legal_referral",
        "legal_referral_decided_at",
        "legal_referral_decided_by",
    ):
        setattr(case, f, getattr(locked, f))
    if plan is not None:
        case.payment_plan = plan
    _action_deliver(action=action, case=case, now=now, windows=windows)
    return action
