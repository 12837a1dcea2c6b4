"""Reads for renewal intelligence: scan candidates, churn inputs (set-wise), lists and dashboard stats."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from core.utils import parse_uuid
from renewals.models import RenewalRecommendation
from renewals.scoring import ChurnInputs
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH
from tenants.models import TenantLease
from tenants.open_items import RENEWAL_OFFER, RENT_INCREASE_NOTICE, OpenItem, lease_open_items, money_label, pct_change
from tenants.payment_history import payment_history_counts, twelve_months_before
from units.models import UnitsMaintenance, UnitsUnit

Status = RenewalRecommendation.Status
OPEN = RenewalRecommendation.OPEN_STATUSES
RISK_LEVELS = ("low", "medium", "high", "critical")

# Candidate window (spec 1.2): active leases ending in 30-120 days, both ends included.
WINDOW_MIN_DAYS = 30
WINDOW_MAX_DAYS = 120
# A tenant who declined is not offered again for this long (renewals/DECISIONS.md).
DECLINE_COOLDOWN_DAYS = 90


# --- the scan ------------------------------------------------------------------------------------------


def renewal_candidates(*, today: datetime.date) -> QuerySet[TenantLease]:
    """Leases the nightly scan scores (spec 1.2 steps 1-2), as one query.

    lease_status 'active' with lease_end_date in [today + 30, today + 120], or 'month_to_month' (any end
    date), excluding leases that have a recommendation in pending/approved/sent, an accepted renewal not
    yet applied to the lease, or a renewal declined in the last 90 days.
    """
    recs = RenewalRecommendation.objects.filter(lease_id=OuterRef("pk"))
    open_rec = recs.filter(status__in=OPEN)
    accepted_waiting = recs.filter(status=Status.ACCEPTED, lease_renewed_at__isnull=True)
    cooldown_from = datetime.datetime.combine(
        today - datetime.timedelta(days=DECLINE_COOLDOWN_DAYS), datetime.time.min, tzinfo=datetime.UTC
    )
    declined_recently = recs.filter(status=Status.DECLINED, responded_at__gte=cooldown_from)
    window = Q(
        lease_status=ACTIVE,
        lease_end_date__gte=today + datetime.timedelta(days=WINDOW_MIN_DAYS),
        lease_end_date__lte=today + datetime.timedelta(days=WINDOW_MAX_DAYS),
    )
    return (
        TenantLease.objects.filter(window | Q(lease_status=MONTH_TO_MONTH))
        .exclude(Exists(open_rec))
        .exclude(Exists(accepted_waiting))
        .exclude(Exists(declined_recently))
        .order_by("lease_end_date", "id")
    )


def churn_inputs_for(*, leases: Iterable[TenantLease], today: datetime.date) -> dict:
    """{lease_id: ChurnInputs} for many leases in a fixed number of queries (no per-lease loop):

    1. payment history per tenant (tenants.payment_history, one grouped query),
    2. work orders per unit requested in the last 12 months (one grouped query),
    3. vacant units per property (one grouped query),
    4. units' market rent and properties' total units, only for leases loaded without
       `select_related("unit", "property")` (one query each; none for renewal_candidates' chunks).
    """
    leases = list(leases)
    if not leases:
        return {}
    since = twelve_months_before(today)
    history = payment_history_counts(tenant_ids={lease.tenant_id for lease in leases}, since=since)
    unit_ids = {lease.unit_id for lease in leases}
    property_ids = {lease.property_id for lease in leases}
    work_orders = dict(
        UnitsMaintenance.objects.filter(unit_id__in=unit_ids, requested_date__gte=since)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    vacant = dict(
        UnitsUnit.objects.filter(property_id__in=property_ids, status=UnitsUnit.Status.VACANT)
        .order_by()
        .values("property_id")
        .annotate(n=Count("id"))
        .values_list("property_id", "n")
    )
    market = _loaded_or_fetched(leases, "unit", "market_rent", UnitsUnit, unit_ids)
    total_units = _loaded_or_fetched(leases, "property", "total_units", None, property_ids)

    out = {}
    for lease in leases:
        counts = history.get(lease.tenant_id, {})
        out[lease.pk] = ChurnInputs(
            late_payments=counts.get("late_payments", 0),
            total_charges=counts.get("charges", 0),
            work_orders_12mo=work_orders.get(lease.unit_id, 0),
            current_rent=lease.monthly_rent_amount,
            market_rent=market.get(lease.unit_id),
            lease_begin_date=lease.lease_begin_date,
            property_total_units=total_units.get(lease.property_id) or 0,
            property_vacant_units=vacant.get(lease.property_id, 0),
        )
    return out


def _loaded_or_fetched(leases, relation: str, attr: str, model, ids) -> dict:
    """{related id: attr} from relations already loaded on the leases, fetching the rest in one query."""
    field = TenantLease._meta.get_field(relation)
    out = {}
    for lease in leases:
        if field.is_cached(lease):
            out[getattr(lease, f"{relation}_id")] = getattr(getattr(lease, relation), attr)
    missing = set(ids) - set(out)
    if missing:
        model = model or field.related_model
        out.update(model.objects.filter(id__in=missing).values_list("id", attr))
    return out


def leases_for_scoring(*, lease_ids) -> list[TenantLease]:
    """Leases with what scoring and the letter read (tenant, unit, property) joined in: one query."""
    return list(TenantLease.objects.filter(id__in=list(lease_ids)).select_related("tenant", "unit", "property"))


# --- lists and detail ----------------------------------------------------------------------------------


# The rent gap of an offer: current rent − market rent (negative = below market), and as a percentage of the
# market rent (NULL without one). Both from the recommendation's own figures (the market rent it was priced on).
MARKET_GAP = ExpressionWrapper(
    F("current_rent") - F("market_rent"), output_field=DecimalField(max_digits=12, decimal_places=2)
)
MARKET_GAP_PCT = Case(
    When(
        market_rent__gt=0,
        then=ExpressionWrapper(
            (Cast("current_rent", FloatField()) - Cast("market_rent", FloatField()))
            * Value(100.0)
            / Cast("market_rent", FloatField()),
            output_field=FloatField(),
        ),
    ),
    default=None,
    output_field=FloatField(),
)


def renewal_list(*, filters: dict | None = None) -> QuerySet[RenewalRecommendation]:
    """Recommendations with lease, tenant, unit and property joined (one query per page), highest churn
    first. `filters` (optional) are the API's query parameters, applied with renewals.filters.RenewalFilter."""
    qs = (
        RenewalRecommendation.objects.select_related("lease", "tenant", "unit", "property")
        .annotate(
            lease_end_date=F("lease__lease_end_date"),
            unit_number=F("unit__unit_number"),
            tenant_last_name=F("tenant__last_name"),
            market_gap=MARKET_GAP,
            market_gap_pct=MARKET_GAP_PCT,
        )
        .order_by("-churn_score", "-created_at", "id")
    )
    if filters:
        from django.core.exceptions import ValidationError

        from renewals.filters import RenewalFilter

        filterset = RenewalFilter(filters, queryset=qs)
        if not filterset.is_valid():
            raise ValidationError({field: list(messages) for field, messages in filterset.errors.items()})
        qs = filterset.qs
    return qs


def renewal_get(*, recommendation_id) -> RenewalRecommendation | None:
    pk = parse_uuid(recommendation_id)
    if pk is None:
        return None
    return renewal_list().filter(pk=pk).first()


def renewal_allowed_actions(rec: RenewalRecommendation) -> list[str]:
    """What the manager can do next (the screens show these buttons); the services enforce the same rules."""
    sent_via = rec.sent_via or []
    letter_frozen = any(entry.get("outbox_message_id") for entry in sent_via)
    undelivered = any(entry.get("status") in ("failed", "invalid") for entry in sent_via)
    letter = [] if letter_frozen else ["generate_letter", "edit_letter"]
    if rec.status == Status.PENDING:
        return ["approve", *letter]
    if rec.status == Status.APPROVED:
        return ["send", *letter]
    if rec.status == Status.SENT:
        return ["respond", "send"] if undelivered else ["respond"]
    return []


def renewal_lease_renewal_state(rec: RenewalRecommendation) -> str | None:
    """'applied' once an accepted renewal has renewed the lease, 'scheduled' while it waits for the lease
    to turn month-to-month, else None."""
    if rec.status != Status.ACCEPTED:
        return None
    return "applied" if rec.lease_renewed_at else "scheduled"


# --- dashboard -----------------------------------------------------------------------------------------

_MONEY = DecimalField(max_digits=14, decimal_places=2)
_OFFERED = Coalesce(F("approved_rent"), F("recommended_rent"), output_field=_MONEY)
# Offers the manager stands behind or the tenant took: the projected revenue counts these.
COMMITTED = (Status.APPROVED, Status.SENT, Status.ACCEPTED)
# Offers on the table or taken: the average increase counts these.
LIVE = (Status.PENDING, Status.APPROVED, Status.SENT, Status.ACCEPTED)


def renewal_dashboard_stats(*, property_id=None) -> dict:
    """The spec's dashboard-stats shape, from one aggregate query.

    total_*                 counts per status;
    acceptance_rate         accepted / (accepted + declined), 2 decimals, 0 when there are none;
    avg_churn_score         over open recommendations (pending, approved, sent), 2 decimals;
    projected_annual_revenue_increase
                            sum over approved, sent and accepted of (offered rent - current rent) x 12,
                            offered rent = approved_rent or recommended_rent;
    avg_rent_increase_pct   mean of (offered - current) / current x 100 over pending, approved, sent and
                            accepted, 2 decimals;
    by_risk_level           open recommendations per churn risk level (all four keys).
    """
    qs = RenewalRecommendation.objects.all()
    if property_id is not None:
        qs = qs.filter(property_id=property_id)
    open_q = Q(status__in=OPEN)
    offered_pct = ExpressionWrapper(
        (Cast(_OFFERED, FloatField()) - Cast(F("current_rent"), FloatField()))
        * 100.0
        / Cast(F("current_rent"), FloatField()),
        output_field=FloatField(),
    )
    annual_gain = ExpressionWrapper((_OFFERED - F("current_rent")) * 12, output_field=_MONEY)
    agg = qs.aggregate(
        **{f"total_{s}": Count("id", filter=Q(status=s)) for s in Status.values},
        avg_churn_score=Avg("churn_score", filter=open_q),
        projected=Sum(annual_gain, filter=Q(status__in=COMMITTED)),
        avg_increase=Avg(offered_pct, filter=Q(status__in=LIVE, current_rent__gt=0)),
        **{f"risk_{level}": Count("id", filter=open_q & Q(churn_risk_level=level)) for level in RISK_LEVELS},
    )
    accepted, declined = agg["total_accepted"], agg["total_declined"]
    projected = Decimal(agg["projected"] or 0).quantize(Decimal("0.01"))
    return {
        "total_pending": agg["total_pending"],
        "total_approved": agg["total_approved"],
        "total_sent": agg["total_sent"],
        "total_accepted": accepted,
        "total_declined": declined,
        "acceptance_rate": round(accepted / (accepted + declined), 2) if accepted + declined else 0,
        "avg_churn_score": round(agg["avg_churn_score"] or 0, 2),
        "projected_annual_revenue_increase": float(projected),
        "avg_rent_increase_pct": round(agg["avg_increase"] or 0, 2),
        "by_risk_level": {level: agg[f"risk_{level}"] for level in RISK_LEVELS},
    }


# --- for other features (the portfolio command center) ----------------------------------------------------


def leases_with_conflicting_items(*, lease_ids, today: datetime.date) -> dict:
    """{lease_id: reason} for leases whose open items (tenants.open_items) rule out a renewal offer: a rent
    increase notice not yet in effect (the tenant was told the rent goes up; an offer at another figure
    contradicts it). One query per kind asked."""
    items = lease_open_items(lease_ids=lease_ids, today=today, kinds=(RENT_INCREASE_NOTICE,))
    return {
        lease_id: f"{found[0].label} is open; no renewal offer until it takes effect."
        for lease_id, found in items.items()
    }


def renewal_offer_blockers(*, lease_ids, today: datetime.date) -> dict:
    """{lease_id: reason} for leases the scan would not offer a renewal to now (besides an open offer, which
    callers reuse): an accepted renewal not yet applied, or a decline in the last 90 days. One query.
    Conflicting open items are leases_with_conflicting_items."""
    cooldown_from = datetime.datetime.combine(
        today - datetime.timedelta(days=DECLINE_COOLDOWN_DAYS), datetime.time.min, tzinfo=datetime.UTC
    )
    rows = (
        RenewalRecommendation.objects.filter(lease_id__in=list(lease_ids))
        .filter(
            Q(status=Status.ACCEPTED, lease_renewed_at__isnull=True)
            | Q(status=Status.DECLINED, responded_at__gte=cooldown_from)
        )
        .order_by("responded_at")
        .values_list("lease_id", "status", "responded_at")
    )
    out = {}
    for lease_id, status, responded_at in rows:
        when = f"{responded_at:%b} {responded_at.day}, {responded_at.year}" if responded_at else "recently"
        if status == Status.ACCEPTED:
            out[lease_id] = f"The tenant already accepted a renewal on {when}; it applies when the lease ends."
        else:
            out.setdefault(
                lease_id, f"The tenant declined a renewal on {when}; no new offer for {DECLINE_COOLDOWN_DAYS} days."
            )
    return out


_OFFER_WORDS = {
    Status.PENDING: "Renewal offer pending",
    Status.APPROVED: "Renewal offer approved",
    Status.SENT: "Renewal offer sent",
    Status.ACCEPTED: "Renewal accepted",
}


def renewal_open_items(*, lease_ids, today: datetime.date) -> dict:
    """tenants.open_items provider (registered in RenewalsConfig.ready): {lease_id: [OpenItem]} — the lease's
    open recommendation (pending, approved, sent) or an accepted renewal not yet applied. One query."""
    rows = (
        RenewalRecommendation.objects.filter(lease_id__in=list(lease_ids))
        .filter(Q(status__in=OPEN) | Q(status=Status.ACCEPTED, lease_renewed_at__isnull=True))
        .annotate(offered=_OFFERED)
        .values_list("id", "lease_id", "status", "current_rent", "offered", "recommended_lease_start")
    )
    out: dict = {}
    for pk, lease_id, status, current, offered, start in rows:
        change = pct_change(current, offered)
        change_text = "" if change is None else f" ({change:+.1f}%)"
        out.setdefault(lease_id, []).append(
            OpenItem(
                kind=RENEWAL_OFFER,
                lease_id=lease_id,
                object_id=str(pk),
                status=status,
                label=f"{_OFFER_WORDS[status]} {money_label(offered)}{change_text}",
                amount=Decimal(offered).quantize(Decimal("0.01")),
                change_pct=change,
                date=start,
            )
        )
    return out
