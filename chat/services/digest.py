"""The daily digest (spec 3.3): urgent items, opportunities and portfolio health, from the same tools the chat
uses, written through the gateway (offline: a template over the same figures), stored once per date and emailed to
the managers who see the whole portfolio (core.messaging; the outbox without a provider)."""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from chat.models import DailyDigest
from chat.prompts import DAILY_DIGEST
from chat.selectors import digest_get, digest_recipients
from chat.tools import Context, registered
from core.ai import complete_json
from core.formatting import money
from core.messaging.services import send_email
from core.roles import PERMISSIONS

logger = logging.getLogger(__name__)


def _s(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


LATE_DAYS = 5


def _run(name: str, params: dict, ctx: Context) -> dict:
    tool = next(t for t in registered() if t.name == name)
    return tool.run(params, ctx)


def daily_digest_build(*, today: datetime.date) -> dict:
    """{highlights, metrics} for `today` over the current scope (the agent: the whole portfolio). A fixed number
    of queries: one call of each tool."""
    ctx = Context(today=today, permissions=frozenset(PERMISSIONS))
    late = _run("query_collections", {"min_days_overdue": LATE_DAYS}, ctx)["totals"]
    emergencies = _run("query_maintenance", {"status": "open", "priority": "urgent"}, ctx)["totals"]
    critical = _run("query_risk_scores", {"risk_level": "critical"}, ctx)["totals"]
    turnovers = _run("query_turnover", {}, ctx)["totals"]
    renewals = _run("query_renewals", {}, ctx)["totals"]
    mtm_below = _run("query_leases", {"lease_status": "month_to_month", "below_market": True}, ctx)["totals"]
    vacant_above = _run("query_pricing", {"side": "above", "vacant": True}, ctx)["totals"]
    vacancy = _run("query_vacancy", {}, ctx)["totals"]
    collection = _run("query_financials", {"metric": "collection_rate", "date_range": "this_month"}, ctx)["totals"]
    metrics = {
        "tenants_late_5_days": late["open_cases"],
        "late_balance": late["total_balance"],
        "open_emergencies": emergencies["count"],
        "critical_risk_units": critical["units"],
        "turnovers_past_deadline": turnovers["delayed"],
        "renewals_due": renewals["count"],
        "mtm_below_market": mtm_below["count"],
        "mtm_monthly_gap": mtm_below["monthly_gap_to_market"],
        "vacant_above_market": vacant_above["units"],
        "occupancy_rate": vacancy["occupancy_rate"],
        "vacancy_rate": vacancy["vacancy_rate"],
        "collection_rate": collection["collection_rate"],
        "average_days_vacant": turnovers["average_days_vacant"],
    }
    highlights = []

    def add(kind, section, count, text, link):
        if count:
            highlights.append({"type": kind, "section": section, "text": text, "link": link})

    add(
        "alert",
        "urgent",
        late["open_cases"],
        f"{late['open_cases']} tenants {LATE_DAYS}+ days late, {money(late['total_balance'])} owed",
        "/collections",
    )
    add(
        "alert",
        "urgent",
        emergencies["count"],
        f"{_s(emergencies['count'], 'open emergency work order')}",
        "/maintenance",
    )
    add(
        "alert",
        "urgent",
        critical["units"],
        f"{_s(critical['units'], 'unit')} at critical maintenance risk",
        "/predictive-maintenance",
    )
    add(
        "alert",
        "urgent",
        turnovers["delayed"],
        f"{_s(turnovers['delayed'], 'turnover')} past the deadline",
        "/turnover",
    )
    add("info", "opportunities", renewals["count"], f"{_s(renewals['count'], 'renewal')} due", "/renewals")
    add(
        "info",
        "opportunities",
        mtm_below["count"],
        f"{mtm_below['count']} month-to-month units below market, {money(mtm_below['monthly_gap_to_market'])} a month",
        "/portfolio/command-center?state=month_to_month",
    )
    add(
        "info",
        "opportunities",
        vacant_above["units"],
        f"{_s(vacant_above['units'], 'vacant unit')} listed above market",
        "/pricing",
    )
    rate = "n/a" if collection["collection_rate"] is None else f"{collection['collection_rate']}%"
    highlights.append(
        {
            "type": "success",
            "section": "health",
            "text": f"Occupancy {vacancy['occupancy_rate']}%, collection rate {rate} this month, "
            f"{turnovers['average_days_vacant']} average days vacant",
            "link": "/dashboard",
        }
    )
    return {"highlights": highlights, "metrics": metrics}


def daily_digest_generate(*, today: datetime.date | None = None, email: bool = True) -> DailyDigest:
    """The digest of `today`, generated once: a second run (or a concurrent one) returns the stored row."""
    today = today or timezone.localdate()
    existing = digest_get(day=today)
    if existing is not None:
        return existing
    built = daily_digest_build(today=today)
    written = complete_json(DAILY_DIGEST, {"digest_date": today.isoformat(), "figures": built}, offline_fallback=True)
    try:
        with transaction.atomic():
            digest = DailyDigest.objects.create(
                digest_date=today,
                content=written.data["content"],
                highlights=built["highlights"],
                metrics=built["metrics"],
                provider=written.provider,
            )
    except IntegrityError:
        return digest_get(day=today)
    if email:
        for to in digest_recipients():
            send_email(
                to=to,
                subject=f"UnitCycle daily digest — {today.strftime('%B %-d, %Y')}",
                text=digest.content,
                feature="chat.daily_digest",
                related_object=digest,
                dedupe_key=f"chat.digest:{today.isoformat()}:{to}",
            )
    return digest
