"""The lease's open items (tenants.open_items, providers registered by renewals, portfolio and collections):
one set-based read, used by the queue agent, the renewals scan, the command center and the bulk actions."""

import datetime
from decimal import Decimal

import pytest

from collections_app.models import PaymentPlan
from collections_app.tests.factories import CaseFactory
from portfolio import rules
from portfolio.models import AIActionQueue, RentIncreaseNotice
from portfolio.services import ai_action_queue_generate
from portfolio.tests.conftest import DAY, TODAY, make_lease
from properties.jurisdiction import RuleFacts
from renewals.models import RenewalRecommendation
from renewals.services import renewal_offer_for_leases, renewal_scan
from renewals.tests.factories import RenewalRecommendationFactory
from tenants.open_items import (
    COLLECTION_CASE,
    KINDS,
    PAYMENT_PLAN,
    RENEWAL_OFFER,
    RENT_INCREASE_NOTICE,
    OpenItem,
    lease_open_items,
)

pytestmark = pytest.mark.django_db
CC = "/api/v1/portfolio/command-center/"
MTM = ("holdover", "at_market", "oak_mtm")


def notice_for(lease, *, new_rent="1800.00", effective=None):
    return RentIncreaseNotice.objects.create(
        lease=lease,
        tenant=lease.tenant,
        unit=lease.unit,
        property=lease.property,
        current_rent=lease.monthly_rent_amount,
        new_rent=Decimal(new_rent),
        notice_date=TODAY,
        effective_date=effective or TODAY + 35 * DAY,
        subject="Notice",
        letter_text="Your rent goes up.",
        method="email",
        created_by="test",
    )


# ── the selector ───────────────────────────────────────────────────────────────────────────────────────


def test_every_kind_has_a_registered_provider():
    from tenants import open_items

    assert set(open_items._providers) == set(KINDS)


def test_open_items_of_each_kind_with_labels(units):
    offer = RenewalRecommendationFactory(
        lease=units["holdover"], current_rent=Decimal("825.00"), recommended_rent=Decimal("891.00"), status="sent"
    )
    notice_for(units["oak_mtm"], new_rent="1350.00")
    PaymentPlan.objects.create(
        case=units["case"],
        total_amount=Decimal("2800"),
        num_installments=4,
        installment_amount=Decimal("700.00"),
        start_date=TODAY,
        status="active",
    )
    items = lease_open_items(lease_ids=[u.pk for k, u in units.items() if k != "case"], today=TODAY)
    assert set(items) == {units["holdover"].pk, units["oak_mtm"].pk, units["debtor"].pk}
    [sent] = items[units["holdover"].pk]
    assert (sent.kind, sent.status, sent.object_id) == (RENEWAL_OFFER, "sent", str(offer.pk))
    assert sent.label == "Renewal offer sent $891.00 (+8.0%)" and sent.amount == Decimal("891.00")
    [notice] = items[units["oak_mtm"].pk]
    assert notice.kind == RENT_INCREASE_NOTICE and notice.label.startswith(
        "Rent increase notice $1,350.00 (+12.5%) from"
    )
    case, plan = items[units["debtor"].pk]
    assert (case.kind, case.status) == (COLLECTION_CASE, "escalated") and "$2,800.00 overdue" in case.label
    assert (plan.kind, plan.label) == (PAYMENT_PLAN, "Payment plan active: 4 × $700.00")


def test_closed_items_are_not_open(units):
    RenewalRecommendationFactory(lease=units["holdover"], status="declined")
    RenewalRecommendationFactory(
        lease=units["at_market"], status="accepted", lease_renewed_at=datetime.datetime.now(datetime.UTC)
    )
    notice_for(units["oak_mtm"], effective=TODAY - DAY)  # already in effect
    assert lease_open_items(lease_ids=[units[k].pk for k in MTM], today=TODAY) == {}


def test_only_the_kinds_asked_for(units):
    RenewalRecommendationFactory(lease=units["holdover"], status="pending")
    notice_for(units["holdover"])
    items = lease_open_items(lease_ids=[units["holdover"].pk], today=TODAY, kinds=[RENT_INCREASE_NOTICE])
    assert [i.kind for i in items[units["holdover"].pk]] == [RENT_INCREASE_NOTICE]


def test_one_query_per_kind_whatever_the_number_of_leases(harbor, django_assert_num_queries):
    leases = [
        make_lease(
            harbor,
            f"T{i}",
            "X",
            unit_number=f"Q-{i}",
            market="1500",
            rent="1400",
            month_to_month=True,
            lease_end_date=TODAY - 60 * DAY,
        )
        for i in range(25)
    ]
    for lease in leases[:10]:
        RenewalRecommendationFactory(lease=lease, status="sent")
        notice_for(lease)
        CaseFactory(lease=lease)
    with django_assert_num_queries(3):  # renewal offers, notices, collections (cases with their plan)
        items = lease_open_items(lease_ids=[lease.pk for lease in leases], today=TODAY)
    assert len(items) == 10 and all(len(v) == 3 for v in items.values())


# ── the rules ──────────────────────────────────────────────────────────────────────────────────────────


