"""What each bulk action does to one unit, through the app that owns the work:

    renewal_offer, early_renewal_nudge  renewals.services.renewal_offer_for_leases (recommendation created like
                                        the nightly scan's if missing, approved, letter sent)
    rent_increase_notice                a 30-day notice drafted through core.ai, recorded (RentIncreaseNotice)
                                        and sent through core.messaging
    move_out_inspection                 a turnover work order (units.services.work_order_create) + the notice
                                        to the tenant
    listing_prep                        a turnover work order whose description is the AI-drafted checklist and
                                        listing
    eviction_prep                       collections_app.services: escalate the case with the AI-drafted memo
                                        (or add the memo to an already escalated case)

Each executor has three steps:
    plan(unit)      eligibility and figures, no writes, no AI (a unit that cannot take the action gets `error`);
    draft(plan)     the content through the gateway (offline template when Claude is not configured or fails);
    run(plan)       the writes. AI calls and message delivery happen outside database transactions; the unit's
                    own writes are one transaction. Failures are returned per unit, never raised.
A unit's result: {unit_id, unit_number, tenant_name, ok, status: done|skipped|failed, detail, ...ids}.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from collections_app.models import CollectionCase
from collections_app.services import case_escalate, case_note_add
from core.ai import AIError, complete_json, complete_offline
from core.exceptions import ApplicationError
from core.formatting import letter_html, long_date, money, percent, short_date
from core.messaging import normalise_email, send_email, send_sms
from portfolio import prompts, rules
from portfolio.models import ActionType, AIActionQueue, BulkActionBatch, RentIncreaseNotice
from portfolio.selectors import INSPECTION_TITLE, LISTING_PREP_TITLE
from properties.models import JurisdictionRule
from properties.selectors import jurisdiction_rulebook, sms_contact_window
from renewals.services import renewal_offer_for_leases, renewal_offers_prepare
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE, STATUS_WORDS, VACANT
from units.models import UnitsMaintenance
from units.selectors import open_work_orders_by_unit
from units.services import work_order_create

logger = logging.getLogger(__name__)

Method = BulkActionBatch.Method
TENANT_METHODS = (Method.EMAIL, Method.SMS, Method.BOTH, Method.MANUAL)
INTERNAL_METHODS = (Method.MANUAL,)
CHANNELS_FOR = {Method.EMAIL: ("email",), Method.SMS: ("sms",), Method.BOTH: ("email", "sms"), Method.MANUAL: ()}
NOT_DELIVERED = ("failed", "invalid")
LISTING_READY_DAYS = 5  # make-ready time after the move-out


@dataclass
class Draft:
    subject: str
    body: str
    sms_text: str
    provider: str
    model: str = ""


@dataclass
class Plan:
    """One unit under one action: eligibility, the figures used, and (once drafted) the content."""

    unit: object
    lease: object | None
    item: AIActionQueue | None
    error: str | None = None
    summary: str = ""
    figures: dict = field(default_factory=dict)
    draft: Draft | None = None
    draft_error: str | None = None
    extra: dict = field(default_factory=dict)
    rules: object = None  # what Executor.rules_for() fetched for the whole batch (the law, for notices)

    @property
    def tenant_name(self) -> str | None:
        tenant = self.lease.tenant if self.lease is not None and self.lease.lease_status != VACANT else None
        return f"{tenant.first_name} {tenant.last_name}" if tenant else None

    def result(self, *, ok: bool, status: str, detail: str, **ids) -> dict:
        return {
            "unit_id": str(self.unit.pk),
            "unit_number": self.unit.unit_number,
            "tenant_name": self.tenant_name,
            "ok": ok,
            "status": status,
            "detail": detail,
            **ids,
        }


def _address(prop) -> str:
    tail = " ".join(p for p in (prop.state, prop.zip_code) if p)
    return ", ".join(p for p in (prop.address, prop.city, tail) if p)


def _manager(prop) -> dict:
    return {
        "manager_name": prop.manager_name or f"The {prop.name} leasing team",
        "manager_phone": prop.phone,
        "manager_email": prop.manager_email,
    }


def _reply_to(prop) -> str | None:
    try:
        return normalise_email(prop.manager_email) if prop.manager_email else None
    except ApplicationError:
        return None


def _lease_state(lease) -> str:
    return lease.lease_status if lease is not None else VACANT


def deliver(*, plan: Plan, channels, key_prefix: str, related_object, feature: str = "portfolio") -> list[dict]:
    """Sends the plan's draft on each channel through core.messaging (dedupe key per channel, so a retry
    never sends twice) and reports each like renewals' `sent_via`."""
    tenant, draft = plan.lease.tenant, plan.draft
    entries = []
    for channel in channels:
        to = tenant.email if channel == "email" else tenant.phone
        try:
            if channel == "email":
                message = send_email(
                    to=to,
                    subject=draft.subject,
                    text=draft.body,
                    html=letter_html(draft.body),
                    feature=feature,
                    related_object=related_object,
                    dedupe_key=f"{key_prefix}:email",
                    reply_to=_reply_to(plan.unit.property),
                )
            else:
                message = send_sms(
                    to=to,
                    body=draft.sms_text or draft.subject,
                    feature=feature,
                    related_object=related_object,
                    dedupe_key=f"{key_prefix}:sms",
                    contact_window=sms_contact_window(plan.unit.property),  # quiet hours: scheduled outside it
                )
        except ApplicationError as exc:  # invalid recipient: nothing written, nothing sent
            entries.append(
                {
                    "channel": channel,
                    "to": to or "",
                    "outbox_message_id": None,
                    "status": "invalid",
                    "error": exc.message,
                }
            )
            continue
        entries.append(
            {
                "channel": channel,
                "to": message.to,
                "outbox_message_id": str(message.pk),
                "status": message.status,
                "error": message.error or "",
            }
        )
    return entries


