"""Writes for the portfolio command center (spec 1.4): the nightly AI action queue, dismissing an item, and
bulk actions (preview, create, execute, cancel).

* The agent is set-based and idempotent (see ai_action_queue_generate). It stores figures, descriptions and
  reasons; the draft content of an item (`generated_content`) is written lazily, through the AI gateway,
  when a manager previews the action (portfolio/DECISIONS.md).
* A bulk action records a BulkActionBatch first, then executes per unit through the owning apps
  (portfolio.executors). A unit's failure is recorded in the batch's `results` and never stops the others.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.utils import batched, parse_uuid
from portfolio import rules, selectors
from portfolio.executors import EXECUTORS
from portfolio.models import ActionType, AIActionQueue, BulkActionBatch
from tenants.open_items import lease_open_items

logger = logging.getLogger(__name__)

Status = AIActionQueue.Status
BatchStatus = BulkActionBatch.Status
AGENT_ACTOR = "system:ai_action_queue"
MAX_UNITS = 500
PREVIEW_DEFAULT = 10
PREVIEW_MAX = 50
PROGRESS_EVERY = 10  # units between progress saves of a running batch
SCHEDULE_GRACE = datetime.timedelta(minutes=1)
# Columns the agent rewrites on today's items when the facts changed (never status or drafts).
_REFRESHED = (
    "lease_id",
    "property_id",
    "description",
    "suggested_payload",
    "confidence_score",
    "priority",
    "lifecycle_state",
    "generation_reason",
)


# --- the nightly agent -------------------------------------------------------------------------------------


def ai_action_queue_generate(*, today: datetime.date | None = None, chunk_size: int = 2000) -> str:
    """Spec 1.4 nightly agent. Returns e.g. "Evaluated 3987 units: 2093 recommendations (...); superseded 0."

    1. one query for the current occupied lease of every unit (selectors.agent_lease_ids);
    2. per chunk of `chunk_size` leases: the facts in a fixed number of queries (selectors.agent_facts_for),
       the rules in memory (portfolio.rules: 0-2 per unit, confidence >= 0.60), today's existing items
       (one query), one bulk INSERT of the new ones and one bulk UPDATE of those whose facts changed;
    3. pending items from earlier days, and today's pending items no rule produces any more, -> superseded.
    Running it twice the same day changes nothing: items are unique per (unit, action type, day) and a
    second run finds every row already as it would write it. Dismissed or executed items keep their status.
    """
    if chunk_size < 1:
        raise ApplicationError("chunk_size must be at least 1.")
    today = today or timezone.localdate()
    lease_ids = selectors.agent_lease_ids()
    rent_notice_rules = selectors.agent_rent_notice_rules(today=today)  # the law, once per run
    kept: set = set()  # (unit_id, action_type) recommended today
    by_type: Counter = Counter()
    created = updated = 0
    for chunk in batched(lease_ids, chunk_size):
        facts = selectors.agent_facts_for(lease_ids=chunk, today=today, rent_notice_rules=rent_notice_rules)
        existing = selectors.queue_items_on(unit_ids=[f.unit_id for f in facts], day=today)
        new, changed = [], []
        for f in facts:
            for c in rules.recommend(f, today):
                by_type[c.action_type] += 1
                kept.add((f.unit_id, c.action_type))
                values = {
                    "lease_id": f.lease_id,
                    "property_id": f.property_id,
                    "description": c.description,
                    "suggested_payload": c.payload,
                    "confidence_score": c.confidence,
                    "priority": c.priority,
                    "lifecycle_state": f.lifecycle_state,
                    "generation_reason": c.reason,
                }
                item = existing.get((f.unit_id, c.action_type))
                if item is None:
                    new.append(
                        AIActionQueue(
                            unit_id=f.unit_id,
                            action_type=c.action_type,
                            generated_on=today,
                            status=Status.PENDING,
                            **values,
                        )
                    )
                    continue
                if any(getattr(item, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(item, k, v)
                    changed.append(item)
        if new:
            # A concurrent run may have inserted the same (unit, type, day): the constraint skips it.
            AIActionQueue.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
            created += len(new)
        if changed:
            now = timezone.now()
            for item in changed:
                item.updated_at = now
            AIActionQueue.objects.bulk_update(changed, [*_REFRESHED, "updated_at"], batch_size=500)
            updated += len(changed)
    superseded = _supersede(today=today, kept=kept)
    # In words (the summary is shown to managers as the run's result): "Offer renewal 1032, …".
    counts = ", ".join(f"{ActionType(t).label} {by_type[t]}" for t in rules.ACTION_TYPES if by_type[t])
    return (
        f"Evaluated {len(lease_ids)} units: {sum(by_type.values())} recommendations ({counts or 'none'}); "
        f"created {created}, updated {updated}, superseded {superseded}."
    )


def _supersede(*, today: datetime.date, kept: set) -> int:
    """Pending items from earlier days, and today's pending items this run did not produce -> superseded."""
    now = timezone.now()
    stale = AIActionQueue.objects.filter(status=Status.PENDING, generated_on__lt=today).update(
        status=Status.SUPERSEDED, updated_at=now
    )
    todays = AIActionQueue.objects.filter(status=Status.PENDING, generated_on=today).values_list(
        "id", "unit_id", "action_type"
    )
    gone = [pk for pk, unit_id, action_type in todays if (unit_id, action_type) not in kept]
    for chunk in batched(gone, 500):
        stale += AIActionQueue.objects.filter(pk__in=chunk, status=Status.PENDING).update(
            status=Status.SUPERSEDED, updated_at=now
        )
    return stale


