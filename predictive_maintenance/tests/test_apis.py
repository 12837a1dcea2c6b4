import csv
import datetime
import io

import pytest
from django.utils import timezone

from core.permissions import ACCESS_QUERIES
from predictive_maintenance.models import Equipment
from predictive_maintenance.tests.factories import EquipmentFactory
from properties.tests.factories import PropertyFactory
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/predictive-maintenance/equipment/"
TODAY = timezone.localdate()


def _days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def site():
    prop, other = PropertyFactory(name="Harbor View"), PropertyFactory(name="Alder Court")
    a101 = UnitFactory(property=prop, unit_number="A-101", building="A")
    z1 = UnitFactory(property=other, unit_number="Z-1", building="Z")
    rows = {
        "heater": EquipmentFactory(
            property_ref=prop, unit=a101, building="A", name="A-101 water heater", warranty_expiration=_days(60)
        ),
        "fridge": EquipmentFactory(
            property_ref=prop,
            unit=a101,
            building="A",
            equipment_type="refrigerator",
            name="A-101 refrigerator",
            warranty_expiration=_days(61),
            condition="fair",
        ),
        "roof": EquipmentFactory(
            property_ref=prop,
            building="A",
            equipment_type="roof",
            name="Building A roof",
            warranty_expiration=_days(-1),
        ),
        "pool": EquipmentFactory(property_ref=prop, equipment_type="hvac", name="Clubhouse HVAC"),
        "outside": EquipmentFactory(property_ref=other, unit=z1, building="Z", name="Z-1 water heater"),
    }
    return {"prop": prop, "other": other, "a101": a101, "z1": z1, **rows}


def _names(body):
    return {r["name"] for r in body["results"]}


def test_representation(api_client, site):
    row = api_client.get(f"{URL}{site['heater'].pk}/").json()
    assert row["property"] == str(site["prop"].pk) and row["property_name"] == "Harbor View"
    assert (row["unit_number"], row["building"], row["equipment_type_label"]) == ("A-101", "A", "Water heater")
    assert (row["warranty_state"], row["warranty_days_left"], row["under_warranty"]) == ("expiring", 60, True)
    assert row["lifespan_used_pct"] == 66.7
    roof = api_client.get(f"{URL}{site['roof'].pk}/").json()
    assert (roof["unit"], roof["unit_number"], roof["warranty_state"], roof["warranty_days_left"]) == (
        None,
        None,
        "expired",
        -1,
    )


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("warranty_state=expiring", {"A-101 water heater"}),
        ("warranty_state=active", {"A-101 refrigerator"}),
        ("warranty_state=expired", {"Building A roof"}),
        ("warranty_state=none", {"Clubhouse HVAC", "Z-1 water heater"}),
        ("building=a", {"A-101 water heater", "A-101 refrigerator", "Building A roof"}),
        ("equipment_type=roof,hvac", {"Building A roof", "Clubhouse HVAC"}),
        ("condition=fair", {"A-101 refrigerator"}),
        ("search=refrig", {"A-101 refrigerator"}),
        ("search=A-101", {"A-101 water heater", "A-101 refrigerator"}),
    ],
)
def test_filters(api_client, site, query, names):
    assert _names(api_client.get(f"{URL}?{query}").json()) == names


def test_property_and_unit_filters(api_client, site):
    assert len(api_client.get(f"{URL}?property={site['prop'].pk}").json()["results"]) == 4
    assert _names(api_client.get(f"{URL}?unit={site['z1'].pk}").json()) == {"Z-1 water heater"}


@pytest.mark.parametrize(
    "query", ["warranty_state=soon", "equipment_type=toaster", "property=nope", "condition=broken", "page_size=501"]
)
def test_bad_filters_are_400(api_client, site, query):
    assert api_client.get(f"{URL}?{query}").status_code == 400


def test_ordering_by_lifespan_used(api_client, site):
    site["roof"].age_years = 30
    site["roof"].expected_lifespan_years = 25
    site["roof"].save()
    assert api_client.get(f"{URL}?ordering=-lifespan_used").json()["results"][0]["name"] == "Building A roof"