def _delivery_outcome(entries: list[dict]) -> tuple[bool, str]:
    went = [e["channel"] for e in entries if e["status"] not in NOT_DELIVERED]
    if went:
        return True, " and ".join("email" if c == "email" else "SMS" for c in went)
    return False, "; ".join(f"{e['channel']}: {e['error'] or e['status']}" for e in entries)


class Executor:
    action_type: str
    label: str
    methods: tuple = TENANT_METHODS
    states: tuple = (ACTIVE, MONTH_TO_MONTH, NOTICE)
    prompt = None  # the gateway prompt of draft(); renewal actions use the renewals letter instead
    quote_keys: tuple = ()  # figures Claude's text must contain verbatim, else the offline template is used

    # -- plan -------------------------------------------------------------------------------------------

    def rules_for(self, *, today: datetime.date):
        """Anything the figures of every plan of a batch need, fetched once per batch (None: nothing)."""
        return None

    def plan(self, unit, *, item: AIActionQueue | None, today: datetime.date, rules=None) -> Plan:
        lease = unit.current_lease
        plan = Plan(unit=unit, lease=lease, item=item, rules=rules)
        if lease is None:
            plan.error = "This unit has no lease."
        elif lease.lease_status not in self.states:
            allowed = " or ".join(STATUS_WORDS[s] for s in self.states)
            words = STATUS_WORDS.get(lease.lease_status, lease.lease_status)
            plan.error = f"The lease is {words}; this action needs a lease that is {allowed}."
        else:
            self.figure(plan, today=today)
        return plan

    def figure(self, plan: Plan, *, today: datetime.date) -> None:
        """Sets plan.figures / plan.summary, or plan.error."""

    # -- draft ------------------------------------------------------------------------------------------

    def inputs(self, plan: Plan, *, today: datetime.date) -> dict:
        raise NotImplementedError

    def draft_all(self, plans: list[Plan], *, today: datetime.date, store: bool) -> None:
        """Writes plan.draft for eligible plans (plan.draft_error when the gateway fails). A draft already
        stored on the unit's queue item is reused when it still states the same figures; `store` keeps new
        drafts on the item (the lazily generated `generated_content`)."""
        for plan in plans:
            if plan.error:
                continue
            inputs = self.inputs(plan, today=today)
            cached = self._cached(plan, inputs)
            if cached:
                plan.draft = cached
                continue
            try:
                plan.draft = self._generate(inputs)
            except AIError as exc:
                plan.draft_error = f"The content could not be written: {exc.message}"
                continue
            if store and plan.item is not None:
                _store_draft(plan.item, plan.draft)

    def _generate(self, inputs: dict) -> Draft:
        result = complete_json(self.prompt, inputs, offline_fallback=True)
        data, provider, model = result.data, result.provider, result.model
        if provider != "offline" and any(inputs[k] not in data["body"] for k in self.quote_keys):
            logger.warning("Claude's %s did not quote the figures; using the template", self.prompt.name)
            data = complete_offline(self.prompt, inputs, reason="Claude did not quote the figures").data
            provider, model = "offline", "offline"
        return Draft(
            subject=data["subject"].strip()[:200],
            body=data["body"].strip(),
            sms_text=(data.get("sms_text") or "").strip()[:320],
            provider=provider,
            model=model,
        )

    def _cached(self, plan: Plan, inputs: dict) -> Draft | None:
        item = plan.item
        if item is None or not item.generated_content or not item.content_provider:
            return None
        if any(inputs[k] not in item.generated_content for k in self.quote_keys):
            return None  # drafted for other figures (e.g. another day's effective date)
        return Draft(
            subject=item.content_subject,
            body=item.generated_content,
            sms_text=item.content_sms,
            provider=item.content_provider,
        )

    # -- run --------------------------------------------------------------------------------------------

    def run(
        self, plans: list[Plan], *, method: str, actor: str, batch: BulkActionBatch, today: datetime.date
    ) -> list[dict]:
        """Results for eligible and ineligible plans alike, in order."""
        self.draft_all([p for p in plans if not p.error], today=today, store=False)
        out = []
        for plan in plans:
            if plan.error:
                out.append(plan.result(ok=False, status="failed", detail=plan.error))
                continue
            if plan.draft is None:
                out.append(plan.result(ok=False, status="failed", detail=plan.draft_error or "No content."))
                continue
            try:
                out.append(self.run_one(plan, method=method, actor=actor, batch=batch, today=today))
            except (ApplicationError, AIError) as exc:
                out.append(plan.result(ok=False, status="failed", detail=exc.message))
            except Exception as exc:  # noqa: BLE001 - one unit's bug must not stop the batch; it is reported
                logger.exception("Bulk %s failed on unit %s", self.action_type, plan.unit.pk)
                out.append(
                    plan.result(ok=False, status="failed", detail=f"Unexpected error: {exc.__class__.__name__}.")
                )
        return out

    def run_one(self, plan: Plan, *, method: str, actor: str, batch: BulkActionBatch, today: datetime.date) -> dict:
        raise NotImplementedError