def ai_action_dismiss(*, item: AIActionQueue, actor: str) -> AIActionQueue:
    """pending/approved -> dismissed. The agent does not recommend the same action for the lease for 30 days."""
    with transaction.atomic():
        locked = AIActionQueue.objects.select_for_update().get(pk=item.pk)
        if locked.status not in AIActionQueue.OPEN_STATUSES:
            raise ApplicationError(f"Only pending recommendations can be dismissed; this one is {locked.status}.")
        locked.status, locked.dismissed_at, locked.dismissed_by = Status.DISMISSED, timezone.now(), actor[:100]
        locked.save(update_fields=["status", "dismissed_at", "dismissed_by", "updated_at"])
    return locked


def _mark_executed(*, batch: BulkActionBatch, unit_ids: list, now: datetime.datetime) -> int:
    """The open queue items of this action type for units that succeeded -> executed (one UPDATE)."""
    if not unit_ids:
        return 0
    return AIActionQueue.objects.filter(
        unit_id__in=unit_ids, action_type=batch.action_type, status__in=AIActionQueue.OPEN_STATUSES
    ).update(
        status=Status.EXECUTED,
        executed_at=now,
        executed_by=batch.executed_by[:100],
        execution_method=batch.execution_method,
        bulk_batch_id=batch.pk,
        updated_at=now,
    )


# --- bulk actions ------------------------------------------------------------------------------------------


def _check_request(*, action_type: str, unit_ids: list, method: str | None = None) -> dict:
    """Validates what the serializers cannot: the units exist, the method suits the action. Returns the units
    ({unit_id: unit}, loaded by selectors.units_for_action) in the order given."""
    if action_type not in EXECUTORS:
        raise ApplicationError(f"Unknown action_type '{action_type}'.", extra={"errors": {"action_type": ["Unknown."]}})
    executor = EXECUTORS[action_type]
    if method is not None and method not in executor.methods:
        allowed = ", ".join(executor.methods)
        raise ApplicationError(
            f"{executor.label} is an internal action; use method 'manual'."
            if allowed == "manual"
            else f"Method '{method}' is not available for {action_type}; use one of {allowed}.",
            extra={"errors": {"method": [f"Use one of {allowed}."]}},
        )
    if not unit_ids:
        raise ApplicationError(
            "Select at least one unit.", extra={"errors": {"unit_ids": ["Select at least one unit."]}}
        )
    if len(unit_ids) > MAX_UNITS:
        raise ApplicationError(
            f"At most {MAX_UNITS} units per bulk action (got {len(unit_ids)}).",
            extra={"errors": {"unit_ids": [f"At most {MAX_UNITS} units."]}},
        )
    units = selectors.units_for_action(unit_ids=unit_ids)
    unknown = [str(u) for u in unit_ids if u not in units]
    if unknown:
        shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        raise ApplicationError(f"Unknown unit ids: {shown}.", extra={"errors": {"unit_ids": [f"Unknown: {shown}."]}})
    return units


def _plans(*, action_type: str, unit_ids: list, units: dict, today: datetime.date) -> list:
    executor = EXECUTORS[action_type]
    items = selectors.open_actions_for(unit_ids=unit_ids, action_type=action_type)
    rules_ = executor.rules_for(today=today)  # e.g. the notice law, once for the selection
    plans = [executor.plan(units[u], item=items.get(u), today=today, rules=rules_) for u in unit_ids]
    _check_open_items(plans, action_type=action_type, today=today)
    return plans


def _check_open_items(plans: list, *, action_type: str, today: datetime.date) -> None:
    """Marks the plans whose action would contradict an open item on the lease (tenants.open_items)."""
    if action_type == rules.RENT_INCREASE_NOTICE:
        # A notice must not contradict what is in flight on the lease (a renewal offer out, a notice already
        # sent, a payment plan). Renewal offers are guarded by renewals itself (renewal_offers_prepare).
        leases = [p.lease.pk for p in plans if not p.error and p.lease is not None]
        open_items = lease_open_items(lease_ids=leases, today=today) if leases else {}
        for p in plans:
            if p.error or p.lease is None:
                continue
            # A notice already sent is the executor's own business (it answers "already sent", skipped).
            others = [i for i in open_items.get(p.lease.pk, ()) if i.kind != rules.RENT_INCREASE_NOTICE]
            label = rules.conflicts_for(others).get(action_type)
            if label:
                p.error = f"{label} is open on this lease; a rent increase notice would contradict it."


