"""Loads the deposit rules (issue 16 §4: `security_deposit_return` with its clock, `deposit_itemized_statement`,
`deposit_deductions`, with checked-on dates and review flags) from properties/data/jurisdiction_rules.json, like
`manage.py load_jurisdiction_rules`; idempotent."""

from django.db import migrations


def load(apps, schema_editor):
    from properties.rules_data import rules_read, rules_upsert

    rules_upsert(model=apps.get_model("properties", "JurisdictionRule"), rows=rules_read())


class Migration(migrations.Migration):
    dependencies = [("properties", "0005_jurisdiction_rule_review")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
