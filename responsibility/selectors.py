"""Reads for the responsibility review, scoped by the caller (the models' ScopedManager) — and the context of a
determination gathered set-wise: a fixed number of queries for any number of work orders."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum

from inspections.selectors import photo_evidence_for_leases
from predictive_maintenance.selectors import equipment_list
from responsibility.models import ResponsibilityDecision, TenantCharge
from tenants.models import TenantLedgerEntry
from units.models import UnitsMaintenance

DONE = (UnitsMaintenance.Status.COMPLETED, UnitsMaintenance.Status.CLOSED)
HUMAN_DECISIONS = (ResponsibilityDecision.Kind.CONFIRM, ResponsibilityDecision.Kind.WAIVE)
SIMILAR_WINDOW_DAYS = 730

# Which equipment a work order is about: by its category, then by what the text names.
_EQUIPMENT_WORDS = (
    (re.compile(r"\bwater heater|\bhot water\b"), "water_heater"),
    (re.compile(r"\bboiler\b"), "boiler"),
    (re.compile(r"\b(?:refrigerator|fridge|freezer)\b"), "refrigerator"),
    (re.compile(r"\bdishwasher\b"), "dishwasher"),
    (re.compile(r"\bwasher\b|\bwashing machine\b"), "washer"),
    (re.compile(r"\bdryer\b"), "dryer"),
    (re.compile(r"\b(?:range|oven|stove|burner|cooktop)\b"), "range"),
    (re.compile(r"\broof\b"), "roof"),
    (re.compile(r"\belevator\b"), "elevator"),
    (re.compile(r"\b(?:ac|a/c|air condition\w*|furnace|heat pump|hvac|heater|no heat|cooling|heating)\b"), "hvac"),
)


def equipment_type_for(*, category: str, text: str) -> str | None:
    text = (text or "").lower()
    for pattern, etype in _EQUIPMENT_WORDS:
        if pattern.search(text):
            return etype
    return {"hvac": "hvac"}.get(category)


def _photo_evidence_by_lease(lease_ids) -> dict:
    """The move-out inspection's photo analysis per lease: {lease_id: {"inspection_id", "inspection_date", "photos",
    "damage_type", "wear_pattern", "condition_notes", "damage_items": [...]}} (3.1's reviewed or analysed photos)."""
    return photo_evidence_for_leases(lease_ids=lease_ids)


def _years(later: datetime.date, earlier: datetime.date) -> float:
    return round((later - earlier).days / 365.25, 1)


def determination_contexts(*, work_orders: list[UnitsMaintenance], today: datetime.date) -> dict:
    """{work order id: (context, prompt extras)} — the context in the assess body's shape; the extras are the
    prompt's dates. Five queries whatever the number of orders (equipment, damage charges, similar issues, photo
    evidence, plus the caller's own select_related load)."""
    if not work_orders:
        return {}
    unit_ids = {wo.unit_id for wo in work_orders}
    property_ids = {wo.property_id for wo in work_orders}
    tenant_ids = {wo.tenant_id for wo in work_orders if wo.tenant_id}
    lease_ids = {wo.lease_id for wo in work_orders if wo.lease_id}

    by_unit: dict = defaultdict(list)
    by_building: dict = defaultdict(list)
    for eq in (
        equipment_list()
        .filter(Q(unit_id__in=unit_ids) | Q(property_ref_id__in=property_ids, unit__isnull=True))
        .only(
            "id",
            "unit_id",
            "property_ref_id",
            "building",
            "equipment_type",
            "name",
            "install_date",
            "expected_lifespan_years",
            "warranty_expiration",
        )
    ):
        if eq.unit_id:
            by_unit[(eq.unit_id, eq.equipment_type)].append(eq)
        else:
            by_building[(eq.property_ref_id, eq.building, eq.equipment_type)].append(eq)

    damage = (
        dict(
            TenantLedgerEntry.objects.filter(
                tenant_id__in=tenant_ids,
                trans_type=TenantLedgerEntry.TransType.CHARGE,
                charge_code=TenantLedgerEntry.ChargeCode.DAMAGE,
            )
            .values_list("tenant_id")
            .annotate(n=Count("id"))
        )
        if tenant_ids
        else {}
    )
    similar = {
        (u, c): n
        for u, c, n in UnitsMaintenance.objects.filter(
            unit_id__in=unit_ids, requested_date__gte=today - datetime.timedelta(days=SIMILAR_WINDOW_DAYS)
        )
        .exclude(status=UnitsMaintenance.Status.CANCELLED)
        .values_list("unit_id", "category")
        .annotate(n=Count("id"))
    }
    photos = _photo_evidence_by_lease(lease_ids) if lease_ids else {}

    out = {}
    for wo in work_orders:
        on = wo.completed_date or wo.requested_date
        text = f"{wo.title} {wo.description} {wo.technician_notes}"
        etype = equipment_type_for(category=wo.category, text=text)
        eq = None
        if etype:
            candidates = (
                by_unit.get((wo.unit_id, etype))
                or by_building.get((wo.property_id, wo.unit.building, etype))
                or by_building.get((wo.property_id, "", etype))
                or []
            )
            eq = max(candidates, key=lambda e: e.install_date, default=None)
        equipment = None
        extras = {"unit": f"{wo.unit.unit_number}, {wo.property.name}"}
        if eq is not None:
            equipment = {
                "item": eq.equipment_type,
                "age_years": max(0.0, _years(on, eq.install_date)),
                "expected_lifespan_years": eq.expected_lifespan_years,
                "warranty_active": None if eq.warranty_expiration is None else eq.warranty_expiration >= on,
            }
            extras["install_date"] = eq.install_date.isoformat()
            extras["warranty_date"] = eq.warranty_expiration.isoformat() if eq.warranty_expiration else ""
        lease = wo.lease
        move_in = (lease.move_in_date or lease.lease_begin_date) if lease else None
        if move_in:
            extras["move_in_date"] = move_in.isoformat()
        photo = photos.get(wo.lease_id) if wo.lease_id else None
        if photo and on < datetime.date.fromisoformat(photo["inspection_date"]):
            # the move-out walk-through shows the unit as the tenant left it: evidence for the repairs done from
            # then on (the turnover's), not for a repair made during the tenancy
            photo = None
        built = wo.property.year_built
        ctx = {
            "description": f"{wo.title}. {wo.description}".strip(" ."),
            "tech_notes": wo.technician_notes,
            "category": wo.category,
            "total_cost": float(wo.actual_cost if wo.actual_cost is not None else wo.estimated_cost or 0),
            "building_age_years": max(0, on.year - built) if built else None,
            "equipment": equipment,
            "photo_analysis": None
            if not photo
            else {
                "damage_type": photo.get("damage_type") or "",
                "wear_pattern": photo.get("wear_pattern") or "",
                "condition_notes": photo.get("condition_notes") or "",
            },
            "tenant": {
                "months_in_unit": max(0, (on - move_in).days // 30) if move_in else None,
                "previous_damage_charges": damage.get(wo.tenant_id, 0) if wo.tenant_id else 0,
                "similar_issues": max(0, similar.get((wo.unit_id, wo.category), 1) - 1),
            },
        }
        out[wo.pk] = (ctx, extras)
    return out


def work_orders_awaiting_determination() -> QuerySet[UnitsMaintenance]:
    """Completed (or closed) work orders with a tenant in occupancy and no determination yet (the agent's set)."""
    return UnitsMaintenance.objects.filter(status__in=DONE, responsibility="", tenant__isnull=False)


def work_order_for_determination(*, work_order_id) -> UnitsMaintenance | None:
    return (
        UnitsMaintenance.objects.select_related("unit", "property", "lease", "tenant").filter(pk=work_order_id).first()
    )


def decision_queue() -> QuerySet[UnitsMaintenance]:
    """Determined work orders no coordinator has decided yet (tenant or shared first: they need a decision)."""
    decided = ResponsibilityDecision.objects.filter(work_order_id=OuterRef("pk"), kind__in=HUMAN_DECISIONS)
    return (
        UnitsMaintenance.objects.filter(status__in=DONE)
        .exclude(responsibility="")
        .annotate(decided=Exists(decided))
        .filter(decided=False)
        .select_related("unit", "property", "tenant")
        .order_by("-completed_date", "-requested_date")
    )


def charge_list() -> QuerySet[TenantCharge]:
    return TenantCharge.objects.select_related("work_order", "tenant", "property", "work_order__unit")


def charge_get(*, charge_id) -> TenantCharge | None:
    return charge_list().filter(pk=charge_id).first()


def decision_log_for(*, work_order_id) -> QuerySet[ResponsibilityDecision]:
    return ResponsibilityDecision.objects.filter(work_order_id=work_order_id).order_by("-created_at")


def charges_for_work_order(*, work_order_id) -> QuerySet[TenantCharge]:
    return TenantCharge.objects.filter(work_order_id=work_order_id).order_by("-created_at")


def responsibility_metrics() -> dict:
    """The PRP's success metrics, live: agreement of the coordinator's final decision with the AI's, dispute rate
    of tenant charges, share of decisions with reasoning logged, collection rate of billed tenant charges."""
    decided = ResponsibilityDecision.objects.filter(kind__in=HUMAN_DECISIONS)
    agg = decided.aggregate(
        n=Count("id"),
        agree=Count("id", filter=Q(ai_responsibility=F("final_responsibility"))),
    )
    logged = ResponsibilityDecision.objects.aggregate(n=Count("id"), reasoned=Count("id", filter=~Q(reason="")))
    charges = TenantCharge.objects.exclude(status=TenantCharge.Status.WAIVED).aggregate(
        n=Count("id"),
        disputed=Count("id", filter=Q(disputed_at__isnull=False)),
    )
    billed = TenantCharge.objects.filter(billed_at__isnull=False).aggregate(
        billed=Sum("amount"), paid=Sum("amount", filter=Q(status=TenantCharge.Status.PAID))
    )
    by_status = dict(TenantCharge.objects.values_list("status").annotate(n=Count("id")))

    def pct(a, b):
        return None if not b else round(100 * float(a) / float(b), 1)

    return {
        "decisions": agg["n"],
        "agreement_pct": pct(agg["agree"], agg["n"]),
        "tenant_charges": charges["n"],
        "dispute_rate_pct": pct(charges["disputed"], charges["n"]),
        "log_entries": logged["n"],
        "reasoning_logged_pct": pct(logged["reasoned"], logged["n"]),
        "billed_amount": billed["billed"] or Decimal("0.00"),
        "collected_amount": billed["paid"] or Decimal("0.00"),
        "collection_rate_pct": pct(billed["paid"] or 0, billed["billed"] or 0),
        "charges_by_status": {s: by_status.get(s, 0) for s in TenantCharge.Status.values},
        "awaiting_decision": decision_queue().count(),
        "open_disputes": by_status.get(TenantCharge.Status.DISPUTED, 0),
    }
