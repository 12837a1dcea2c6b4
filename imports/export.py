"""The portfolio in the import format: properties.csv, units.csv, tenants.csv, leases.csv.

A record's external_id is the one it was imported with (ImportKey), else its own id, so an exported file
imported into the same database updates its records and into a fresh one recreates them.
"""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal
from pathlib import Path

from core.utils import batched
from imports.columns import KINDS, ORDER
from imports.models import ImportKey
from imports.services import MODELS

REFERENCES = {  # column -> (kind it names, the model attribute holding the id)
    "property_external_id": ("properties", "property_id"),
    "unit_external_id": ("units", "unit_id"),
    "tenant_external_id": ("tenants", "tenant_id"),
}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # as stored: 1850.00 (money), 1.5 (bathrooms)
    return str(value)


def _external_ids(kind: str) -> dict:
    return {o: e for e, o in ImportKey.objects.filter(kind=kind).values_list("external_id", "object_id")}


def portfolio_export(*, directory) -> dict[str, int]:
    """Writes the four files into `directory`; returns rows per kind."""
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    ext = {kind: _external_ids(kind) for kind in ORDER}
    counts = {}
    for kind in ORDER:
        spec = KINDS[kind]
        model = MODELS[kind]
        fields = [c.field or c.name for c in spec.columns if c.field != ""]
        attrs = ["id", *fields, *(REFERENCES[c][1] for c in spec.header if c in REFERENCES)]
        n = 0
        with (out_dir / f"{kind}.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(spec.header)
            ids = model._base_manager.order_by("created_at", "id").values_list("id", flat=True)
            for chunk in batched(ids.iterator(chunk_size=2000), 2000):
                for row in model._base_manager.filter(pk__in=chunk).order_by("created_at", "id").values(*attrs):
                    cells = []
                    for col in spec.columns:
                        if col.name == "external_id":
                            cells.append(ext[kind].get(row["id"], str(row["id"])))
                        elif col.name in REFERENCES:
                            ref_kind, attr = REFERENCES[col.name]
                            cells.append(ext[ref_kind].get(row[attr], str(row[attr])))
                        else:
                            cells.append(_cell(row[col.field or col.name]))
                    writer.writerow(cells)
                    n += 1
        counts[kind] = n
    return counts


def template_csv(kind: str) -> str:
    """The header and one example row of `kind`."""
    import io

    spec = KINDS[kind]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(spec.header)
    writer.writerow([c.example for c in spec.columns])
    return buf.getvalue()
