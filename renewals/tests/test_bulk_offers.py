"""renewals.services for the portfolio command center: renewal_send(channels=...), renewal_offers_prepare and
renewal_offer_for_leases."""

import datetime
import uuid

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError
from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from core.models import OutboxMessage
from renewals.models import RenewalRecommendation
from renewals.services import (
    renewal_approve,
    renewal_offer_for_leases,
    renewal_offers_prepare,
    renewal_scan,
    renewal_send,
)
from renewals.tests.conftest import TODAY
from renewals.tests.factories import RenewalRecommendationFactory
from tenants.tests.factories import LeaseFactory

pytestmark = pytest.mark.django_db
ACTOR = "user:pat@example.com"


def test_send_on_one_channel_then_the_other(portfolio):
    rec = renewal_approve(recommendation=RenewalRecommendationFactory(lease=portfolio["maria"]), actor=ACTOR)
    rec = renewal_send(recommendation=rec, actor=ACTOR, channels=("email",))
    assert rec.status == "sent" and [e["channel"] for e in rec.sent_via] == ["email"]
    assert len(FakeEmailBackend.sent) == 1 and not FakeSmsBackend.sent
    rec = renewal_send(recommendation=rec, actor=ACTOR, channels=("sms",))
    assert [e["channel"] for e in rec.sent_via] == ["email", "sms"] and len(FakeSmsBackend.sent) == 1
    assert len(FakeEmailBackend.sent) == 1  # never twice
    with pytest.raises(ApplicationError, match="Send the letter by email and/or sms"):
        renewal_send(recommendation=rec, actor=ACTOR, channels=("fax",))


def test_prepare_creates_what_the_scan_would_and_reuses_open_offers(portfolio, django_assert_max_num_queries):
    existing = RenewalRecommendationFactory(lease=portfolio["sarah"])
    ids = [portfolio[k].pk for k in ("maria", "james", "sarah")]
    with django_assert_max_num_queries(16):
        prepared = renewal_offers_prepare(lease_ids=ids, today=TODAY)
    assert list(prepared) == ids
    assert prepared[portfolio["sarah"].pk].pk == existing.pk
    maria = prepared[portfolio["maria"].pk]
    assert maria.status == "pending" and maria.renewal_letter_text and maria.letter_provider == "offline"
    # the same figures the nightly scan computes for that lease
    created = {rec.lease_id: rec for rec in RenewalRecommendation.objects.exclude(pk=existing.pk)}
    RenewalRecommendation.objects.exclude(pk=existing.pk).delete()
    renewal_scan(today=TODAY)
    for lease_id, rec in created.items():
        scanned = RenewalRecommendation.objects.get(lease_id=lease_id, status="pending")
        assert (
            scanned.recommended_rent,
            scanned.churn_score,
            scanned.rent_strategy,
            scanned.recommended_lease_start,
        ) == (rec.recommended_rent, rec.churn_score, rec.rent_strategy, rec.recommended_lease_start)


def test_prepare_explains_leases_that_cannot_have_an_offer(portfolio):
    notice = LeaseFactory(notice=True)
    declined = RenewalRecommendationFactory(lease=portfolio["omar"], status="declined", responded_at=timezone.now())
    missing = uuid.uuid4()
    prepared = renewal_offers_prepare(lease_ids=[notice.pk, portfolio["omar"].pk, missing], today=TODAY)
    assert prepared[notice.pk] == "The lease is notice; a renewal cannot be offered."
    assert prepared[portfolio["omar"].pk].startswith("The tenant declined a renewal on ")
    assert prepared[missing] == "Lease not found."
    assert RenewalRecommendation.objects.get() == declined


def test_offer_for_leases_approves_and_sends_each(portfolio):
    ids = [portfolio["maria"].pk, portfolio["james"].pk]
    results = renewal_offer_for_leases(lease_ids=ids, actor=ACTOR, method="both", today=TODAY)
    for lease_id in ids:
        r = results[lease_id]
        rec = RenewalRecommendation.objects.get(lease_id=lease_id)
        assert r["ok"] and r["status"] == "done" and r["renewal_id"] == str(rec.pk) and r["renewal_status"] == "sent"
        assert rec.status == "sent" and rec.reviewed_by == ACTOR and rec.sent_by == ACTOR
        assert r["detail"] == f"Offer sent by email and sms at ${rec.recommended_rent:,.2f}/month."
    assert OutboxMessage.objects.count() == 4
    again = renewal_offer_for_leases(lease_ids=ids, actor=ACTOR, method="email", today=TODAY)
    assert {r["status"] for r in again.values()} == {"skipped"} and OutboxMessage.objects.count() == 4


def test_offer_for_leases_keeps_going_when_one_fails(portfolio):
    james = portfolio["james"].tenant
    james.phone = "12"
    james.save()
    results = renewal_offer_for_leases(
        lease_ids=[portfolio["james"].pk, portfolio["maria"].pk], actor=ACTOR, method="sms", today=TODAY
    )
    failed, ok = results[portfolio["james"].pk], results[portfolio["maria"].pk]
    assert not failed["ok"] and failed["detail"].startswith("The renewal letter could not be sent (sms: ")
    assert failed["renewal_status"] == "approved"
    assert ok["ok"] and ok["renewal_status"] == "sent"


def test_offer_for_leases_manual_and_unknown_method(portfolio):
    r = renewal_offer_for_leases(lease_ids=[portfolio["maria"].pk], actor=ACTOR, method="manual", today=TODAY)
    assert r[portfolio["maria"].pk]["renewal_status"] == "approved" and not OutboxMessage.objects.exists()
    with pytest.raises(ApplicationError, match="Unknown method 'fax'"):
        renewal_offer_for_leases(lease_ids=[portfolio["maria"].pk], actor=ACTOR, method="fax")


def test_a_stale_open_offer_is_replaced(portfolio):
    stale = RenewalRecommendationFactory(
        lease=portfolio["james"], recommended_lease_start=TODAY - datetime.timedelta(days=3)
    )
    prepared = renewal_offers_prepare(lease_ids=[portfolio["james"].pk], today=TODAY)
    stale.refresh_from_db()
    assert stale.status == "expired" and prepared[portfolio["james"].pk].pk != stale.pk