def bulk_action_preview(
    *, action_type: str, unit_ids: list, limit: int = PREVIEW_DEFAULT, today: datetime.date | None = None
) -> dict:
    """Per unit: eligible or why not, a one-line summary of the figures, and — for the first `limit` eligible
    units — the content that will be sent, through the AI gateway (`provider` says which). Drafts are kept on
    the unit's open queue item (its `generated_content`) so executing sends what was previewed; renewal
    letters are the renewal recommendation's own (created like the nightly scan's when missing)."""
    today = today or timezone.localdate()
    unit_ids = list(dict.fromkeys(unit_ids))
    units = _check_request(action_type=action_type, unit_ids=unit_ids)
    executor = EXECUTORS[action_type]
    plans = _plans(action_type=action_type, unit_ids=unit_ids, units=units, today=today)
    shown = [p for p in plans if not p.error][: max(0, min(limit, PREVIEW_MAX))]
    executor.draft_all(shown, today=today, store=True)
    shown_ids = {id(p) for p in shown}
    rows = []
    for p in plans:
        draft = p.draft
        rows.append(
            {
                "unit_id": p.unit.pk,
                "unit_number": p.unit.unit_number,
                "property_name": p.unit.property.name,
                "tenant_name": p.tenant_name,
                "eligible": p.error is None,
                "error": p.error or p.draft_error,
                "summary": p.summary,
                "figures": p.figures,
                "content_shown": id(p) in shown_ids and draft is not None,
                "subject": draft.subject if draft else None,
                "content": draft.body if draft else None,
                "sms_text": draft.sms_text if draft else None,
                "provider": draft.provider if draft else None,
                "ai_action_id": p.item.pk if p.item else None,
            }
        )
    eligible = sum(1 for r in rows if r["eligible"])
    return {
        "action_type": action_type,
        "label": executor.label,
        "methods": list(executor.methods),
        "count": len(rows),
        "eligible_count": eligible,
        "ineligible_count": len(rows) - eligible,
        "shown_count": sum(1 for r in rows if r["content_shown"]),
        "units": rows,
    }


def bulk_action_create(
    *,
    action_type: str,
    unit_ids: list,
    method: str,
    actor: str,
    scheduled_for: datetime.datetime | None = None,
    exclude_unit_ids: list | None = None,
    now: datetime.datetime | None = None,
) -> BulkActionBatch:
    """Records the batch and queues its execution: now, or at `scheduled_for` (Celery eta). The units are
    checked here (all exist, at most 500, method suits the action), so a batch never starts half-valid.
    `exclude_unit_ids`: units the manager unchecked in the preview; they are left out (and listed in the
    batch's suggested_payload["excluded_unit_ids"])."""
    now = now or timezone.now()
    excluded = {str(u) for u in exclude_unit_ids or []}
    unit_ids = [u for u in dict.fromkeys(unit_ids) if str(u) not in excluded]
    if not unit_ids:
        raise ApplicationError(
            "Every selected unit was excluded; nothing to do.",
            extra={"errors": {"exclude_unit_ids": ["Excludes every unit."]}},
        )
    _check_request(action_type=action_type, unit_ids=unit_ids, method=method)
    if scheduled_for is not None and scheduled_for < now - SCHEDULE_GRACE:
        raise ApplicationError("scheduled_for is in the past.", extra={"errors": {"scheduled_for": ["In the past."]}})
    later = scheduled_for is not None and scheduled_for > now
    batch = BulkActionBatch.objects.create(
        action_type=action_type,
        unit_count=len(unit_ids),
        unit_ids=[str(u) for u in unit_ids],
        executed_by=actor[:100],
        execution_method=method,
        scheduled_for=scheduled_for if later else None,
        status=BatchStatus.PENDING,
        suggested_payload={
            "label": EXECUTORS[action_type].label,
            **({"excluded_unit_ids": sorted(excluded)} if excluded else {}),
        },
    )
    from portfolio.tasks import execute_bulk_action_batch

    def _queue():
        if later:
            result = execute_bulk_action_batch.apply_async(args=[str(batch.pk)], eta=scheduled_for)
        else:
            result = execute_bulk_action_batch.delay(str(batch.pk))
        BulkActionBatch.objects.filter(pk=batch.pk, task_id="").update(task_id=str(result.id or "")[:64])

    transaction.on_commit(_queue)
    return batch


