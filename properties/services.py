"""Writes for properties: the law's data (jurisdiction rules)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from properties.models import JurisdictionRule
from properties.rules_data import DATA_FILE, rules_read, rules_upsert


@transaction.atomic
def jurisdiction_rules_load(*, path: Path = DATA_FILE) -> tuple[int, int]:
    """Loads the shipped rules file (idempotent upsert); returns (created, updated)."""
    return rules_upsert(model=JurisdictionRule, rows=rules_read(path))