def facts(*items, **kw):
    base = dict(
        unit_id=1,
        property_id=1,
        lease_id=1,
        lifecycle_state="month_to_month",
        rent=Decimal("825"),
        market_rent=Decimal("930"),
        lease_end_date=TODAY - 200 * DAY,
        renewal_rent=Decimal("866.25"),
        rent_notice=RuleFacts(value={"days": 30}, citation="Cal. Civ. Code §827"),
    )
    return rules.UnitFacts(**{**base, **kw}, open_items=tuple(items))


def item(kind, status, amount="891.00"):
    return OpenItem(
        kind=kind, lease_id=1, object_id="x", status=status, label=f"{kind} {status}", amount=Decimal(amount)
    )


def test_a_sent_offer_blocks_the_notice_and_another_offer():
    assert {c.action_type for c in rules.candidates(facts(), TODAY)} == {"rent_increase_notice", "renewal_offer"}
    for status in ("approved", "sent", "accepted"):
        assert rules.candidates(facts(item(RENEWAL_OFFER, status)), TODAY) == []


def test_an_open_notice_blocks_renewals_and_a_second_notice():
    assert rules.candidates(facts(item(RENT_INCREASE_NOTICE, "scheduled", "930")), TODAY) == []


def test_a_pending_offer_is_quoted_not_contradicted():
    found = {c.action_type: c for c in rules.candidates(facts(item(RENEWAL_OFFER, "pending")), TODAY)}
    assert found["renewal_offer"].payload["offer_rent"] == "891.00"
    assert found["renewal_offer"].description == "Offer renewal @ $891"
    assert "renewal_offer pending (not sent): send one or the other." in found["rent_increase_notice"].reason


def test_a_payment_plan_blocks_a_rent_increase_but_not_a_renewal():
    kinds = {c.action_type for c in rules.candidates(facts(item(PAYMENT_PLAN, "active")), TODAY)}
    assert kinds == {"renewal_offer"}
    assert rules.conflicts_for([item(COLLECTION_CASE, "open")]) == {}


# ── the agents and screens that use it ─────────────────────────────────────────────────────────────────


def test_after_offers_are_sent_the_queue_proposes_no_notice_for_those_leases(units):
    results = renewal_offer_for_leases(lease_ids=[units[k].pk for k in MTM], actor="test", method="email", today=TODAY)
    assert all(r["ok"] for r in results.values()), results
    ai_action_queue_generate(today=TODAY)
    for key in MTM:
        assert not AIActionQueue.objects.filter(unit=units[key].unit, status="pending").exists(), key
    # the rest of the portfolio still gets its recommendations
    assert AIActionQueue.objects.filter(unit=units["nudge"].unit, action_type="early_renewal_nudge").exists()


def test_a_notice_sent_later_supersedes_nothing_but_blocks_the_renewal_rules(units):
    notice_for(units["holdover"])
    ai_action_queue_generate(today=TODAY)
    assert not AIActionQueue.objects.filter(unit=units["holdover"].unit).exists()


def test_the_renewal_scan_makes_no_offer_while_a_notice_is_open(units):
    notice_for(units["holdover"])
    summary = renewal_scan(today=TODAY)
    assert "held back 1 with a rent increase notice open" in summary
    assert not RenewalRecommendation.objects.filter(lease=units["holdover"]).exists()
    assert RenewalRecommendation.objects.filter(lease=units["oak_mtm"]).exists()


def test_bulk_renewal_offer_refuses_a_lease_with_a_notice(units):
    notice_for(units["holdover"])
    result = renewal_offer_for_leases(lease_ids=[units["holdover"].pk], actor="t", method="email", today=TODAY)
    r = result[units["holdover"].pk]
    assert r["status"] == "failed" and "no renewal offer until it takes effect" in r["detail"]


def test_command_center_rows_show_open_items_and_market_gap(api_client, units):
    renewal_offer_for_leases(lease_ids=[units["holdover"].pk], actor="test", method="email", today=TODAY)
    body = api_client.get(CC, {"page_size": 100}).json()
    rows = {r["unit_number"]: r for r in body["results"]}
    holdover = rows["1624B"]
    [offer] = holdover["open_items"]
    assert offer["kind"] == "renewal_offer" and offer["status"] == "sent"
    assert offer["label"].startswith("Renewal offer sent $")
    assert holdover["market_gap"] == "-300.00" and holdover["market_gap_pct"] == -16.7
    assert rows["1409D"]["market_gap"] is None and rows["1409D"]["open_items"] == []  # vacant


def test_command_center_gap_filter(api_client, units):
    def numbers(**params):
        return {r["unit_number"] for r in api_client.get(CC, {"page_size": 100, **params}).json()["results"]}

    assert numbers(gap_pct_max=-10) == {"1624B", "O-102"}  # -16.7%, -14.3%
    assert numbers(gap_pct_min=0) == {"2301A", "O-101"}  # at market
    assert numbers(gap_pct_min=-6, gap_pct_max=-1) == {"1822F", "1901A", "1902A", "1543C", "1407D", "1408D"}
    bad = api_client.get(CC, {"gap_pct_max": "lots"})
    assert bad.status_code == 400
