"""Loads the shipped jurisdiction rules (properties/data/jurisdiction_rules.json), like
`manage.py load_jurisdiction_rules`. Later changes to the file ship with that command (or a new data
migration); this one is safe to re-run."""

from django.db import migrations


def load(apps, schema_editor):
    from properties.rules_data import rules_read, rules_upsert

    rules_upsert(model=apps.get_model("properties", "JurisdictionRule"), rows=rules_read())


class Migration(migrations.Migration):
    dependencies = [("properties", "0002_jurisdiction_rule")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