def _store_draft(item: AIActionQueue, draft: Draft) -> None:
    AIActionQueue.objects.filter(pk=item.pk).update(
        generated_content=draft.body,
        content_subject=draft.subject,
        content_sms=draft.sms_text,
        content_provider=draft.provider,
        content_generated_at=timezone.now(),
        updated_at=timezone.now(),
    )
    item.generated_content, item.content_subject, item.content_sms = draft.body, draft.subject, draft.sms_text
    item.content_provider = draft.provider


# --- renewals --------------------------------------------------------------------------------------------


class RenewalExecutor(Executor):
    """Renewal offers (and early-renewal nudges: the same offer, sent 60-90 days before the lease ends)."""

    states = (ACTIVE, MONTH_TO_MONTH)

    def __init__(self, action_type: str, label: str):
        self.action_type, self.label = action_type, label

    def figure(self, plan: Plan, *, today: datetime.date) -> None:
        payload = plan.item.suggested_payload if plan.item else {}
        if payload.get("offer_rent"):
            plan.summary = _renewal_summary(payload.get("offer_rent"), payload.get("market_rent"), 12)

    def draft_all(self, plans: list[Plan], *, today: datetime.date, store: bool) -> None:
        """The letter is the renewal recommendation's own: prepared (created like the scan's when missing,
        letter included) through renewals.services, so what the preview shows is what is sent."""
        eligible = [p for p in plans if not p.error]
        prepared = renewal_offers_prepare(lease_ids=[p.lease.pk for p in eligible], today=today)
        for plan in eligible:
            rec = prepared.get(plan.lease.pk)
            if isinstance(rec, str) or rec is None:
                plan.error = rec or "The renewal offer could not be prepared."
                continue
            plan.draft = Draft(
                subject=rec.renewal_letter_subject,
                body=rec.renewal_letter_text,
                sms_text=rec.renewal_sms_text,
                provider=rec.letter_provider,
                model=rec.letter_model,
            )
            offered = rec.get_offered_rent()
            plan.figures = {
                "renewal_id": str(rec.pk),
                "renewal_status": rec.status,
                "current_rent": str(rec.current_rent),
                "offered_rent": str(offered),
                "market_rent": str(rec.market_rent),
                "term_months": rec.recommended_term_months,
                "lease_start": rec.recommended_lease_start.isoformat(),
                "lease_end": rec.recommended_lease_end.isoformat(),
            }
            plan.summary = _renewal_summary(offered, rec.market_rent, rec.recommended_term_months)
            if rec.status == "sent":
                plan.summary += " Already sent."

    def run(self, plans, *, method, actor, batch, today):
        eligible = [p for p in plans if not p.error]
        results = (
            renewal_offer_for_leases(lease_ids=[p.lease.pk for p in eligible], actor=actor, method=method, today=today)
            if eligible
            else {}
        )
        out = []
        for plan in plans:
            if plan.error:
                out.append(plan.result(ok=False, status="failed", detail=plan.error))
                continue
            r = results[plan.lease.pk]
            out.append(
                plan.result(
                    ok=r["ok"],
                    status=r["status"],
                    detail=r["detail"],
                    renewal_id=r["renewal_id"],
                    offered_rent=r.get("offered_rent"),
                    outbox_message_ids=[
                        e["outbox_message_id"] for e in r.get("sent_via", []) if e.get("outbox_message_id")
                    ],
                )
            )
        return out


