"""Reads for the command center: the unit list (every unit with its current lease), its summary and export,
the facts the nightly agent needs, the AI queue and bulk-action batches.

The unit list is one SQL statement per page whatever the filters: units LEFT JOIN their current lease (the
most recent by begin date, as `tenants.selectors.current_leases_by_unit` defines it, through a NOT EXISTS
anti-join on a later lease), the property and the tenant. Lease columns are exposed as annotations
(`lifecycle_state`, `rent`, `event_date`…) and every filter and sort runs on those. Risk and confidence are
correlated subqueries added only when a filter or sort needs them. The page's extra columns (top AI action,
ledger balance, collections case) are fetched for the page's units only: one query each.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf

from collections_app.selectors import case_is_high_risk, unresolved_case_relation, unresolved_cases_by_tenant
from core.utils import parse_uuid
from portfolio import rules
from portfolio.models import AIActionQueue, BulkActionBatch, RentIncreaseNotice
from properties.models import JurisdictionRule
from properties.selectors import property_rule_facts
from renewals import scoring
from renewals.selectors import churn_inputs_for
from tenants.balances import ZERO, tenant_balances
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT
from tenants.models import TenantLease
from tenants.open_items import RENT_INCREASE_NOTICE, OpenItem, lease_open_items, money_label, pct_change
from units.models import UnitsMaintenance, UnitsUnit
from units.selectors import MOVE_OUT_INSPECTION_TITLE, open_work_orders_by_unit

OCCUPYING = (ACTIVE, MONTH_TO_MONTH, NOTICE)
STATES = (ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT)
RISK_LEVELS = ("good_history", "standard", "repeat_offender", "chronic")
RISK_NONE = "none"
RISK_RANK = {"good_history": 1, "standard": 2, "repeat_offender": 3, "chronic": 4}
OPEN_ACTION = AIActionQueue.OPEN_STATUSES
_MONEY = DecimalField(max_digits=12, decimal_places=2)

# ?ordering= values (a leading "-" reverses) -> the annotation they sort on. Empty values sort last both ways.
ORDERINGS = {
    "days_to_event": "event_date",
    "rent": "rent",
    "risk": "risk_rank",
    "confidence": "top_confidence",
    "unit_number": "unit_number",
    "property": "property__name",
    "tenant": "tenant_last_name",
    "state": "state_rank",
}
DEFAULT_ORDERING = "days_to_event"

# Work orders the executors open; the agent does not recommend them again while one is open.
INSPECTION_TITLE = MOVE_OUT_INSPECTION_TITLE
LISTING_PREP_TITLE = "Listing prep"
# The agent does not recommend an action again for this long after the manager executed / dismissed it.
EXECUTED_COOLDOWN_DAYS = 90
DISMISSED_COOLDOWN_DAYS = 30


# --- the unit list -----------------------------------------------------------------------------------------


def _later_lease() -> QuerySet[TenantLease]:
    """A lease on the same unit that is more recent than the joined one (same order as current_leases_by_unit)."""
    begin, created = OuterRef("leases__lease_begin_date"), OuterRef("leases__created_at")
    return TenantLease.objects.filter(unit_id=OuterRef("leases__unit_id")).filter(
        Q(lease_begin_date__gt=begin)
        | Q(lease_begin_date=begin, created_at__gt=created)
        | Q(lease_begin_date=begin, created_at=created, id__gt=OuterRef("leases__id"))
    )


def command_center_units() -> QuerySet[UnitsUnit]:
    """Every unit, one row each, with its current lease's columns as annotations (a unit that never had a
    lease is 'vacant'). Filter and sort on the annotations only: a second `.filter(leases__...)` would join
    the leases table again."""
    # One filter() call: the LEFT JOIN on leases made here is the one the annotations below reuse. For a
    # unit without leases the joined columns are NULL and NOT EXISTS holds, so it stays in the list.
    qs = UnitsUnit.objects.filter(~Exists(_later_lease())).select_related("property")
    qs = qs.annotate(
        current_lease_id=F("leases__id"),
        current_tenant_id=F("leases__tenant_id"),
        lease_status_raw=F("leases__lease_status"),
        lifecycle_state=Coalesce(F("leases__lease_status"), Value(VACANT), output_field=CharField()),
        tenant_first_name=F("leases__tenant__first_name"),
        tenant_last_name=F("leases__tenant__last_name"),
        lease_rent=F("leases__monthly_rent_amount"),
        lease_end_date=F("leases__lease_end_date"),
        notice_move_out_date=F("leases__notice_move_out_date"),
        actual_move_out_date=F("leases__actual_move_out_date"),
    )
    return qs.annotate(
        # The lease's rent while occupied; a vacant unit's asking rent (market, else its last rent).
        rent=Case(
            When(lifecycle_state__in=OCCUPYING, then=F("lease_rent")),
            default=Coalesce(NullIf(F("market_rent"), Value(Decimal("0"))), F("current_rent")),
            output_field=_MONEY,
        ),
        # The date the state is about: lease end (active; month-to-month: in the past), move-out (notice),
        # moved out (vacant). days_to_event = event_date - today.
        event_date=Case(
            When(lifecycle_state__in=(ACTIVE, MONTH_TO_MONTH), then=F("lease_end_date")),
            When(lifecycle_state=NOTICE, then=F("notice_move_out_date")),
            default=Coalesce(F("actual_move_out_date"), F("notice_move_out_date"), F("lease_end_date")),
        ),
        state_rank=Case(
            *(When(lifecycle_state=s, then=Value(i)) for i, s in enumerate(STATES)),
            default=Value(len(STATES)),
            output_field=IntegerField(),
        ),
    ).annotate(
        # rent − market rent of an occupied unit with a market rent (negative = below market); NULL otherwise
        # (a vacant unit has no tenant paying a rent to compare). market_gap_pct = gap / market × 100.
        market_gap=Case(
            When(lifecycle_state__in=OCCUPYING, market_rent__gt=0, then=F("lease_rent") - F("market_rent")),
            default=None,
            output_field=_MONEY,
        ),
        market_gap_pct=Case(
            When(
                lifecycle_state__in=OCCUPYING,
                market_rent__gt=0,
                then=ExpressionWrapper(
                    (Cast("lease_rent", FloatField()) - Cast("market_rent", FloatField()))
                    * Value(100.0)
                    / Cast("market_rent", FloatField()),
                    output_field=FloatField(),
                ),
            ),
            default=None,
            output_field=FloatField(),
        ),
    )


def with_risk(qs: QuerySet) -> QuerySet:
    """Adds `risk_level` (the risk profile of the tenant's unresolved collections case, else NULL) and
    `risk_rank`, through one LEFT JOIN (collections_app.selectors.unresolved_case_relation)."""
    if "risk_level" in qs.query.annotations:
        return qs
    return (
        qs.annotate(open_case=unresolved_case_relation("leases__tenant"))
        .annotate(
            risk_level=F("open_case__tenant_risk_profile"),
        )
        .annotate(
            risk_rank=Case(
                *(When(risk_level=k, then=Value(v)) for k, v in RISK_RANK.items()),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )


def filter_states(qs: QuerySet, states) -> QuerySet:
    """Units whose current lease is in one of `states` ('vacant' includes units that never had a lease). On the
    lease column itself, so the database can use its index and join the leases first."""
    states = list(states or [])
    if not states:
        return qs
    cond = Q(lease_status_raw__in=states)
    if VACANT in states:
        cond |= Q(current_lease_id__isnull=True)
    return qs.filter(cond)


def command_center_page_units(ids) -> list[UnitsUnit]:
    """Full rows for one page of unit ids (from `qs.values_list("id")`, which sorts narrow rows), in that order."""
    ids = list(ids)
    units = {u.pk: u for u in command_center_units().filter(pk__in=ids)}
    return [units[pk] for pk in ids if pk in units]


def with_confidence(qs: QuerySet) -> QuerySet:
    """Adds `top_confidence`: the highest confidence among the unit's open AI actions (NULL when none)."""
    if "top_confidence" in qs.query.annotations:
        return qs
    top = (
        AIActionQueue.objects.filter(unit_id=OuterRef("pk"), status__in=OPEN_ACTION)
        .order_by("-confidence_score")
        .values("confidence_score")[:1]
    )
    return qs.annotate(top_confidence=Subquery(top, output_field=DecimalField(max_digits=3, decimal_places=2)))


def command_center_ordering(value: str | None) -> tuple[str, bool]:
    """'-rent' -> ('rent', True). Unknown -> ValueError with the allowed values."""
    value = (value or DEFAULT_ORDERING).strip()
    key, desc = value.lstrip("-"), value.startswith("-")
    if key not in ORDERINGS:
        allowed = ", ".join(ORDERINGS)
        raise ValueError(f"Unknown ordering '{value}'. Use one of {allowed} (prefix '-' to reverse).")
    return key, desc


def command_center_order(qs: QuerySet, *, key: str, desc: bool) -> QuerySet:
    if key == "risk":
        qs = with_risk(qs)
    elif key == "confidence":
        qs = with_confidence(qs)
    field = F(ORDERINGS[key])
    first = field.desc(nulls_last=True) if desc else field.asc(nulls_last=True)
    return qs.order_by(first, "property__name", "building", "unit_number", "id")


def command_center_summary(*, base: QuerySet, states: list[str] | None) -> dict:
    """One aggregate over `base` (every filter but the lifecycle one): units per state — so the lifecycle
    checkboxes can show what each would add — plus the number and total rent of the units the full filter
    matches (`total`, `total_rent`)."""
    selected = Q(lifecycle_state__in=states) if states else Q()
    agg = base.order_by().aggregate(
        **{s: Count("id", filter=Q(lifecycle_state=s)) for s in STATES},
        total=Count("id", filter=selected) if states else Count("id"),
        total_rent=Sum("rent", filter=selected) if states else Sum("rent"),
        occupied_rent=Sum("rent", filter=selected & Q(lifecycle_state__in=OCCUPYING)),
        vacant_asking_rent=Sum("rent", filter=selected & Q(lifecycle_state="vacant")),
    )
    cents = Decimal("0.01")
    return {
        **{s: agg[s] for s in STATES},
        "total": agg["total"],
        # total_rent = occupied_rent (what tenants pay: the dashboard's rent roll) + vacant_asking_rent (what the
        # vacant units would rent for, at market).
        "total_rent": Decimal(agg["total_rent"] or 0).quantize(cents),
        "occupied_rent": Decimal(agg["occupied_rent"] or 0).quantize(cents),
        "vacant_asking_rent": Decimal(agg["vacant_asking_rent"] or 0).quantize(cents),
    }


def command_center_select_all(*, qs: QuerySet, limit: int) -> dict:
    """Every matching unit id (up to `limit`, in list order), each one's rent (parallel list) and their total,
    for "select all (N)" and the running total of the selected rent."""
    rows = list(qs.values_list("id", "rent")[: limit + 1])
    truncated = len(rows) > limit
    rows = rows[:limit]
    return {
        "count": len(rows),
        "unit_ids": [str(pk) for pk, _ in rows],
        "rents": [_cents(r) for _, r in rows],
        "total_rent": sum((Decimal(r or 0) for _, r in rows), Decimal("0")).quantize(Decimal("0.01")),
        "truncated": truncated,
    }


def top_actions_by_unit(*, unit_ids: Iterable) -> dict:
    """{unit_id: (top open action, number of open actions)} — highest confidence, then priority. One query."""
    rank = Case(
        *(When(priority=p, then=Value(r)) for p, r in rules.PRIORITY_RANK.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    qs = (
        AIActionQueue.objects.filter(unit_id__in=list(unit_ids), status__in=OPEN_ACTION)
        .annotate(priority_rank=rank)
        .order_by("unit_id", "-confidence_score", "-priority_rank", "action_type")
        .only(
            "id", "unit_id", "action_type", "description", "confidence_score", "priority", "status", "generation_reason"
        )
    )
    out: dict = {}
    for action in qs:
        if action.unit_id in out:
            top, n = out[action.unit_id]
            out[action.unit_id] = (top, n + 1)
        else:
            out[action.unit_id] = (action, 1)
    return out


def command_center_rows(units: list[UnitsUnit], *, today: datetime.date) -> list[dict]:
    """The list's rows for loaded units (from command_center_units): 6 queries (actions, balances, cases, and the
    open items: renewal offers, rent increase notices, collections — tenants.open_items)."""
    unit_ids = [u.pk for u in units]
    tenant_ids = {u.current_tenant_id for u in units if u.current_tenant_id and u.lifecycle_state in OCCUPYING}
    actions = top_actions_by_unit(unit_ids=unit_ids) if unit_ids else {}
    balances = tenant_balances(tenant_ids=tenant_ids, as_of=today) if tenant_ids else {}
    cases = unresolved_cases_by_tenant(tenant_ids=tenant_ids) if tenant_ids else {}
    lease_ids = [u.current_lease_id for u in units if u.current_lease_id and u.lifecycle_state in OCCUPYING]
    open_items = lease_open_items(lease_ids=lease_ids, today=today) if lease_ids else {}
    rows = []
    for u in units:
        occupied = u.lifecycle_state in OCCUPYING
        tenant_id = u.current_tenant_id if occupied else None
        case = cases.get(tenant_id) if tenant_id else None
        balance = balances.get(tenant_id) if tenant_id else None
        top, n_actions = actions.get(u.pk, (None, 0))
        event = u.event_date
        name = f"{u.tenant_first_name or ''} {u.tenant_last_name or ''}".strip()
        rows.append(
            {
                "id": u.pk,
                "unit_number": u.unit_number,
                "building": u.building,
                "property_id": u.property_id,
                "property_name": u.property.name,
                "lifecycle_state": u.lifecycle_state,
                "lease_id": u.current_lease_id,
                "tenant_id": tenant_id,
                "tenant_name": name if occupied else None,
                "rent": _cents(u.rent),
                "market_rent": _cents(u.market_rent),
                "market_gap": _cents(u.market_gap),
                "market_gap_pct": None if u.market_gap_pct is None else round(u.market_gap_pct, 1),
                "open_items": [i.as_dict() for i in open_items.get(u.current_lease_id, ())] if occupied else [],
                "event_date": event,
                "days_to_event": (event - today).days if event else None,
                "risk_level": case.tenant_risk_profile if case else None,
                "collections_case_id": case.pk if case else None,
                "balance": balance["balance"] if balance else (ZERO if occupied else None),
                "overdue_balance": balance["overdue"] if balance else (ZERO if occupied else None),
                "ai_action": top,
                "ai_action_count": n_actions,
            }
        )
    return rows


def _cents(value) -> Decimal | None:
    """Money as Decimal with two places (SQLite returns computed decimals unscaled, e.g. 1500)."""
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


# --- the nightly agent's facts ------------------------------------------------------------------------------


def agent_lease_ids() -> list:
    """Ids of every unit's current lease that is occupied (active, month-to-month, notice). One query."""
    return list(
        command_center_units()
        .filter(lifecycle_state__in=OCCUPYING)
        .order_by("property_id", "id")
        .values_list("current_lease_id", flat=True)
    )


_AGENT_LEASE_FIELDS = (
    "id",
    "tenant_id",
    "unit_id",
    "property_id",
    "lease_status",
    "monthly_rent_amount",
    "lease_begin_date",
    "lease_end_date",
    "notice_move_out_date",
    "move_in_date",
)


def agent_rent_notice_rules(*, today: datetime.date) -> dict:
    """{property_id: RuleFacts} — every property's rent-increase notice rule in force today (city over state,
    the strictest on file where a property has none). Two queries, once per agent run."""
    return property_rule_facts(rule_type=JurisdictionRule.RuleType.RENT_INCREASE_NOTICE, on_date=today)


def agent_facts_for(*, lease_ids, today: datetime.date, rent_notice_rules: dict | None = None) -> list[rules.UnitFacts]:
    """UnitFacts for a chunk of leases, set-based (a fixed number of queries whatever the chunk size):
    the leases (1), units' market rents (1), churn inputs (5, renewals.selectors), collections cases (1),
    open items (3: renewal offers, rent increase notices, collections; tenants.open_items), recently executed / dismissed actions (1), open turnover work orders (1).
    `rent_notice_rules` (agent_rent_notice_rules) is the run's, fetched once; 2 more queries when not given."""
    # One model object per lease (no joined tenant/unit/property objects: that tripled the agent's time);
    # churn_inputs_for fetches the units' market rent and the properties' size it needs in one query each.
    leases = list(TenantLease.objects.filter(id__in=list(lease_ids)).only(*_AGENT_LEASE_FIELDS))
    if not leases:
        return []
    if rent_notice_rules is None:
        rent_notice_rules = agent_rent_notice_rules(today=today)
    scored = [lease for lease in leases if lease.lease_status in (ACTIVE, MONTH_TO_MONTH)]
    churn = churn_inputs_for(leases=scored, today=today)
    units = dict(UnitsUnit.objects.filter(id__in=[lease.unit_id for lease in leases]).values_list("id", "market_rent"))
    cases = unresolved_cases_by_tenant(tenant_ids={lease.tenant_id for lease in leases})
    open_items = lease_open_items(lease_ids=[lease.pk for lease in leases], today=today)
    unit_ids = [lease.unit_id for lease in leases]
    cooled = recently_handled_actions(unit_ids=unit_ids, today=today)
    notice_units = [lease.unit_id for lease in leases if lease.lease_status == NOTICE]
    open_wos = (
        open_work_orders_by_unit(
            unit_ids=notice_units,
            category=UnitsMaintenance.Category.TURNOVER,
            titles=[INSPECTION_TITLE, LISTING_PREP_TITLE],
        )
        if notice_units
        else {}
    )

    out = []
    for lease in leases:
        excluded = set(cooled.get((lease.unit_id, lease.pk), ()))
        wos = open_wos.get(lease.unit_id, {})
        if INSPECTION_TITLE in wos:
            excluded.add(rules.MOVE_OUT_INSPECTION)
        if LISTING_PREP_TITLE in wos:
            excluded.add(rules.LISTING_PREP)
        score = level = offer = strategy = None
        market = units.get(lease.unit_id) or None
        if lease.pk in churn:
            inputs = churn[lease.pk]
            score, _ = scoring.churn_score(inputs, today=today)
            level = scoring.churn_risk_level(score)
            current = Decimal(lease.monthly_rent_amount)
            market_for_offer = Decimal(inputs.market_rent) if inputs.market_rent else current
            strategy = scoring.rent_strategy(score, current, market_for_offer)
            offer = scoring.recommended_rent(current, market_for_offer, strategy, score)
        case = cases.get(lease.tenant_id)
        out.append(
            rules.UnitFacts(
                unit_id=lease.unit_id,
                property_id=lease.property_id,
                lease_id=lease.pk,
                lifecycle_state=lease.lease_status,
                rent=Decimal(lease.monthly_rent_amount),
                market_rent=Decimal(market) if market else None,
                lease_end_date=lease.lease_end_date,
                notice_move_out_date=lease.notice_move_out_date,
                churn_score=score,
                churn_risk_level=level,
                renewal_rent=offer,
                renewal_strategy=strategy,
                collections=_collections_facts(case) if case else None,
                open_items=tuple(open_items.get(lease.pk, ())),
                excluded=frozenset(excluded),
                rent_notice=rent_notice_rules.get(lease.property_id),
                tenancy_start=lease.move_in_date or lease.lease_begin_date,
            )
        )
    return out


def _collections_facts(case) -> rules.CollectionsFacts:
    return rules.CollectionsFacts(
        case_id=str(case.pk),
        status=case.status,
        escalation_level=case.escalation_level,
        risk_profile=case.tenant_risk_profile,
        days_overdue=case.days_overdue,
        balance=Decimal(case.current_balance),
        high_risk=case_is_high_risk(case),
    )


def recently_handled_actions(*, unit_ids, today: datetime.date) -> dict:
    """{(unit_id, lease_id): {action types}} executed in the last 90 days or dismissed in the last 30, which
    the agent does not recommend again for the same lease. One query."""
    executed_since = _start_of(today - datetime.timedelta(days=EXECUTED_COOLDOWN_DAYS))
    dismissed_since = _start_of(today - datetime.timedelta(days=DISMISSED_COOLDOWN_DAYS))
    rows = (
        AIActionQueue.objects.filter(unit_id__in=list(unit_ids))
        .filter(
            Q(status=AIActionQueue.Status.EXECUTED, executed_at__gte=executed_since)
            | Q(status=AIActionQueue.Status.DISMISSED, dismissed_at__gte=dismissed_since)
        )
        .values_list("unit_id", "lease_id", "action_type")
    )
    out: dict = {}
    for unit_id, lease_id, action_type in rows:
        out.setdefault((unit_id, lease_id), set()).add(action_type)
    return out


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def queue_items_on(*, unit_ids, day: datetime.date) -> dict:
    """{(unit_id, action_type): AIActionQueue} generated on `day` for these units. One query."""
    qs = AIActionQueue.objects.filter(unit_id__in=list(unit_ids), generated_on=day)
    return {(item.unit_id, item.action_type): item for item in qs}


# --- the AI queue and batches ------------------------------------------------------------------------------


def ai_queue_list() -> QuerySet[AIActionQueue]:
    """Queue items with unit, property and lease/tenant joined; urgent first, then by confidence."""
    rank = Case(
        *(When(priority=p, then=Value(r)) for p, r in rules.PRIORITY_RANK.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        AIActionQueue.objects.select_related("unit", "property", "lease__tenant")
        .annotate(priority_rank=rank)
        .order_by("-priority_rank", "-confidence_score", "-generated_at", "id")
    )


def ai_queue_get(*, item_id) -> AIActionQueue | None:
    pk = parse_uuid(item_id)
    return None if pk is None else ai_queue_list().filter(pk=pk).first()


def ai_queue_stats() -> dict:
    """Open items per action type and per priority (one query)."""
    rows = (
        AIActionQueue.objects.filter(status__in=OPEN_ACTION)
        .order_by()
        .values("action_type", "priority")
        .annotate(n=Count("id"))
    )
    by_type = {t: 0 for t in rules.ACTION_TYPES}
    by_priority = {p: 0 for p in rules.PRIORITY_RANK}
    for r in rows:
        by_type[r["action_type"]] = by_type.get(r["action_type"], 0) + r["n"]
        by_priority[r["priority"]] = by_priority.get(r["priority"], 0) + r["n"]
    return {"total": sum(by_type.values()), "by_action_type": by_type, "by_priority": by_priority}


def batch_get(*, batch_id) -> BulkActionBatch | None:
    pk = parse_uuid(batch_id)
    return None if pk is None else BulkActionBatch.objects.filter(pk=pk).first()


def batch_list() -> QuerySet[BulkActionBatch]:
    return BulkActionBatch.objects.order_by("-created_at", "id")


# --- units for a bulk action ---------------------------------------------------------------------------------


def units_for_action(*, unit_ids) -> dict:
    """{unit_id: unit} with property, current lease (tenant joined) as `unit.current_lease` (None when the
    unit never had one) and the tenant's unresolved collections case as `unit.collections_case`. 3 queries."""
    from tenants.selectors import current_leases_by_unit

    ids = list(unit_ids)
    units = {u.pk: u for u in UnitsUnit.objects.filter(pk__in=ids).select_related("property")}
    leases = current_leases_by_unit(unit_ids=list(units))
    cases = unresolved_cases_by_tenant(tenant_ids={lease.tenant_id for lease in leases.values()})
    for unit in units.values():
        unit.current_lease = leases.get(unit.pk)
        unit.collections_case = cases.get(unit.current_lease.tenant_id) if unit.current_lease else None
    return units


def open_actions_for(*, unit_ids, action_type: str) -> dict:
    """{unit_id: the newest open AIActionQueue item of that type}. One query."""
    qs = AIActionQueue.objects.filter(unit_id__in=list(unit_ids), action_type=action_type, status__in=OPEN_ACTION)
    out: dict = {}
    for item in qs.order_by("unit_id", "-generated_on", "-generated_at"):
        out.setdefault(item.unit_id, item)
    return out


# --- open items (tenants.open_items) --------------------------------------------------------------------


def rent_notice_open_items(*, lease_ids, today: datetime.date) -> dict:
    """tenants.open_items provider (registered in PortfolioConfig.ready): {lease_id: [OpenItem]} — rent
    increase notices sent that have not taken effect yet (effective date today or later). One query."""
    rows = (
        RentIncreaseNotice.objects.filter(lease_id__in=list(lease_ids), effective_date__gte=today)
        .order_by("lease_id", "-effective_date")
        .values_list("id", "lease_id", "current_rent", "new_rent", "effective_date")
    )
    out: dict = {}
    for pk, lease_id, current, new, effective in rows:
        if lease_id in out:
            continue
        change = pct_change(current, new)
        change_text = "" if change is None else f" ({change:+.1f}%)"
        out[lease_id] = [
            OpenItem(
                kind=RENT_INCREASE_NOTICE,
                lease_id=lease_id,
                object_id=str(pk),
                status="scheduled",
                label=f"Rent increase notice {money_label(new)}{change_text} from {rules.short_date(effective)}",
                amount=Decimal(new),
                change_pct=change,
                date=effective,
            )
        ]
    return out
