"""Below-market answers carry the button that opens the command center's existing bulk-action preview with the
units selected: rent-increase notices for month-to-month tenants, renewal offers for leases still running. The
unit ids are every matching lease's unit (not just the rows shown), and the portfolio's own preview accepts them."""

import datetime

import pytest
from django.db.models import F

from tenants.models import TenantLease

from .conftest import TODAY


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    import django.utils.timezone as tz

    monkeypatch.setattr(tz, "localdate", lambda *a, **k: TODAY)


def _bulk(out, action_type):
    return next(a for a in out["actions"] if a.get("kind") == "bulk_action" and a["bulk_action"] == action_type)


def _preview(client, action_type, unit_ids):
    response = client.post(
        "/api/v1/portfolio/bulk-actions/preview/",
        {"action_type": action_type, "unit_ids": unit_ids, "limit": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_mtm_units_below_market_open_the_rent_increase_preview_with_those_units(seeded, ask, make_user):
    below = TenantLease.objects.filter(lease_status="month_to_month", unit__market_rent__gt=F("monthly_rent_amount"))
    expected = {str(u) for u in below.values_list("unit_id", flat=True)}
    assert len(expected) > 20  # more than the table shows: the selection is every matching unit

    text, out, done = ask("Which MTM units are below market?")
    assert out["totals"]["count"] == len(expected)
    action = _bulk(out, "rent_increase_notice")
    assert set(action["unit_ids"]) == expected and len(action["unit_ids"]) == len(expected)
    assert action["route"] == "/portfolio/command-center" and action["params"] == {"state": "month_to_month"}
    assert action["label"] == f"Draft rent-increase notices ({len(expected)} units)"
    assert len(action["rents"]) == len(action["unit_ids"]) and not action["truncated"]
    assert any(b["type"] == "action" and b["kind"] == "bulk_action" for b in done["blocks"])

    preview = _preview(make_user("property_manager"), "rent_increase_notice", action["unit_ids"])
    assert {u["unit_id"] for u in preview["units"]} == expected
    # every unit is a month-to-month lease below market: none is refused for its state or its rent
    refused = [u["error"] for u in preview["units"] if not u["eligible"]]
    assert not [e for e in refused if "this action needs" in e or "already at or above" in e], refused[:3]


def test_leases_expiring_below_market_open_the_renewal_preview(seeded, ask, make_user):
    leases = TenantLease.objects.filter(
        lease_status="active",
        lease_end_date__gte=TODAY,
        lease_end_date__lte=TODAY + datetime.timedelta(days=60),
        unit__market_rent__gt=F("monthly_rent_amount"),
    )
    expected = {str(u) for u in leases.values_list("unit_id", flat=True)}
    assert expected

    text, out, done = ask("Show leases expiring in the next 60 days below market")
    action = _bulk(out, "renewal_offer")
    assert set(action["unit_ids"]) == expected
    assert action["params"] == {"state": "active"}
    assert not any(a.get("bulk_action") == "rent_increase_notice" for a in out["actions"])  # no MTM lease here
    assert "draft renewal offers" in text.lower()

    preview = _preview(make_user("property_manager"), "renewal_offer", action["unit_ids"])
    assert preview["eligible_count"] == len(expected)


def test_the_rent_gap_answer_drafts_notices_for_the_mtm_units_below_market(seeded, ask):
    below = TenantLease.objects.filter(lease_status="month_to_month", unit__market_rent__gt=F("monthly_rent_amount"))
    text, out, done = ask("Which properties have the biggest rent gap?")
    action = _bulk(out, "rent_increase_notice")
    assert set(action["unit_ids"]) == {str(u) for u in below.values_list("unit_id", flat=True)}
