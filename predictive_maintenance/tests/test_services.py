import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.exceptions import ApplicationError
from predictive_maintenance.models import Equipment
from predictive_maintenance.rules import age_years
from predictive_maintenance.services import equipment_ages_recompute, equipment_create, equipment_update
from predictive_maintenance.tests.factories import EquipmentFactory
from properties.tests.factories import PropertyFactory
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 28)


@pytest.fixture
def site():
    prop = PropertyFactory(name="Harbor View")
    other = PropertyFactory(name="Alder Court")
    return {
        "prop": prop,
        "other": other,
        "a101": UnitFactory(property=prop, unit_number="A-101", building="A"),
        "b201": UnitFactory(property=prop, unit_number="B-201", building="B"),
        "z1": UnitFactory(property=other, unit_number="Z-1", building="Z"),
    }


def _create(site, **over):
    fields = {
        "property": site["prop"].pk,
        "equipment_type": "water_heater",
        "name": "A-101 water heater",
        "install_date": datetime.date(2018, 6, 1),
        "today": TODAY,
    }
    fields.update(over)
    return equipment_create(**fields)


def test_unit_equipment_takes_the_units_building_and_its_age(site):
    e = _create(
        site,
        unit=site["a101"].pk,
        warranty_expiration=datetime.date(2028, 6, 1),
        replacement_cost="1450.00",
        expected_lifespan_years=12,
    )
    e.refresh_from_db()
    assert e.property_ref == site["prop"] and e.unit == site["a101"] and e.building == "A"
    assert e.age_years == age_years(datetime.date(2018, 6, 1), TODAY) == 7.82
    assert e.replacement_cost == Decimal("1450.00")


def test_building_level_and_property_wide_equipment(site):
    boiler = _create(site, equipment_type="boiler", name="Building B boiler", building="b")
    assert (boiler.unit, boiler.building) == (None, "B")  # the property's spelling
    pool = _create(site, equipment_type="hvac", name="Clubhouse HVAC")
    assert (pool.unit, pool.building) == (None, "")


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"unit": "Z-1"}, "is not at Harbor View"),
        ({"unit": "A-101", "building": "B"}, "is in building A, not B"),
        ({"building": "Q"}, "has no building Q"),
        ({"install_date": datetime.date(2026, 3, 29)}, "cannot be in the future"),
        ({"install_date": datetime.date(1946, 3, 27)}, "more than 80 years ago"),
        ({"warranty_expiration": datetime.date(2018, 6, 1)}, "must end after the install date"),
        ({"warranty_expiration": datetime.date(2068, 6, 2)}, "more than 50 years"),
        ({"last_service_date": datetime.date(2018, 5, 31)}, "before the install date"),
        ({"last_service_date": datetime.date(2026, 3, 29)}, "cannot be in the future"),
        ({"expected_lifespan_years": 0}, "from 1 to 100"),
        ({"expected_lifespan_years": 101}, "from 1 to 100"),
        ({"equipment_type": "toaster"}, "Unknown equipment type"),
        ({"condition": "broken"}, "Condition must be"),
        ({"replacement_cost": "-1"}, "cannot be negative"),
        ({"name": "   "}, "needs a name"),
        ({"property": "00000000-0000-0000-0000-000000000000"}, "Property not found"),
    ],
)
def test_bad_input_is_refused_in_words(site, over, message):
    if over.get("unit") in ("Z-1", "A-101"):
        over["unit"] = site["z1" if over["unit"] == "Z-1" else "a101"].pk
    with pytest.raises(ApplicationError, match=message):
        _create(site, **over)
    assert not Equipment.objects.exists()


def test_eighty_years_back_is_the_oldest_install_date(site):
    assert _create(site, install_date=datetime.date(1946, 3, 28)).age_years == 80.0


def test_update_checks_against_the_stored_values(site):
    e = _create(site, unit=site["a101"].pk, warranty_expiration=datetime.date(2027, 1, 1))
    with pytest.raises(ApplicationError, match="must end after the install date"):
        equipment_update(equipment=e, data={"install_date": datetime.date(2027, 2, 1)}, today=datetime.date(2027, 3, 1))
    with pytest.raises(ApplicationError, match="is not at Alder Court"):
        equipment_update(equipment=e, data={"property": site["other"].pk}, today=TODAY)
    equipment_update(
        equipment=e, data={"unit": site["b201"].pk, "install_date": datetime.date(2020, 2, 29)}, today=TODAY
    )
    e.refresh_from_db()
    assert e.building == "B" and e.age_years == age_years(datetime.date(2020, 2, 29), TODAY)
    equipment_update(equipment=e, data={"unit": None}, today=TODAY)  # moved off the unit: stays in building B
    e.refresh_from_db()
    assert (e.unit, e.building) == (None, "B")


