import re

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

_BUILDING_NAME = re.compile(r"^Building (\S{1,20}) ")


def backfill_building(apps, schema_editor):
    """A unit's equipment stands in the unit's building; the demo named its building-level equipment
    "Building B Roof" (no unit), so that name says where it stands."""
    Equipment = apps.get_model("predictive_maintenance", "Equipment")
    Unit = apps.get_model("units", "UnitsUnit")
    Equipment.objects.filter(unit__isnull=False).update(
        building=Subquery(Unit.objects.filter(pk=OuterRef("unit_id")).values("building")[:1])
    )
    by_building: dict[str, list] = {}  # one UPDATE per building, not per row
    for pk, name in Equipment.objects.filter(unit__isnull=True, name__startswith="Building ").values_list("pk", "name"):
        match = _BUILDING_NAME.match(name)
        if match:
            by_building.setdefault(match.group(1), []).append(pk)
    for building, pks in by_building.items():
        Equipment.objects.filter(pk__in=pks).update(building=building)


class Migration(migrations.Migration):
    dependencies = [
        ("predictive_maintenance", "0001_initial"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="equipment",
            name="building",
            field=models.CharField(blank=True, default="", max_length=20),
        ),
        migrations.RunPython(backfill_building, migrations.RunPython.noop),
    ]