def _renewal_summary(offered, market, term) -> str:
    market_text = f" (market: {money(market)}/mo)" if market else ""
    return f"Renewal at {money(offered)}/mo{market_text}. Term: {term} months."


# --- rent increase notice ---------------------------------------------------------------------------------


class RentIncreaseExecutor(Executor):
    action_type = ActionType.RENT_INCREASE_NOTICE
    label = "Send rent increase notices"
    states = (MONTH_TO_MONTH,)
    prompt = prompts.RENT_INCREASE_NOTICE
    quote_keys = ("new_rent", "effective_date")

    def rules_for(self, *, today):
        """The rent-increase notice rules in force today (one query per batch; properties.selectors)."""
        return jurisdiction_rulebook(on_date=today, rule_types=[JurisdictionRule.RuleType.RENT_INCREASE_NOTICE])

    def figure(self, plan, *, today):
        current = Decimal(plan.lease.monthly_rent_amount)
        payload = plan.item.suggested_payload if plan.item else {}
        target = Decimal(str(payload.get("new_rent") or plan.unit.market_rent or 0))
        if target <= current:
            plan.error = f"The rent ({money(current)}) is already at or above the market rent ({money(target)})."
            return
        book = plan.rules or self.rules_for(today=today)
        rule = book.facts_for_property(plan.unit.property, JurisdictionRule.RuleType.RENT_INCREASE_NOTICE)
        lease = plan.lease
        terms = rules.rent_notice_terms(
            rule,
            notice_date=today,
            current=current,
            new=target,
            tenancy_start=lease.move_in_date or lease.lease_begin_date,
        )
        if terms.notice_days is None:
            state = plan.unit.property.jurisdiction_state or plan.unit.property.state
            plan.error = f"No rent-increase notice rule is on file for {state}; add one in the admin first."
            return
        effective = terms.effective_date
        plan.figures = {
            "current_rent": str(current),
            "new_rent": str(target),
            "increase": str(target - current),
            "increase_pct": round(float((target - current) / current * 100), 1) if current else None,
            "effective_date": effective.isoformat(),
            "notice_date": today.isoformat(),
            "notice_days": terms.notice_days,
            "citation": rule.citation,
        }
        law_note = (
            f" ({terms.notice_days} days' notice, {rule.citation})"
            if rule.citation
            else (f" ({terms.notice_days} days' notice: no rule on file here, the strictest on file applies)")
        )
        plan.summary = (
            f"Rent {money(current)} → {money(target)}/mo (+{money(target - current)}) from {short_date(effective)}"
            f"{law_note}."
        )

    def inputs(self, plan, *, today):
        f, prop, tenant = plan.figures, plan.unit.property, plan.lease.tenant
        current, new = Decimal(f["current_rent"]), Decimal(f["new_rent"])
        effective = datetime.date.fromisoformat(f["effective_date"])
        return {
            "notice_date": long_date(today),
            "tenant_name": f"{tenant.first_name} {tenant.last_name}",
            "tenant_first_name": tenant.first_name,
            "unit_number": plan.unit.unit_number,
            "property_name": prop.name,
            "property_address": _address(prop),
            "current_rent": money(current),
            "new_rent": money(new),
            "increase": money(new - current),
            "increase_pct": percent(round(float((new - current) / current * 100), 2)),
            "effective_date": long_date(effective),
            "effective_date_short": short_date(effective),
            "notice_days": f["notice_days"],
            "notice_citation": f.get("citation") or "",
            "notice_citation_text": f.get("citation") or "none on file (the strictest notice on file was used)",
            **_manager(prop),
        }

    def run_one(self, plan, *, method, actor, batch, today):
        f, lease = plan.figures, plan.lease
        effective = datetime.date.fromisoformat(f["effective_date"])
        try:
            with transaction.atomic():
                notice, created = RentIncreaseNotice.objects.get_or_create(
                    lease=lease,
                    effective_date=effective,
                    defaults=dict(
                        tenant_id=lease.tenant_id,
                        unit=plan.unit,
                        property_id=plan.unit.property_id,
                        current_rent=Decimal(f["current_rent"]),
                        new_rent=Decimal(f["new_rent"]),
                        notice_date=today,
                        subject=plan.draft.subject,
                        letter_text=plan.draft.body,
                        sms_text=plan.draft.sms_text,
                        provider=plan.draft.provider,
                        method=method,
                        bulk_batch=batch,
                        created_by=actor[:100],
                    ),
                )
        except IntegrityError:
            notice, created = RentIncreaseNotice.objects.get(lease=lease, effective_date=effective), False
        if not created:  # the stored notice is what goes out (dedupe keys make a resend safe)
            plan.draft = Draft(
                subject=notice.subject, body=notice.letter_text, sms_text=notice.sms_text, provider=notice.provider
            )
        ids = {"rent_increase_notice_id": str(notice.pk)}
        previous = {e["channel"]: e for e in notice.sent_via or []}
        wanted = CHANNELS_FOR[method]
        todo = [c for c in wanted if previous.get(c, {}).get("status") in (None, *NOT_DELIVERED)]
        if not created and not todo:
            return plan.result(
                ok=True,
                status="skipped",
                detail=f"A notice effective {short_date(effective)} was already "
                "recorded" + (" and sent." if wanted else "."),
                **ids,
                outbox_message_ids=_outbox_ids(notice.sent_via),
            )
        entries = deliver(
            plan=plan, channels=todo, key_prefix=f"portfolio:rent-notice:{notice.pk}", related_object=notice
        )
        merged = {**previous, **{e["channel"]: e for e in entries}}
        RentIncreaseNotice.objects.filter(pk=notice.pk).update(sent_via=list(merged.values()))
        ids["outbox_message_ids"] = _outbox_ids(merged.values())
        if not wanted:
            return plan.result(
                ok=True,
                status="done",
                detail=f"Notice recorded (effective {short_date(effective)}); deliver it by hand.",
                **ids,
            )
        ok, how = _delivery_outcome(entries)
        if not ok:
            return plan.result(ok=False, status="failed", detail=f"Notice recorded but not sent ({how}).", **ids)
        return plan.result(
            ok=True,
            status="done",
            detail=f"Notice sent by {how}: {money(f['new_rent'])}/mo from {short_date(effective)}.",
            **ids,
        )


