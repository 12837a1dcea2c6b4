"""The shipped jurisdiction rules (`properties/data/jurisdiction_rules.json`): read, check, upsert.

Used by the data migration (with the historical model) and by `manage.py load_jurisdiction_rules` (with the
real one), so both load exactly the same rows. Idempotent: a row is keyed by (state, city, rule_type,
effective_date); loading twice changes nothing, and rows edited in the admin are overwritten only for the
keys the file ships (new versions are added as new rows, never by editing old ones).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from properties.jurisdiction import FEDERAL, contact_hours_value_errors, deposit_value_errors

DATA_FILE = Path(__file__).resolve().parent / "data" / "jurisdiction_rules.json"

US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
RULE_TYPES = frozenset(
    (
        "rent_increase_notice",
        "mtm_termination_notice",
        "late_fee",
        "security_deposit_return",
        "deposit_itemized_statement",
        "deposit_deductions",
        "sms_contact_hours",
    )
)
KEY = ("state", "city", "rule_type", "effective_date")
FIELDS = ("value", "summary", "citation", "source_url", "checked_on", "needs_review", "review_note")


def rules_read(path: Path = DATA_FILE) -> list[dict]:
    """The rows of the data file, checked (ValueError naming the row when one is malformed)."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    for i, row in enumerate(rows):
        where = f"{path.name} row {i} ({row.get('state')} {row.get('city')} {row.get('rule_type')})"
        if row.get("state") not in US_STATES and row.get("state") != FEDERAL:
            raise ValueError(f"{where}: unknown state (a US state code, DC, or US for federal law)")
        if row.get("rule_type") not in RULE_TYPES:
            raise ValueError(f"{where}: unknown rule_type")
        if not str(row.get("citation", "")).strip() or not str(row.get("summary", "")).strip():
            raise ValueError(f"{where}: citation and summary are required")
        if not isinstance(row.get("value"), dict):
            raise ValueError(f"{where}: value must be an object")
        errors = deposit_value_errors(row["rule_type"], row["value"]) + contact_hours_value_errors(
            row["rule_type"], row["value"]
        )
        if errors:
            raise ValueError(f"{where}: {'; '.join(errors)}")
        if row.get("needs_review") and not str(row.get("review_note", "")).strip():
            raise ValueError(f"{where}: say what needs review (review_note)")
        row["effective_date"] = datetime.date.fromisoformat(row["effective_date"])
        row["checked_on"] = datetime.date.fromisoformat(row["checked_on"]) if row.get("checked_on") else None
        row.setdefault("city", "")
        row.setdefault("source_url", "")
        row.setdefault("needs_review", False)
        row.setdefault("review_note", "")
    return rows


def rules_upsert(*, model, rows: list[dict]) -> tuple[int, int]:
    """Creates or updates one row per (state, city, rule_type, effective_date); returns (created, updated).
    Two queries plus one write per changed row (about a hundred rows, run by hand or by a migration). Fields the
    model does not have yet (an older migration's historical model) are left out."""
    have = {f.name for f in model._meta.get_fields()}
    fields = [f for f in FIELDS if f in have]
    existing = {
        (r.state, r.city, r.rule_type, r.effective_date): r
        for r in model.objects.filter(state__in={row["state"] for row in rows})
    }
    created, updated = [], []
    for row in rows:
        key = tuple(row[k] for k in KEY)
        current = existing.get(key)
        if current is None:
            created.append(model(**{k: row[k] for k in (*KEY, *fields)}))
        elif any(getattr(current, f) != row[f] for f in fields):
            for f in fields:
                setattr(current, f, row[f])
            updated.append(current)
    model.objects.bulk_create(created)
    if updated:
        model.objects.bulk_update(updated, fields)
    return len(created), len(updated)
