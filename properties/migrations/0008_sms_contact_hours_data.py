"""Loads the contact-hours rules for automated texts (`sms_contact_hours`: the federal 47 CFR §64.1200(c)(1)
window as state "US", and the stricter state windows) from properties/data/jurisdiction_rules.json, like
`manage.py load_jurisdiction_rules`; idempotent."""

from django.db import migrations


def load(apps, schema_editor):
    from properties.rules_data import rules_read, rules_upsert

    rules_upsert(model=apps.get_model("properties", "JurisdictionRule"), rows=rules_read())


class Migration(migrations.Migration):
    dependencies = [("properties", "0007_property_time_zone_sms_contact_hours")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