def _outbox_ids(entries) -> list[str]:
    return [e["outbox_message_id"] for e in entries if e.get("outbox_message_id")]


# --- move-out inspection and listing prep (turnover work orders) -------------------------------------------


class _TurnoverExecutor(Executor):
    title: str
    states = (NOTICE,)

    def _open_work_orders(self, plans) -> dict:
        units = [p.unit.pk for p in plans if not p.error]
        return (
            open_work_orders_by_unit(unit_ids=units, category=UnitsMaintenance.Category.TURNOVER, titles=[self.title])
            if units
            else {}
        )

    def run(self, plans, *, method, actor, batch, today):
        existing = self._open_work_orders(plans)
        for plan in plans:
            plan.extra["work_order_id"] = existing.get(plan.unit.pk, {}).get(self.title)
        return super().run(plans, method=method, actor=actor, batch=batch, today=today)

    def _work_order(self, plan, *, actor, today, description, priority, scheduled) -> tuple[UnitsMaintenance, bool]:
        if plan.extra.get("work_order_id"):
            return UnitsMaintenance.objects.get(pk=plan.extra["work_order_id"]), False
        with transaction.atomic():
            wo = work_order_create(
                unit=plan.unit,
                title=self.title,
                category=UnitsMaintenance.Category.TURNOVER,
                priority=priority,
                description=description,
                requested_date=today,
                scheduled_date=scheduled,
                reported_by=actor,
            )
        return wo, True


