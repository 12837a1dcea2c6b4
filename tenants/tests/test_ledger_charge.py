"""tenants.ledger_services.ledger_charge_post: a feature's charge on the ledger, once per reference."""

import datetime
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from tenants.ledger_services import ledger_charge_post
from tenants.models import TenantLedgerEntry
from tenants.tests.factories import LeaseFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 29)


def test_posts_a_charge_once_per_reference():
    lease = LeaseFactory()
    entry, created = ledger_charge_post(
        tenant=lease.tenant, lease=lease, amount=Decimal("150.25"), trans_date=DAY, reference="turnover:x"
    )
    again, created_again = ledger_charge_post(
        tenant=lease.tenant, lease=lease, amount=Decimal("150.25"), trans_date=DAY, reference="turnover:x"
    )
    assert created and not created_again and again.pk == entry.pk
    assert entry.trans_type == "Charge" and entry.charge_code == "damage" and entry.due_date == DAY
    assert TenantLedgerEntry.objects.filter(tenant=lease.tenant).count() == 1


@pytest.mark.parametrize("amount", ["0", "-1", "0.001", "100000000", "NaN"])
def test_refuses_amounts_that_are_not_positive_cents(amount):
    lease = LeaseFactory()
    with pytest.raises(ApplicationError):
        ledger_charge_post(tenant=lease.tenant, lease=lease, amount=Decimal(amount), trans_date=DAY, reference="r")


def test_needs_a_reference():
    lease = LeaseFactory()
    with pytest.raises(ApplicationError, match="reference"):
        ledger_charge_post(tenant=lease.tenant, lease=lease, amount=Decimal("1"), trans_date=DAY, reference=" ")
