"""The daily digest: urgent items, opportunities and health from the same tools; once per date however often the
agent runs; emailed to the managers who see everything (outbox); the endpoint serves it (or a live one, scoped)."""

import datetime
from decimal import Decimal

from django.core.management import call_command
from django.db.models import Sum

from chat.models import DailyDigest
from chat.services import daily_digest_generate
from core.models import OutboxMessage

from .conftest import TODAY


def test_the_digest_is_generated_once_per_date_and_emailed_to_managers(seeded, user, make_user):
    from collections_app.models import CollectionCase
    from turnover import pipeline
    from turnover.models import TurnoverCase

    make_user("property_manager", properties=[])  # sees no property: not emailed the portfolio's digest
    make_user("leasing_agent")  # not a manager: not emailed
    digest = daily_digest_generate(today=TODAY)
    late = CollectionCase.objects.filter(status__in=CollectionCase.UNRESOLVED, days_overdue__gte=5)
    assert digest.metrics["tenants_late_5_days"] == late.count()
    assert Decimal(digest.metrics["late_balance"]) == late.aggregate(s=Sum("current_balance"))["s"]
    delayed = [c for c in TurnoverCase.objects.exclude(stage="leased") if pipeline.is_delayed(c.days_vacant)]
    assert digest.metrics["turnovers_past_deadline"] == len(delayed)
    sections = {h["section"] for h in digest.highlights}
    assert {"urgent", "opportunities", "health"} <= sections
    assert "Urgent:" in digest.content and f"{late.count()} tenant" in digest.content
    assert all(h["link"].startswith("/") for h in digest.highlights)
    assert digest.provider == "offline"
    mails = OutboxMessage.objects.filter(feature="chat.daily_digest")
    assert list(mails.values_list("to", flat=True)) == [user.email]

    # idempotent per date: the agent (run_task) again, and a second call
    call_command("run_task", "chat.generate_daily_digest", '{"today": "2026-11-20"}')
    again = daily_digest_generate(today=TODAY)
    assert again.pk == digest.pk and DailyDigest.objects.count() == 1 and mails.count() == 1
    daily_digest_generate(today=TODAY + datetime.timedelta(days=1))
    assert DailyDigest.objects.count() == 2


def test_the_endpoint_serves_the_stored_digest_or_a_live_one_for_a_scoped_manager(seeded, make_user, monkeypatch):
    import django.utils.timezone as tz

    from properties.models import Properties

    monkeypatch.setattr(tz, "localdate", lambda *a, **k: TODAY)
    everyone = make_user("property_manager")
    live = everyone.get("/api/v1/chat/daily-digest/").json()
    assert live["stored"] is False and live["digest_date"] == TODAY.isoformat()
    daily_digest_generate(today=TODAY, email=False)
    stored = everyone.get("/api/v1/chat/daily-digest/", {"date": TODAY.isoformat()}).json()
    assert stored["stored"] is True and stored["metrics"] == live["metrics"]
    assert everyone.get("/api/v1/chat/daily-digest/", {"date": "2026-11-01"}).status_code == 404
    assert everyone.get("/api/v1/chat/daily-digest/", {"date": "not-a-date"}).status_code == 400

    one = Properties.objects.order_by("name").first()
    scoped = make_user("property_manager", properties=[one]).get("/api/v1/chat/daily-digest/").json()
    assert scoped["stored"] is False
    assert scoped["metrics"]["renewals_due"] < stored["metrics"]["renewals_due"]
