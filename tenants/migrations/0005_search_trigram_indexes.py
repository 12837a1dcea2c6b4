"""Trigram indexes for the global search (dashboard/search.py) on PostgreSQL: `icontains` on these columns is
`UPPER(col::text) LIKE UPPER('%q%')`, which a GIN index on the same expression with gin_trgm_ops answers without
scanning the table. pg_trgm ships with PostgreSQL and is a trusted extension (a database owner may create it).
On SQLite nothing is created (the tables are small there)."""

from django.db import migrations

INDEXES = [
    ("tenants_first_name_trgm", "tenants", "first_name"),
    ("tenants_last_name_trgm", "tenants", "last_name"),
    ("tenants_email_trgm", "tenants", "email"),
    ("tenants_phone_trgm", "tenants", "phone"),
    ("tenant_lease_number_trgm", "tenant_lease", "lease_number"),
    ("units_unit_number_trgm", "units_unit", "unit_number"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0004_widen_lease_status_changed_by"),
        ("units", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
