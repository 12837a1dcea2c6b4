"""The collections agents tell the manager: deep arrears (critical, paged once a day), legal referrals to decide."""

import datetime

import pytest

from collections_app.services import collections_scan
from collections_app.tests.factories import DUE, RENT, day, overdue_tenant
from core.models import Notification, OutboxMessage
from tenants.models import TenantLedgerEntry
from tenants.tests.factories import LedgerEntryFactory

pytestmark = pytest.mark.django_db


def _owe_months(tenant, lease, months: int):
    """`months` unpaid rent charges in all: the factory's one on DUE, and earlier ones."""
    for k in range(1, months):
        due = DUE - datetime.timedelta(days=30 * k)
        LedgerEntryFactory(
            tenant=tenant,
            lease=lease,
            trans_type=TenantLedgerEntry.TransType.CHARGE,
            trans_date=due,
            due_date=due,
            amount=RENT,
            description="Rent",
        )


def test_three_months_owed_is_critical_once_a_day_however_often_the_scan_runs(django_capture_on_commit_callbacks):
    deep, lease = overdue_tenant(due=DUE, on_time=0)
    _owe_months(deep, lease, 3)
    overdue_tenant(due=DUE, on_time=0, property=lease.property)  # one month behind: not critical
    with django_capture_on_commit_callbacks(execute=True):
        collections_scan(today=day(2))
        collections_scan(today=day(2))
    note = Notification.objects.get()
    assert (note.kind, note.severity, note.property_ref) == ("collections.deep_arrears", "critical", lease.property_id)
    assert note.title == f"{lease.property.name}: 1 tenant owes 3 months' rent or more ($5,100.00)"
    assert deep.full_name in note.body and note.link == "/collections"
    pages = OutboxMessage.objects.filter(feature="notifications")
    assert sorted(pages.values_list("channel", flat=True)) == ["email", "sms"]
    # the next day's scan tells again (still owed), once
    with django_capture_on_commit_callbacks(execute=True):
        collections_scan(today=day(3))
        collections_scan(today=day(3))
    assert Notification.objects.count() == 2 and pages.count() == 4


def test_under_three_months_nobody_is_paged(django_capture_on_commit_callbacks):
    tenant, lease = overdue_tenant(due=DUE, on_time=0)
    _owe_months(tenant, lease, 2)
    with django_capture_on_commit_callbacks(execute=True):
        collections_scan(today=day(2))
    assert not Notification.objects.exists() and not OutboxMessage.objects.filter(feature="notifications").exists()
