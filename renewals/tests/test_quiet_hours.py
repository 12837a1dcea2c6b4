"""The renewal offer's SMS goes through core.messaging's quiet hours; the email does not wait (quiet hours are
for texts)."""

import datetime

import pytest

from core.messaging import deferred_messages_release
from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from renewals.services import renewal_approve, renewal_send
from renewals.tests.conftest import TODAY
from renewals.tests.factories import RenewalRecommendationFactory

pytestmark = pytest.mark.django_db
ACTOR = "user:pat@example.com"
NIGHT = datetime.datetime.combine(TODAY, datetime.time(10, 0), tzinfo=datetime.UTC)  # 2:00 or 3:00 in Sacramento


def test_a_renewal_text_sent_at_night_is_scheduled_and_released_once(portfolio, settings, monkeypatch):
    settings.MESSAGING_QUIET_HOURS = True
    rec = renewal_approve(recommendation=RenewalRecommendationFactory(lease=portfolio["maria"]), actor=ACTOR)
    monkeypatch.setattr("django.utils.timezone.now", lambda: NIGHT)
    rec = renewal_send(recommendation=rec, actor=ACTOR, today=TODAY)
    sms = next(e for e in rec.sent_via if e["channel"] == "sms")
    assert rec.status == "sent" and sms["status"] == "scheduled"  # accepted: it goes out at 8:00
    assert len(FakeEmailBackend.sent) == 1 and FakeSmsBackend.sent == []
    rec = renewal_send(recommendation=rec, actor=ACTOR, today=TODAY)  # again: nothing twice
    assert FakeSmsBackend.sent == [] and len(FakeEmailBackend.sent) == 1
    deferred_messages_release(now=NIGHT + datetime.timedelta(hours=8))
    deferred_messages_release(now=NIGHT + datetime.timedelta(hours=9))
    assert len(FakeSmsBackend.sent) == 1