class MoveOutInspectionExecutor(_TurnoverExecutor):
    action_type = ActionType.MOVE_OUT_INSPECTION
    label = "Schedule move-out inspections"
    title = INSPECTION_TITLE
    prompt = prompts.MOVE_OUT_INSPECTION_NOTICE
    quote_keys = ("inspection_date",)

    def figure(self, plan, *, today):
        move_out = plan.lease.notice_move_out_date
        if move_out is None:
            plan.error = "The notice has no move-out date."
            return
        inspection = max(move_out, today)
        plan.figures = {
            "move_out_date": move_out.isoformat(),
            "inspection_date": inspection.isoformat(),
            "days_to_move_out": (move_out - today).days,
        }
        plan.summary = f"Inspection on {short_date(inspection)} (move-out {short_date(move_out)})."

    def inputs(self, plan, *, today):
        f, prop, tenant = plan.figures, plan.unit.property, plan.lease.tenant
        inspection = datetime.date.fromisoformat(f["inspection_date"])
        return {
            "notice_date": long_date(today),
            "tenant_name": f"{tenant.first_name} {tenant.last_name}",
            "tenant_first_name": tenant.first_name,
            "unit_number": plan.unit.unit_number,
            "property_name": prop.name,
            "property_address": _address(prop),
            "move_out_date": long_date(datetime.date.fromisoformat(f["move_out_date"])),
            "inspection_date": long_date(inspection),
            "inspection_date_short": short_date(inspection),
            **_manager(prop),
        }

    def run_one(self, plan, *, method, actor, batch, today):
        f = plan.figures
        inspection = datetime.date.fromisoformat(f["inspection_date"])
        tenant = plan.tenant_name
        wo, created = self._work_order(
            plan,
            actor=actor,
            today=today,
            scheduled=inspection,
            priority="high" if f["days_to_move_out"] <= rules.NOTICE_HIGH_DAYS else "medium",
            description=(
                f"Move-out inspection with {tenant} (moving out {short_date(datetime.date.fromisoformat(f['move_out_date']))}). "
                "Walk through with the tenant, compare with the move-in report, photograph each room and "
                "record the deposit assessment. Created from the Portfolio Command Center."
            ),
        )
        ids = {"work_order_id": str(wo.pk), "work_order_number": wo.work_order_number}
        what = f"Inspection {wo.work_order_number} {'scheduled' if created else 'already scheduled'} for {short_date(wo.scheduled_date or inspection)}"
        channels = CHANNELS_FOR[method]
        if not channels:
            return plan.result(
                ok=True, status="done" if created else "skipped", detail=f"{what}; no notice sent.", **ids
            )
        entries = deliver(plan=plan, channels=channels, key_prefix=f"portfolio:inspection:{wo.pk}", related_object=wo)
        ids["outbox_message_ids"] = _outbox_ids(entries)
        ok, how = _delivery_outcome(entries)
        if not ok:
            return plan.result(ok=False, status="failed", detail=f"{what}, but the notice was not sent ({how}).", **ids)
        return plan.result(ok=True, status="done", detail=f"{what}; notice sent by {how}.", **ids)


