"""Writes of the equipment register: equipment_create, equipment_update, and the set-based age recompute that the
weekly risk agent (2.3) calls (`equipment_ages_recompute`; `manage.py recompute_equipment_ages`, or
`run_task predictive_maintenance.recompute_equipment_ages`)."""

from __future__ import annotations

import datetime

from django.db import NotSupportedError
from django.db.models import DateField, F, FloatField, Func, Value
from django.db.models.functions import Cast, Greatest, Round
from django.utils import timezone

from core.exceptions import ApplicationError
from core.fields import parse_money
from predictive_maintenance import rules
from predictive_maintenance.models import Equipment
from properties.models import Properties
from units.models import UnitsUnit

_TEXT_LIMITS = {
    "name": 120,
    "manufacturer": 100,
    "model_number": 60,
    "serial_number": 60,
    "warranty_provider": 120,
    "building": 20,
}
EQUIPMENT_FIELDS = (
    "property",
    "unit",
    "building",
    "equipment_type",
    "name",
    "manufacturer",
    "model_number",
    "serial_number",
    "install_date",
    "expected_lifespan_years",
    "warranty_provider",
    "warranty_expiration",
    "last_service_date",
    "condition",
    "replacement_cost",
)
CONDITIONS = ("good", "fair", "poor")


def _fail(message: str, field: str):
    raise ApplicationError(message, extra={"field": field})


def _date(value, label: str, field: str) -> datetime.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, datetime.date):
        try:
            value = datetime.date.fromisoformat(str(value))
        except ValueError:
            _fail(f"{label} must be a date like 2026-03-28.", field)
    return value