def bulk_action_execute(*, batch_id, today: datetime.date | None = None) -> BulkActionBatch | None:
    """Runs a pending batch (claimed atomically, so two workers never run it twice): every unit through its
    executor, in chunks of 10 with progress saved after each chunk; the queue items of the units that
    succeeded become executed. Final status: sent (no unit failed), failed (every unit failed) or partial.
    A batch that is not pending (running, done, cancelled) is left alone."""
    now = timezone.now()
    claimed = BulkActionBatch.objects.filter(pk=batch_id, status=BatchStatus.PENDING).update(
        status=BatchStatus.RUNNING, started_at=now
    )
    batch = BulkActionBatch.objects.filter(pk=batch_id).first()
    if not claimed or batch is None:
        return batch
    today = today or timezone.localdate()
    executor = EXECUTORS[batch.action_type]
    results: list[dict] = []
    try:
        unit_ids = [parse_uuid(u) for u in batch.unit_ids]
        units = selectors.units_for_action(unit_ids=unit_ids)
        items = selectors.open_actions_for(unit_ids=unit_ids, action_type=batch.action_type)
        rules_ = executor.rules_for(today=today)  # e.g. the notice law, once for the batch
        for chunk in batched(unit_ids, PROGRESS_EVERY):
            missing = [u for u in chunk if u not in units]
            plans = [executor.plan(units[u], item=items.get(u), today=today, rules=rules_) for u in chunk if u in units]
            _check_open_items(plans, action_type=batch.action_type, today=today)
            chunk_results = executor.run(
                plans, method=batch.execution_method, actor=batch.executed_by, batch=batch, today=today
            )
            chunk_results += [
                {
                    "unit_id": str(u),
                    "unit_number": None,
                    "tenant_name": None,
                    "ok": False,
                    "status": "failed",
                    "detail": "The unit no longer exists.",
                }
                for u in missing
            ]
            results.extend(chunk_results)
            _mark_executed(batch=batch, unit_ids=[r["unit_id"] for r in chunk_results if r["ok"]], now=timezone.now())
            _save_progress(batch, results, final=False)
    except Exception:
        logger.exception("Bulk action batch %s crashed", batch.pk)
        done = {r["unit_id"] for r in results}
        results += [
            {
                "unit_id": str(u),
                "unit_number": None,
                "tenant_name": None,
                "ok": False,
                "status": "failed",
                "detail": "Not run: the batch stopped on an unexpected error.",
            }
            for u in batch.unit_ids
            if str(u) not in done
        ]
    _save_progress(batch, results, final=True)
    return batch


def _save_progress(batch: BulkActionBatch, results: list[dict], *, final: bool) -> None:
    counts = Counter(r["status"] for r in results)
    batch.results = results
    batch.succeeded_count, batch.skipped_count, batch.failed_count = counts["done"], counts["skipped"], counts["failed"]
    fields = ["results", "succeeded_count", "skipped_count", "failed_count"]
    if final:
        ok = counts["done"] + counts["skipped"]
        batch.status = (
            BatchStatus.SENT if not counts["failed"] else BatchStatus.FAILED if not ok else BatchStatus.PARTIAL
        )
        batch.completed_at = timezone.now()
        label = EXECUTORS[batch.action_type].label if batch.action_type in EXECUTORS else batch.action_type
        batch.result_summary = (
            f"{label}: {counts['done']} done, {counts['skipped']} already done, "
            f"{counts['failed']} failed of {batch.unit_count}."
        )
        fields += ["status", "completed_at", "result_summary"]
    batch.save(update_fields=fields)


def bulk_action_cancel(*, batch: BulkActionBatch, actor: str) -> BulkActionBatch:
    """A batch that has not started (scheduled, or queued) -> cancelled. The queued task then finds it not
    pending and does nothing."""
    cancelled = BulkActionBatch.objects.filter(pk=batch.pk, status=BatchStatus.PENDING).update(
        status=BatchStatus.CANCELLED,
        completed_at=timezone.now(),
        result_summary=f"Cancelled by {actor[:100]} before it ran.",
    )
    batch.refresh_from_db()
    if not cancelled:
        raise ApplicationError(f"Only a batch that has not started can be cancelled; this one is {batch.status}.")
    return batch


def bulk_actions_run_due(*, now: datetime.datetime | None = None) -> str:
    """Runs scheduled batches whose time has come (for deployments without a Celery worker honouring the eta;
    `python manage.py run_task portfolio.run_due_bulk_actions`)."""
    now = now or timezone.now()
    ids = list(
        BulkActionBatch.objects.filter(status=BatchStatus.PENDING, scheduled_for__lte=now)
        .order_by("scheduled_for")
        .values_list("id", flat=True)
    )
    for pk in ids:
        bulk_action_execute(batch_id=pk)
    return f"Ran {len(ids)} due bulk actions."
