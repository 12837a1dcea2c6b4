"""Determinations: the prompt through core.ai (Claude, or the rules engine offline), stored on the work order
(through units.services) and in the decision log."""

from __future__ import annotations

import datetime
from decimal import Decimal

from core.ai import AIError, complete_json
from core.exceptions import ApplicationError
from core.utils import batched
from responsibility import selectors
from responsibility.models import ResponsibilityDecision
from responsibility.prompts import RESPONSIBILITY_DETERMINATION, prompt_inputs
from units.models import UnitsMaintenance
from units.services import work_order_responsibility_bulk_set, work_order_responsibility_set

CHUNK = 500


def _ask(ctx: dict, extras: dict) -> dict:
    try:
        result = complete_json(RESPONSIBILITY_DETERMINATION, prompt_inputs(ctx, **extras), offline_fallback=True)
    except AIError as exc:
        raise ApplicationError(f"The determination could not be made: {exc}", status_code=503) from exc
    data = dict(result.data)
    for key in ("tenant_charge", "split", "note"):
        data.setdefault(key, None)
    if data["responsibility"] == "owner":
        data["tenant_charge"] = None
    data["provider"] = result.provider
    return data


def responsibility_assess(*, context: dict) -> dict:
    """The engine on an explicit context (the assess API): nothing stored."""
    return _ask(context, {})


def _stored(ctx: dict, data: dict) -> dict:
    amount = data["tenant_charge"]["amount"] if data.get("tenant_charge") else None
    return {
        "responsibility": data["responsibility"],
        "confidence": int(data["confidence"]),
        "reasoning": data["reasoning"],
        "tenant_charge_amount": None if amount is None else Decimal(str(amount)).quantize(Decimal("0.01")),
        "evidence": {
            "key_factors": data.get("key_factors") or [],
            "tenant_charge": data.get("tenant_charge"),
            "split": data.get("split"),
            "dispute_risk": data.get("dispute_risk"),
            "note": data.get("note"),
            "provider": data.get("provider"),
            "context": {
                k: ctx[k] for k in ("equipment", "photo_analysis", "tenant", "building_age_years", "total_cost")
            },
        },
    }


def _log(wo: UnitsMaintenance, v: dict, *, actor: str, actor_name: str) -> ResponsibilityDecision:
    return ResponsibilityDecision(
        work_order_id=wo.pk,
        property_id=wo.property_id,
        kind=ResponsibilityDecision.Kind.DETERMINATION,
        ai_responsibility=v["responsibility"],
        ai_confidence=v["confidence"],
        ai_amount=v["tenant_charge_amount"],
        provider=v["evidence"]["provider"] or "",
        final_responsibility=v["responsibility"],
        final_amount=v["tenant_charge_amount"],
        reason=v["reasoning"],
        actor=actor,
        actor_name=actor_name,
    )


def work_order_determine(
    *, work_order: UnitsMaintenance, today: datetime.date, actor: str = "system", actor_name: str = ""
) -> dict:
    """Gathers the context, determines, stores the answer on the work order and in the log; returns the answer."""
    if work_order.status not in selectors.DONE:
        raise ApplicationError("Only a completed work order can be determined.", extra={"field": "status"})
    ctx, extras = selectors.determination_contexts(work_orders=[work_order], today=today)[work_order.pk]
    data = _ask(ctx, extras)
    v = _stored(ctx, data)
    work_order_responsibility_set(
        work_order=work_order,
        responsibility=v["responsibility"],
        confidence=v["confidence"],
        reasoning=v["reasoning"],
        tenant_charge_amount=v["tenant_charge_amount"],
        evidence=v["evidence"],
    )
    _log(work_order, v, actor=actor, actor_name=actor_name).save()
    return data


def responsibility_determine_pending(
    *, today: datetime.date, limit: int | None = None, completed_since: datetime.date | None = None
) -> str:
    """The nightly agent: every completed work order (with a tenant) that has no determination yet. The context is
    gathered set-wise per chunk; one gateway call per order; the answers written in bulk. Safe to run twice: a
    determined order is no longer pending."""
    pending = selectors.work_orders_awaiting_determination()
    if completed_since is not None:
        pending = pending.filter(completed_date__gte=completed_since)
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    if limit is not None:
        ids = ids[:limit]
    counts = {"owner": 0, "tenant": 0, "shared": 0}
    for chunk in batched(ids, CHUNK):
        orders = list(UnitsMaintenance.objects.select_related("unit", "property", "lease").filter(pk__in=chunk))
        contexts = selectors.determination_contexts(work_orders=orders, today=today)
        rows, logs = [], []
        for wo in orders:
            ctx, extras = contexts[wo.pk]
            v = _stored(ctx, _ask(ctx, extras))
            rows.append((wo, v))
            logs.append(_log(wo, v, actor="system", actor_name="Nightly determination"))
            counts[v["responsibility"]] += 1
        work_order_responsibility_bulk_set(rows=rows)
        ResponsibilityDecision.objects.bulk_create(logs, batch_size=CHUNK)
    return (
        f"Determined {len(ids)} work orders: {counts['owner']} owner, {counts['tenant']} tenant, "
        f"{counts['shared']} shared."
    )
