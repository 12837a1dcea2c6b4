"""Collections dunning texts go through core.messaging's quiet hours: a step due at night is recorded and its SMS
scheduled for 8:00 at the property (federal window, 47 CFR §64.1200(c)(1)), released once, never sent twice."""

import pytest

from collections_app.models import CollectionAction
from collections_app.selectors import action_deliveries, outbox_rows_for
from collections_app.services import collections_escalate, collections_scan
from collections_app.tests.factories import DUE, at, day, overdue_tenant
from core.messaging import deferred_messages_release
from core.messaging.testing import FakeSmsBackend
from core.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quiet_hours_on(settings):
    settings.MESSAGING_QUIET_HOURS = True


def test_a_dunning_text_due_at_night_waits_for_8_at_the_property():
    overdue_tenant(due=DUE)  # a Sacramento property: Pacific time
    collections_scan(today=day(1))
    collections_escalate(now=at(1, 12))  # 4:00 in Sacramento
    action = CollectionAction.objects.get(step_level=1)
    sms = OutboxMessage.objects.get(channel="sms")
    assert sms.status == "scheduled" and FakeSmsBackend.sent == []
    assert sms.not_before == at(1, 16)  # 8:00 PST
    assert sms.hold_reason == "quiet hours, 47 CFR §64.1200(c)(1)"
    [row] = action_deliveries(action, outbox_rows_for([action]))
    assert row["status"] == "pending" and row["scheduled_for"] == at(1, 16)
    assert row["hold_reason"].startswith("quiet hours")

    collections_escalate(now=at(1, 14))  # the next run: nothing resent, still waiting
    assert OutboxMessage.objects.count() == 1 and FakeSmsBackend.sent == []

    deferred_messages_release(now=at(1, 16))
    collections_escalate(now=at(1, 17))  # syncs the delivery state
    action.refresh_from_db()
    assert action.delivery_status == "sent" and len(FakeSmsBackend.sent) == 1
    deferred_messages_release(now=at(1, 18))
    assert len(FakeSmsBackend.sent) == 1


def test_in_the_day_the_dunning_text_goes_at_once():
    overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    collections_escalate(now=at(1, 20))  # noon in Sacramento
    assert OutboxMessage.objects.get(channel="sms").status == "sent" and len(FakeSmsBackend.sent) == 1
