"""Global search: by unit number, tenant name (every word), email, phone, property, lease number; scoped; bounded."""

import pytest

from properties.tests.factories import PropertyFactory
from tenants.tests.factories import LeaseFactory, TenantFactory
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def book():
    aspen, birch = PropertyFactory(name="Aspen Grove", code="AG1"), PropertyFactory(name="Birch Court", code="BC2")
    samir = TenantFactory(first_name="Samir", last_name="James", email="samir.james@example.com", phone="+12065550142")
    sam = TenantFactory(first_name="Sam", last_name="Jones", email="sj@example.com")
    other = TenantFactory(first_name="Samira", last_name="Jameson", email="samira@example.com")
    l1 = LeaseFactory(tenant=samir, unit=UnitFactory(property=aspen, unit_number="B-204"), lease_number="L-900001")
    LeaseFactory(tenant=sam, unit=UnitFactory(property=aspen, unit_number="C-310"))
    LeaseFactory(tenant=other, unit=UnitFactory(property=birch, unit_number="B-204"))
    return {"aspen": aspen, "birch": birch, "samir": samir, "lease": l1}


def _kinds(client, q):
    body = client.get("/api/v1/search/", {"q": q}).json()
    return [(r["kind"], r["label"]) for r in body["results"]]


def test_part_of_a_name_every_word_must_match(api_client, book):
    assert ("tenant", "Samir James") in _kinds(api_client, "sam jam")
    found = _kinds(api_client, "samir jam")
    assert ("tenant", "Samir James") in found and ("tenant", "Sam Jones") not in found
    result = next(
        r for r in api_client.get("/api/v1/search/", {"q": "Samir"}).json()["results"] if r["kind"] == "tenant"
    )
    assert (
        result["sublabel"].startswith("Unit B-204 · Aspen Grove") and result["url"] == f"/units/{book['lease'].unit_id}"
    )


def test_unit_number_with_or_without_the_property(api_client, book):
    assert _kinds(api_client, "b-204").count(("unit", "Unit B-204")) == 2
    body = api_client.get("/api/v1/search/", {"q": "B-204 birch"}).json()["results"]
    units = [r for r in body if r["kind"] == "unit"]
    assert len(units) == 1 and units[0]["sublabel"].startswith("Birch Court")


def test_email_phone_property_and_lease_number(api_client, book):
    assert ("tenant", "Samir James") in _kinds(api_client, "samir.james@")
    assert ("tenant", "Samir James") in _kinds(api_client, "(206) 555-0142")
    assert ("property", "Aspen Grove") in _kinds(api_client, "aspen")
    hit = [r for r in api_client.get("/api/v1/search/", {"q": "L-900001"}).json()["results"] if r["kind"] == "lease"]
    assert hit and hit[0]["url"] == f"/lifecycle/{book['lease'].pk}"


def test_short_long_and_odd_queries(api_client, book):
    assert api_client.get("/api/v1/search/", {"q": "s"}).json()["results"] == []
    assert api_client.get("/api/v1/search/").json()["results"] == []
    assert api_client.get("/api/v1/search/", {"q": "x" * 101}).status_code == 400
    assert api_client.get("/api/v1/search/", {"q": "%_'\";--"}).status_code == 200


def test_at_most_twenty_results(api_client):
    prop = PropertyFactory(name="Zed Towers")
    for i in range(30):
        LeaseFactory(
            tenant=TenantFactory(first_name=f"Zed{i}", last_name="Zedson"),
            unit=UnitFactory(property=prop, unit_number=f"Z-{i:03d}"),
            lease_number=f"L-Z{i:04d}",
        )
    assert len(api_client.get("/api/v1/search/", {"q": "z"}).json()["results"]) == 0  # one character
    assert len(api_client.get("/api/v1/search/", {"q": "ze"}).json()["results"]) <= 20


def test_a_scoped_manager_finds_only_their_properties(make_user, book):
    scoped = make_user("property_manager", properties=[book["aspen"]])
    found = _kinds(scoped, "sam")
    assert ("tenant", "Samir James") in found and ("tenant", "Samira Jameson") not in found
    assert _kinds(scoped, "b-204").count(("unit", "Unit B-204")) == 1
    assert ("property", "Birch Court") not in _kinds(scoped, "birch")