# --- the set-based recompute ---------------------------------------------------------------------------------


LEAP_CASES = [
    (datetime.date(2020, 2, 29), datetime.date(2024, 2, 29)),
    (datetime.date(2020, 2, 29), datetime.date(2021, 2, 28)),
    (datetime.date(2020, 2, 29), datetime.date(2021, 3, 1)),
    (datetime.date(2024, 2, 28), datetime.date(2024, 3, 1)),
    (datetime.date(2023, 2, 28), datetime.date(2023, 3, 1)),
    (datetime.date(2016, 3, 1), datetime.date(2026, 3, 1)),
    (datetime.date(1999, 12, 31), datetime.date(2000, 3, 1)),
    (datetime.date(1950, 1, 1), datetime.date(2026, 3, 28)),
]


@pytest.mark.parametrize(("install", "today"), LEAP_CASES)
def test_sql_ages_equal_the_python_rule_across_leap_days(site, install, today):
    e = EquipmentFactory(property_ref=site["prop"], install_date=install, age_years=-1)
    equipment_ages_recompute(today=today)
    e.refresh_from_db()
    assert e.age_years == age_years(install, today)


def test_a_future_install_is_age_zero(site):
    e = EquipmentFactory(property_ref=site["prop"], install_date=TODAY + datetime.timedelta(days=3), age_years=5)
    equipment_ages_recompute(today=TODAY)
    e.refresh_from_db()
    assert e.age_years == 0.0


def _writes(ctx):
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE")]


def test_one_update_per_chunk_and_twice_changes_nothing(site):
    start = datetime.date(2010, 1, 1)
    for i in range(25):
        EquipmentFactory(property_ref=site["prop"], install_date=start + datetime.timedelta(days=97 * i), age_years=0)
    with CaptureQueriesContext(connection) as ctx:
        summary = equipment_ages_recompute(today=TODAY, chunk_size=10)
    assert summary == "Recomputed the ages of 25 equipment records: 25 changed."
    assert len(_writes(ctx)) == 3  # chunks of 10, 10, 5: one UPDATE each
    assert len(ctx.captured_queries) == 6  # + one SELECT of ids per chunk
    ages = dict(Equipment.objects.values_list("pk", "age_years"))
    assert all(ages[e.pk] == age_years(e.install_date, TODAY) for e in Equipment.objects.all())
    assert equipment_ages_recompute(today=TODAY, chunk_size=10) == (
        "Recomputed the ages of 25 equipment records: 0 changed."
    )
    assert dict(Equipment.objects.values_list("pk", "age_years")) == ages


def test_an_exact_multiple_of_the_chunk_ends_with_an_empty_select(site):
    for _ in range(4):
        EquipmentFactory(property_ref=site["prop"], age_years=0)
    with CaptureQueriesContext(connection) as ctx:
        equipment_ages_recompute(today=TODAY, chunk_size=2)
    assert len(_writes(ctx)) == 2


def test_the_command_and_the_task_run_the_recompute(site):
    from io import StringIO

    from celery import current_app
    from django.core.management import call_command

    e = EquipmentFactory(property_ref=site["prop"], install_date=datetime.date(2016, 3, 1), age_years=0)
    out = StringIO()
    call_command("recompute_equipment_ages", "--today", "2026-03-01", stdout=out)
    assert out.getvalue().strip() == "Recomputed the ages of 1 equipment records: 1 changed."
    e.refresh_from_db()
    assert e.age_years == 10.0
    current_app.loader.import_default_modules()
    task = current_app.tasks["predictive_maintenance.recompute_equipment_ages"]
    assert task.run(today="2026-03-01") == "Recomputed the ages of 1 equipment records: 0 changed."
    with pytest.raises(ApplicationError):
        equipment_ages_recompute(chunk_size=0)