def test_create_and_patch(api_client, site):
    body = {
        "property": str(site["prop"].pk),
        "unit": str(site["a101"].pk),
        "equipment_type": "dishwasher",
        "name": "A-101 dishwasher",
        "manufacturer": "Bosch",
        "install_date": (TODAY - datetime.timedelta(days=730)).isoformat(),
        "expected_lifespan_years": 10,
        "warranty_expiration": _days(30).isoformat(),
        "replacement_cost": "899.00",
    }
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["building"], data["unit_number"], data["warranty_state"], data["age_years"]) == (
        "A",
        "A-101",
        "expiring",
        2.0,
    )
    response = api_client.patch(f"{URL}{data['id']}/", {"condition": "poor", "warranty_expiration": None})
    assert response.status_code == 200, response.content
    assert (response.json()["condition"], response.json()["warranty_state"]) == ("poor", "none")


@pytest.mark.parametrize(
    "over",
    [
        {"unit": "OTHER"},  # a unit of another property
        {"install_date": "2999-01-01"},
        {"install_date": "0001-01-01"},
        {"install_date": "03/01/2020"},
        {"warranty_expiration": "2010-01-01"},  # before the install date
        {"expected_lifespan_years": 0},
        {"expected_lifespan_years": 101},
        {"expected_lifespan_years": "1e2"},
        {"replacement_cost": "1e5"},
        {"building": "Q"},
        {"equipment_type": "toaster"},
        {"name": ""},
        {"property": "not-a-uuid"},
    ],
)
def test_bad_input_answers_400(api_client, site, over):
    body = {
        "property": str(site["prop"].pk),
        "equipment_type": "boiler",
        "name": "Boiler",
        "install_date": "2015-05-01",
    }
    body.update({k: (str(site["z1"].pk) if v == "OTHER" else v) for k, v in over.items()})
    before = Equipment.objects.count()
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400, response.content
    assert Equipment.objects.count() == before


def test_a_scoped_manager_gets_404_outside_and_cannot_file_there(make_user, site):
    client = make_user("property_manager", properties=[site["prop"]])
    assert "Z-1 water heater" not in _names(client.get(URL).json())
    assert client.get(f"{URL}{site['outside'].pk}/").status_code == 404
    assert client.patch(f"{URL}{site['outside'].pk}/", {"condition": "poor"}).status_code == 404
    body = {"property": str(site["other"].pk), "equipment_type": "roof", "name": "Roof", "install_date": "2015-01-01"}
    response = client.post(URL, body, format="json")
    assert response.status_code == 400 and response.json()["detail"] == "Property not found."
    body = {**body, "property": str(site["prop"].pk), "unit": str(site["z1"].pk)}
    assert client.post(URL, body, format="json").json()["detail"] == "Unit not found."


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("maintenance_coordinator", 200, 201),
        ("read_only", 200, 403),
        ("accountant", 403, 403),
        ("leasing_agent", 403, 403),
    ],
)
def test_who_may_read_and_write(make_user, site, role, read, write):
    client = make_user(role)
    assert client.get(URL).status_code == read
    body = {"property": str(site["prop"].pk), "equipment_type": "roof", "name": "Roof", "install_date": "2015-01-01"}
    assert client.post(URL, body, format="json").status_code == write
    assert client.patch(f"{URL}{site['roof'].pk}/", {"condition": "poor"}).status_code in (
        (200,) if write == 201 else (403,)
    )


def test_export_is_csv_with_the_same_filters(api_client, site):
    response = api_client.get(f"{URL}export/?building=A&ordering=name")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["name"], r["warranty_state"], r["unit_number"]) for r in rows] == [
        ("A-101 refrigerator", "active", "A-101"),
        ("A-101 water heater", "expiring", "A-101"),
        ("Building A roof", "expired", ""),
    ]


def test_list_and_export_queries_do_not_grow_with_rows(api_client, site, django_assert_max_num_queries):
    for n in (5, 20):
        for _ in range(n):
            EquipmentFactory(property_ref=site["prop"], unit=UnitFactory(property=site["prop"]))
        with django_assert_max_num_queries(3 + ACCESS_QUERIES):
            assert api_client.get(f"{URL}?page_size=100").status_code == 200
        with django_assert_max_num_queries(2 + ACCESS_QUERIES):
            response = api_client.get(f"{URL}export/")
            assert response.status_code == 200
            assert b"".join(response.streaming_content).count(b"\n") > n
