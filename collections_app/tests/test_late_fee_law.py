"""Late fees follow the property's late-fee rule (properties.JurisdictionRule): a fee charged within the grace
period or above the cap is left out of what the case pursues, and the case records the rule's citation."""

from decimal import Decimal

import pytest

from collections_app import dunning
from collections_app.models import CollectionCase
from collections_app.services import collections_scan
from collections_app.tests.factories import DUE, day, overdue_tenant
from properties.tests.factories import PropertyFactory

pytestmark = pytest.mark.django_db
D = Decimal


def place(city, state):
    return PropertyFactory(city=city, state=state, jurisdiction_city=city, jurisdiction_state=state)


def scanned_case(city, state, *, rent="1500.00", fee="150.00") -> CollectionCase:
    tenant, _ = overdue_tenant(due=DUE, rent=D(rent), late_fee=D(fee), property=place(city, state))
    collections_scan(today=day(10))
    return CollectionCase.objects.get(tenant=tenant)


def test_a_fee_over_the_cap_is_capped_and_the_excess_is_not_pursued():
    """Maryland: at most 5% of the monthly rent ($75 of $1,500); the fee was $150, charged 5 days late."""
    case = scanned_case("Baltimore", "MD")
    assert (case.late_fee_total, case.late_fee_excess) == (D("75.00"), D("75.00"))
    assert case.late_fee_citation == "Md. Code, Real Prop. §8-208(d)(3)"
    assert case.current_balance == case.original_amount_due == D("1575.00")  # rent + the lawful fee


def test_a_fee_charged_within_the_grace_period_is_not_pursued():
    """Massachusetts: no late fee until the rent is 30 days overdue; this one came on day 5."""
    case = scanned_case("Boston", "MA", fee="50.00")
    assert (case.late_fee_total, case.late_fee_excess, case.current_balance) == (D("0"), D("50.00"), D("1500.00"))


def test_the_city_formula_and_the_state_cap():
    chicago = scanned_case("Chicago", "IL", fee="100.00")  # $10 + 5% of $1,000 = $60
    assert (chicago.late_fee_total, chicago.late_fee_excess) == (D("60.00"), D("40.00"))
    assert chicago.late_fee_citation == "Chicago Municipal Code 5-12-140(h)"
    texas = scanned_case("Austin", "TX", fee="100.00")  # after 2 days' grace, up to 10%: $150 -> fee stands
    assert (texas.late_fee_total, texas.late_fee_excess) == (D("100.00"), D("0"))


def test_no_cap_on_file_or_no_rule_leaves_the_fee_as_charged():
    california = scanned_case("Sacramento", "CA")  # no statutory cap: reasonableness (Civ. Code §1671)
    assert (california.late_fee_total, california.late_fee_excess) == (D("150.00"), D("0"))
    assert california.late_fee_citation == "Cal. Civ. Code §1671(d)"
    new_york = scanned_case("Albany", "NY")  # no rule shipped
    assert (new_york.late_fee_total, new_york.late_fee_excess, new_york.late_fee_citation) == (D("150.00"), 0, "")


def test_rescanning_changes_nothing():
    case = scanned_case("Baltimore", "MD")
    updated_at = case.updated_at
    collections_scan(today=day(10))
    case.refresh_from_db()
    assert case.updated_at == updated_at


def test_a_tenant_owing_only_unlawful_fees_has_no_case():
    tenant, lease = overdue_tenant(due=DUE, late_fee=D("50.00"), property=place("Boston", "MA"))
    from tenants.ledger_services import ledger_payment_record

    ledger_payment_record(
        tenant=tenant, lease=lease, amount=D("1700.00"), trans_date=day(3), reference="", description="Rent"
    )
    collections_scan(today=day(10))
    assert not CollectionCase.objects.filter(tenant=tenant).exists()


def test_late_fees_lawful_is_pure_arithmetic():
    rule = {"grace_days": 5, "cap_pct": 10}
    fees = [(D("200"), DUE.replace(day=8), DUE.replace(day=1)), (D("50"), DUE.replace(day=4), DUE.replace(day=1))]
    assert dunning.late_fees_lawful(fees, rule=rule, rent=D("1500")) == (D("150.00"), D("100.00"))
    assert dunning.late_fees_lawful(fees, rule=None, rent=D("1500")) == (D("250"), D("0"))