class ListingPrepExecutor(_TurnoverExecutor):
    action_type = ActionType.LISTING_PREP
    label = "Start listing prep"
    title = LISTING_PREP_TITLE
    methods = INTERNAL_METHODS
    states = (NOTICE, VACANT)
    prompt = prompts.LISTING_PREP
    quote_keys = ("asking_rent", "ready_by")

    def plan(self, unit, *, item, today, rules=None):
        if unit.current_lease is None:  # a unit that never had a lease can be listed too
            plan = Plan(unit=unit, lease=None, item=item, rules=rules)
            self.figure(plan, today=today)
            return plan
        return super().plan(unit, item=item, today=today, rules=rules)

    def figure(self, plan, *, today):
        lease = plan.lease
        move_out = (lease.notice_move_out_date if lease and lease.lease_status == NOTICE else None) or today
        start = max(move_out, today)
        ready = start + datetime.timedelta(days=LISTING_READY_DAYS)
        asking = plan.unit.market_rent or plan.unit.current_rent
        plan.figures = {
            "move_out_date": move_out.isoformat(),
            "ready_by": ready.isoformat(),
            "asking_rent": str(asking),
            "scheduled_date": start.isoformat(),
        }
        plan.summary = f"Make-ready by {short_date(ready)}; list at {money(asking)}/mo."

    def inputs(self, plan, *, today):
        f, unit, prop = plan.figures, plan.unit, plan.unit.property
        baths = f"{unit.bathrooms.normalize():f}" if isinstance(unit.bathrooms, Decimal) else str(unit.bathrooms)
        ready = datetime.date.fromisoformat(f["ready_by"])
        return {
            "unit_number": unit.unit_number,
            "property_name": prop.name,
            "property_city": prop.city,
            "layout": f"{unit.bedrooms}-bedroom, {baths}-bath home" if unit.bedrooms else f"Studio, {baths}-bath home",
            "square_feet": f"{unit.square_feet:,} sq ft" if unit.square_feet else "",
            "amenities": ", ".join(str(a) for a in unit.amenities or []),
            "asking_rent": money(f["asking_rent"]),
            "move_out_date": long_date(datetime.date.fromisoformat(f["move_out_date"])),
            "ready_by": long_date(ready),
            "available_from": long_date(ready),
        }

    def run_one(self, plan, *, method, actor, batch, today):
        f = plan.figures
        wo, created = self._work_order(
            plan,
            actor=actor,
            today=today,
            priority="high",
            description=plan.draft.body,
            scheduled=datetime.date.fromisoformat(f["scheduled_date"]),
        )
        ids = {"work_order_id": str(wo.pk), "work_order_number": wo.work_order_number}
        if not created:
            return plan.result(
                ok=True, status="skipped", detail=f"Listing prep {wo.work_order_number} is already open.", **ids
            )
        return plan.result(
            ok=True,
            status="done",
            detail=f"Listing prep {wo.work_order_number} opened; ready by "
            f"{short_date(datetime.date.fromisoformat(f['ready_by']))}.",
            **ids,
        )