def _years_before(today: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier (later, for a negative number); 29 February becomes the 28th."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _equipment_clean(data: dict, *, equipment: Equipment | None, today: datetime.date) -> dict:
    """The given fields checked together with the record's other values (an update of the warranty date is
    checked against the stored install date). Returns model field values."""
    unknown = set(data) - set(EQUIPMENT_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown equipment field(s): {', '.join(sorted(unknown))}.")
    clean: dict = {}

    # where: property (in the caller's scope), unit of that property, building of that property
    prop = equipment.property_ref if equipment else None
    if "property" in data:
        prop = data["property"]
        if not isinstance(prop, Properties):
            prop = Properties.objects.filter(pk=prop).first() if prop else None
        if prop is None:
            _fail("Property not found.", "property")
        clean["property_ref"] = prop
    elif prop is None:
        _fail("Equipment needs a property.", "property")
    unit = equipment.unit if equipment else None
    if "unit" in data:
        unit = data["unit"]
        if unit is not None and not isinstance(unit, UnitsUnit):
            unit = UnitsUnit.objects.filter(pk=unit).first()
            if unit is None:
                _fail("Unit not found.", "unit")
        clean["unit"] = unit
    if unit is not None and unit.property_id != prop.pk:
        _fail(f"Unit {unit.unit_number} is not at {prop.name}.", "unit")
    building = equipment.building if equipment else ""
    if "building" in data:
        building = " ".join(str(data["building"] or "").split())
        if len(building) > _TEXT_LIMITS["building"]:
            _fail(f"Building can be at most {_TEXT_LIMITS['building']} characters.", "building")
    if unit is not None:
        if "building" in data and building and building.casefold() != unit.building.casefold():
            _fail(f"Unit {unit.unit_number} is in building {unit.building}, not {building}.", "building")
        building = unit.building
    elif building:
        known = list(UnitsUnit.objects.filter(property=prop).values_list("building", flat=True).distinct())
        match = next((b for b in known if b.casefold() == building.casefold()), None)
        if known and match is None:
            _fail(f"{prop.name} has no building {building} (its buildings: {', '.join(sorted(known))}).", "building")
        building = match or building
    if "building" in data or "unit" in data or "property" in data:
        clean["building"] = building

    if "equipment_type" in data:
        if data["equipment_type"] not in Equipment.EquipmentType.values:
            _fail(f"Unknown equipment type '{str(data['equipment_type'])[:40]}'.", "equipment_type")
        clean["equipment_type"] = data["equipment_type"]
    for field, limit in _TEXT_LIMITS.items():
        if field == "building" or field not in data:
            continue
        text = " ".join(str(data[field] or "").split())
        if len(text) > limit:
            _fail(f"{field.replace('_', ' ').capitalize()} can be at most {limit} characters.", field)
        clean[field] = text
    if "name" in clean and not clean["name"]:
        _fail("Equipment needs a name (e.g. 'Unit 204 water heater').", "name")
    if "condition" in data:
        if data["condition"] not in CONDITIONS:
            _fail(f"Condition must be one of: {', '.join(CONDITIONS)}.", "condition")
        clean["condition"] = data["condition"]
    if "expected_lifespan_years" in data:
        life = data["expected_lifespan_years"]
        low, high = rules.LIFESPAN_RANGE
        if isinstance(life, bool) or not isinstance(life, int) or not low <= life <= high:
            _fail(
                f"The expected lifespan must be a whole number of years from {low} to {high}.",
                "expected_lifespan_years",
            )
        clean["expected_lifespan_years"] = life
    if "replacement_cost" in data:
        cost = data["replacement_cost"]
        clean["replacement_cost"] = (
            None if cost is None or cost == "" else parse_money(cost, label="The replacement cost", min_value=None)
        )
        if clean["replacement_cost"] is not None and clean["replacement_cost"] < 0:
            _fail("The replacement cost cannot be negative.", "replacement_cost")

    # dates, checked together: install not in the future nor more than 80 years back; warranty after install;
    # last service between install and today
    install = equipment.install_date if equipment else None
    if "install_date" in data:
        install = _date(data["install_date"], "The install date", "install_date")
        if install is None:
            _fail("Equipment needs an install date.", "install_date")
        if install > today:
            _fail("The install date cannot be in the future.", "install_date")
        if install < _years_before(today, rules.MAX_AGE_YEARS):
            _fail(f"The install date cannot be more than {rules.MAX_AGE_YEARS} years ago.", "install_date")
        clean["install_date"] = install
        clean["age_years"] = rules.age_years(install, today)
    elif install is None:
        _fail("Equipment needs an install date.", "install_date")
    warranty = equipment.warranty_expiration if equipment else None
    if "warranty_expiration" in data:
        warranty = _date(data["warranty_expiration"], "The warranty expiration", "warranty_expiration")
        clean["warranty_expiration"] = warranty
    if warranty is not None and ("warranty_expiration" in data or "install_date" in data):
        if warranty <= install:
            _fail("The warranty must end after the install date.", "warranty_expiration")
        if warranty > _years_before(install, -rules.MAX_WARRANTY_YEARS):
            _fail(
                f"The warranty cannot run more than {rules.MAX_WARRANTY_YEARS} years past the install date.",
                "warranty_expiration",
            )
    if "last_service_date" in data:
        service = _date(data["last_service_date"], "The last service date", "last_service_date")
        clean["last_service_date"] = service
    service = clean.get("last_service_date", equipment.last_service_date if equipment else None)
    if service is not None and ("last_service_date" in data or "install_date" in data):
        if service > today:
            _fail("The last service date cannot be in the future.", "last_service_date")
        if service < install:
            _fail("The last service date cannot be before the install date.", "last_service_date")
    return clean


def equipment_create(*, today: datetime.date | None = None, **fields) -> Equipment:
    """A new register entry: `property`*, `equipment_type`*, `name`*, `install_date`*, and any of `unit`,
    `building`, `manufacturer`, `model_number`, `serial_number`, `expected_lifespan_years` (1-100, default 12),
    `warranty_provider`, `warranty_expiration`, `last_service_date`, `condition`, `replacement_cost`.

    A unit must belong to the property (its building is the unit's); a building without a unit must be one of
    the property's; install date not in the future and at most 80 years back; the warranty ends after the
    install date; `age_years` is computed (predictive_maintenance.rules.age_years)."""
    today = today or timezone.localdate()
    for required in ("property", "equipment_type", "name", "install_date"):
        if fields.get(required) in (None, ""):
            _fail(f"Equipment needs a {required.replace('_', ' ')}.", required)
    fields.setdefault("expected_lifespan_years", 12)
    clean = _equipment_clean(fields, equipment=None, today=today)
    return Equipment.objects.create(**clean)


def equipment_update(*, equipment: Equipment, data: dict, today: datetime.date | None = None) -> Equipment:
    """Changes the given fields (the same checks as equipment_create, against the record's other values)."""
    today = today or timezone.localdate()
    clean = _equipment_clean(data, equipment=equipment, today=today)
    changed = [f for f, v in clean.items() if getattr(equipment, f) != v]
    if not changed:
        return equipment
    for field in changed:
        setattr(equipment, field, clean[field])
    equipment.save(update_fields=[*changed, "updated_at"])
    return equipment


# ---------------------------------------------------------------------------------------------------------------
# The set-based age recompute


class _DaysSince(Func):
    """Whole days from the date column `field` to the date `today`, as a float (SQLite and PostgreSQL)."""

    output_field = FloatField()

    def __init__(self, field: str, today: datetime.date):
        super().__init__(Cast(Value(today), DateField()), F(field))

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError(f"Equipment ages are computed for SQLite and PostgreSQL, not {connection.vendor}.")

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="(julianday(%(expressions)s))", arg_joiner=") - julianday(", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="CAST((%(expressions)s) AS double precision)", arg_joiner=" - ", **extra
        )


def equipment_age_expression(today: datetime.date):
    """rules.age_years in SQL: round(max(days since install, 0) / 365.25, 2)."""
    days = Greatest(_DaysSince("install_date", today), Value(0.0))
    return Round(days / Value(rules.DAYS_PER_YEAR), rules.AGE_DECIMALS, output_field=FloatField())


def equipment_ages_recompute(*, today: datetime.date | None = None, chunk_size: int = 2000) -> str:
    """Sets `age_years` of every equipment record from its install date, as of `today` (default: today).

    Set-based, in chunks of `chunk_size` ids taken in id order: per chunk one SELECT of the ids and one UPDATE
    (the age is computed by the database; rows whose stored age is already right are left alone). Safe to run
    twice: the second run changes nothing. Returns "Recomputed the ages of N equipment records: M changed."
    """
    if chunk_size < 1:
        raise ApplicationError("chunk_size must be at least 1.")
    today = today or timezone.localdate()
    age = equipment_age_expression(today)
    seen = changed = 0
    last_id = None
    while True:
        ids_qs = Equipment.objects.order_by("id").values_list("id", flat=True)
        if last_id is not None:
            ids_qs = ids_qs.filter(id__gt=last_id)
        ids = list(ids_qs[:chunk_size])
        if not ids:
            break
        changed += Equipment.objects.filter(id__in=ids).exclude(age_years=age).update(age_years=age)
        seen += len(ids)
        last_id = ids[-1]
        if len(ids) < chunk_size:
            break
    return f"Recomputed the ages of {seen:,} equipment records: {changed:,} changed."
