"""Writes for properties: the law's data (jurisdiction rules)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from properties.models import JurisdictionRule, Properties, PropertyAccess
from properties.rules_data import DATA_FILE, rules_read, rules_upsert


@transaction.atomic
def jurisdiction_rules_load(*, path: Path = DATA_FILE) -> tuple[int, int]:
    """Loads the shipped rules file (idempotent upsert); returns (created, updated)."""
    return rules_upsert(model=JurisdictionRule, rows=rules_read(path))


@transaction.atomic
def user_properties_assign(*, user, all_properties: bool = False, property_ids=()) -> PropertyAccess:
    """Sets which properties `user` sees: every one, or exactly `property_ids`."""
    access, _ = PropertyAccess.objects.get_or_create(user=user)
    access.all_properties = all_properties
    access.save(update_fields=["all_properties", "updated_at"])
    access.properties.set([] if all_properties else Properties._base_manager.filter(pk__in=list(property_ids)))
    return access
