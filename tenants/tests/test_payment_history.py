import datetime
from decimal import Decimal

import pytest

from tenants.models import TenantLedgerEntry
from tenants.payment_history import payment_history_counts, twelve_months_before
from tenants.tests.factories import LedgerEntryFactory, TenantFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 22)


def test_counts_late_payments_and_charges_in_window(django_assert_num_queries):
    a, b = TenantFactory(), TenantFactory()
    for month in range(1, 11):
        due = datetime.date(2026, month, 1)
        c = LedgerEntryFactory(tenant=a, trans_date=due, due_date=due, amount=Decimal("1000"))
        paid = due + datetime.timedelta(days=5 if month <= 3 else 0)  # 3 late
        LedgerEntryFactory(
            tenant=a,
            trans_type=TenantLedgerEntry.TransType.PAYMENT,
            trans_date=paid,
            due_date=due,
            applies_to=c,
            amount=Decimal("1000"),
        )
    # outside the window: ignored
    old = datetime.date(2025, 6, 1)
    LedgerEntryFactory(
        tenant=a,
        trans_type=TenantLedgerEntry.TransType.PAYMENT,
        trans_date=old + datetime.timedelta(days=9),
        due_date=old,
    )
    LedgerEntryFactory(tenant=b, trans_date=TODAY, due_date=TODAY)
    with django_assert_num_queries(1):
        counts = payment_history_counts(since=twelve_months_before(TODAY))
    assert counts[a.id] == {"charges": 10, "late_payments": 3}
    assert counts[b.id] == {"charges": 1, "late_payments": 0}


def test_twelve_months_before_leap_day():
    assert twelve_months_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)
