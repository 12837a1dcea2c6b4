import datetime
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from invoices.models import Vendor
from invoices.services import vendor_create, vendor_deactivate, vendor_update
from invoices.tests.factories import VendorFactory

pytestmark = pytest.mark.django_db


def test_create_normalises_and_stores():
    v = vendor_create(
        name="  ProFlow   Plumbing ",
        trade="plumbing",
        email="Dispatch@ProFlow.example",
        phone="(206) 555-0100",
        hourly_rate="95.50",
        license_expiry=datetime.date(2027, 1, 31),
    )
    v.refresh_from_db()
    assert v.name == "ProFlow Plumbing" and v.email == "dispatch@proflow.example"
    assert v.phone == "(206) 555-0100" and v.hourly_rate == Decimal("95.50")
    assert v.license_expiry == datetime.date(2027, 1, 31) and v.is_active


def test_name_is_unique_whatever_its_case():
    VendorFactory(name="ProFlow Plumbing")
    with pytest.raises(ApplicationError, match="A vendor named 'ProFlow Plumbing' already exists"):
        vendor_create(name="proflow PLUMBING")
    assert Vendor.objects.count() == 1


def test_update_may_keep_its_own_name_and_change_its_case():
    v = VendorFactory(name="Acme Electric")
    vendor_update(vendor=v, data={"name": "ACME Electric", "trade": "electrical"})
    v.refresh_from_db()
    assert (v.name, v.trade) == ("ACME Electric", "electrical")


def test_update_to_another_vendors_name_is_refused():
    VendorFactory(name="Acme Electric")
    other = VendorFactory(name="Bolt Electric")
    with pytest.raises(ApplicationError, match="already exists"):
        vendor_update(vendor=other, data={"name": "acme electric"})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "x"}, "at least 2 characters"),
        ({"name": "A" * 201}, "at most 200"),
        ({"name": "Ok Co", "trade": "carpentry"}, "Unknown trade"),
        ({"name": "Ok Co", "email": "not-an-email"}, "is not an email address"),
        ({"name": "Ok Co", "phone": "12345"}, "7 to 15 digits"),
        ({"name": "Ok Co", "phone": "call me maybe"}, "7 to 15 digits"),
        ({"name": "Ok Co", "phone": "+1 206 555 0100 0100 0100"}, "7 to 15 digits"),
        ({"name": "Ok Co", "hourly_rate": "-1"}, "cannot be negative"),
        ({"name": "Ok Co", "hourly_rate": "1000.01"}, "at most 1,000.00"),
        ({"name": "Ok Co", "hourly_rate": "1e3"}, "exponent"),
        ({"name": "Ok Co", "hourly_rate": "12.345"}, "2 decimal places"),
        ({"name": "Ok Co", "insurance_expiry": datetime.date(1999, 12, 31)}, "between"),
        ({"name": "Ok Co", "license_expiry": datetime.date(2099, 1, 1)}, "between"),
        ({"name": "Ok Co", "contact_name": "x" * 121}, "at most 120"),
    ],
)
def test_bad_input_is_refused_in_words(data, message):
    with pytest.raises(ApplicationError, match=message):
        vendor_create(**data)
    assert not Vendor.objects.exists()


def test_a_zero_rate_and_an_upper_bound_rate_are_accepted():
    assert vendor_create(name="Volunteer Crew", hourly_rate="0").hourly_rate == Decimal("0.00")
    assert vendor_create(name="Elevator Masters", hourly_rate="1000").hourly_rate == Decimal("1000.00")


def test_deactivate_keeps_the_vendor_and_is_idempotent():
    v = VendorFactory()
    vendor_deactivate(vendor=v)
    vendor_deactivate(vendor=v)
    v.refresh_from_db()
    assert v.is_active is False and Vendor.objects.filter(pk=v.pk).exists()


def test_update_without_changes_writes_nothing(django_assert_num_queries):
    v = VendorFactory(name="Calm Co", trade="general")
    with django_assert_num_queries(1):  # the name check only
        vendor_update(vendor=v, data={"name": "Calm Co", "trade": "general"})