# --- eviction prep (collections) ----------------------------------------------------------------------------


class EvictionPrepExecutor(Executor):
    action_type = ActionType.EVICTION_PREP
    label = "Begin eviction prep"
    methods = INTERNAL_METHODS
    prompt = prompts.EVICTION_PREP
    quote_keys = ("balance",)

    def figure(self, plan, *, today):
        case = plan.unit.collections_case
        if case is None:
            plan.error = "The tenant has no open collections case; eviction prep starts from collections."
            return
        plan.figures = {
            "case_id": str(case.pk),
            "balance": str(case.current_balance),
            "days_overdue": case.days_overdue,
            "escalation_level": case.escalation_level,
            "case_status": case.status,
            "risk_profile": case.tenant_risk_profile,
            "due_date": case.due_date.isoformat(),
        }
        plan.summary = (
            f"{money(case.current_balance)} overdue for {case.days_overdue} days; collections level "
            f"{case.escalation_level}/5 ({case.status.replace('_', ' ')})."
        )

    def inputs(self, plan, *, today):
        f, prop, lease = plan.figures, plan.unit.property, plan.lease
        place = ", ".join(p for p in (prop.jurisdiction_city or prop.city, prop.jurisdiction_state or prop.state) if p)
        return {
            "tenant_name": f"{lease.tenant.first_name} {lease.tenant.last_name}",
            "unit_number": plan.unit.unit_number,
            "property_name": prop.name,
            "jurisdiction": place or "the property's jurisdiction",
            "balance": money(f["balance"]),
            "due_date": long_date(datetime.date.fromisoformat(f["due_date"])),
            "days_overdue": f["days_overdue"],
            "escalation_level": f["escalation_level"],
            "case_status": f["case_status"].replace("_", " "),
            "risk_profile": f["risk_profile"].replace("_", " "),
            "rent": money(lease.monthly_rent_amount),
            "lifecycle_state": STATUS_WORDS.get(lease.lease_status, ""),
        }

    def run_one(self, plan, *, method, actor, batch, today):
        case = CollectionCase.objects.get(pk=plan.figures["case_id"])
        memo = f"Eviction prep (Portfolio Command Center)\n\n{plan.draft.subject}\n\n{plan.draft.body}"
        ids = {"collections_case_id": str(case.pk)}
        if case.status == CollectionCase.Status.ESCALATED:
            action = case_note_add(case=case, text=memo, actor=actor)
            return plan.result(
                ok=True,
                status="done",
                detail="Eviction-prep memo added to the escalated case.",
                collections_action_id=str(action.pk),
                **ids,
            )
        action = case_escalate(case=case, actor=actor, note=memo)
        return plan.result(
            ok=True,
            status="done",
            detail="Case escalated to legal with the eviction-prep memo.",
            collections_action_id=str(action.pk),
            **ids,
        )


EXECUTORS: dict[str, Executor] = {
    ActionType.RENEWAL_OFFER: RenewalExecutor(ActionType.RENEWAL_OFFER, "Send renewal offers"),
    ActionType.EARLY_RENEWAL_NUDGE: RenewalExecutor(ActionType.EARLY_RENEWAL_NUDGE, "Send early renewal offers"),
    ActionType.RENT_INCREASE_NOTICE: RentIncreaseExecutor(),
    ActionType.MOVE_OUT_INSPECTION: MoveOutInspectionExecutor(),
    ActionType.LISTING_PREP: ListingPrepExecutor(),
    ActionType.EVICTION_PREP: EvictionPrepExecutor(),
}
