import datetime
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from tenants.balances import tenant_balances
from tenants.ledger_services import ledger_payment_record, ledger_unpaid_charges
from tenants.models import TenantLedgerEntry
from tenants.tests.factories import LeaseFactory, LedgerEntryFactory

T = TenantLedgerEntry.TransType
D = datetime.date(2026, 9, 1)
pytestmark = pytest.mark.django_db


def _charge(lease, due, amount, code="rent"):
    return LedgerEntryFactory(
        tenant=lease.tenant,
        lease=lease,
        trans_type=T.CHARGE,
        charge_code=code,
        trans_date=due,
        due_date=due,
        amount=Decimal(amount),
    )


def _pay(lease, when, amount, applies_to=None, trans_type=T.PAYMENT):
    return LedgerEntryFactory(
        tenant=lease.tenant,
        lease=lease,
        trans_type=trans_type,
        trans_date=when,
        due_date=None,
        amount=Decimal(amount),
        applies_to=applies_to,
    )


@pytest.fixture
def lease():
    return LeaseFactory()


def test_unpaid_charges_fill_oldest_first(lease):
    jul = _charge(lease, D.replace(month=7), "1000.00")
    aug = _charge(lease, D.replace(month=8), "1000.00")
    fee = _charge(lease, D.replace(month=8, day=6), "75.00", code="late_fee")
    sep = _charge(lease, D, "1000.00")
    _pay(lease, D.replace(month=7), "1000.00", applies_to=jul)
    _pay(lease, D.replace(month=8, day=20), "400.00")  # no applies_to: still settles the oldest open charge
    _pay(lease, D.replace(month=8, day=21), "25.00", trans_type=T.CREDIT)
    rows = ledger_unpaid_charges(tenant_ids=[lease.tenant_id])[lease.tenant_id]
    assert [(r.id, r.unpaid) for r in rows] == [
        (aug.id, Decimal("575.00")),
        (fee.id, Decimal("75.00")),
        (sep.id, Decimal("1000.00")),
    ]
    overdue = ledger_unpaid_charges(tenant_ids=[lease.tenant_id], due_before=D)[lease.tenant_id]
    assert [r.id for r in overdue] == [aug.id, fee.id]
    # the same definition as tenants.balances: the overdue parts sum to the overdue balance
    assert (
        sum(r.unpaid for r in overdue)
        == tenant_balances(tenant_ids=[lease.tenant_id], as_of=D)[lease.tenant_id]["overdue"]
    )


def test_unpaid_charges_for_many_tenants_in_one_query(django_assert_num_queries):
    leases = [LeaseFactory() for _ in range(4)]
    for le in leases:
        _charge(le, D, "500.00")
    with django_assert_num_queries(1):
        out = ledger_unpaid_charges(tenant_ids=[le.tenant_id for le in leases])
    assert set(out) == {le.tenant_id for le in leases}
    assert ledger_unpaid_charges(tenant_ids=[]) == {}


def test_fully_paid_tenant_has_no_unpaid_charges(lease):
    c = _charge(lease, D, "900.00")
    _pay(lease, D, "900.00", applies_to=c)
    assert ledger_unpaid_charges(tenant_ids=[lease.tenant_id]) == {}


def test_payment_is_split_across_the_oldest_unpaid_charges(lease):
    aug = _charge(lease, D.replace(month=8), "1000.00")
    sep = _charge(lease, D, "1000.00")
    _pay(lease, D.replace(month=8, day=3), "300.00", applies_to=aug)
    entries = ledger_payment_record(
        tenant=lease.tenant,
        lease=lease,
        amount=Decimal("1200.00"),
        trans_date=D.replace(day=10),
        reference="CHK-1",
        description="Payment - collections",
    )
    assert [(e.applies_to_id, e.due_date, e.amount) for e in entries] == [
        (aug.id, aug.due_date, Decimal("700.00")),
        (sep.id, sep.due_date, Decimal("500.00")),
    ]
    assert all(e.trans_type == T.PAYMENT and e.reference == "CHK-1" and e.lease_id == lease.id for e in entries)
    assert tenant_balances(tenant_ids=[lease.tenant_id], as_of=D.replace(day=11))[lease.tenant_id] == {
        "balance": Decimal("500.00"),
        "overdue": Decimal("500.00"),
    }


def test_payment_beyond_the_charges_is_on_account(lease):
    c = _charge(lease, D, "100.00")
    entries = ledger_payment_record(tenant=lease.tenant, lease=lease, amount=Decimal("150.00"), trans_date=D)
    assert [(e.applies_to_id, e.amount) for e in entries] == [(c.id, Decimal("100.00")), (None, Decimal("50.00"))]
    assert tenant_balances(tenant_ids=[lease.tenant_id], as_of=D)[lease.tenant_id]["balance"] == Decimal("-50.00")


@pytest.mark.parametrize("amount", ["0", "-5.00", "1.005"])
def test_payment_must_be_positive_whole_cents(lease, amount):
    with pytest.raises(ApplicationError):
        ledger_payment_record(tenant=lease.tenant, lease=lease, amount=Decimal(amount), trans_date=D)
    assert not TenantLedgerEntry.objects.filter(trans_type=T.PAYMENT).exists()
