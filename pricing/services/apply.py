"""Applying a vacant unit's recommended asking rent: a manager's click, never the engine's."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from pricing.models import PricingSnapshot
from units.models import UnitsUnit
from units.services import unit_asking_rent_set

logger = logging.getLogger(__name__)


def pricing_rent_apply(*, unit: UnitsUnit, actor: str) -> PricingSnapshot:
    """Sets the unit's asking rent (its `market_rent`, as the unit pages read it) to its latest snapshot's
    recommended rent through `units.services`, and records who applied it on that snapshot. Applying the same
    recommendation again changes nothing."""
    if unit.status == UnitsUnit.Status.OCCUPIED:
        raise ApplicationError(
            "Only a vacant unit's asking rent is applied here; an occupied unit's rent changes at renewal."
        )
    with transaction.atomic():
        snap = PricingSnapshot.objects.select_for_update().filter(unit=unit).order_by("-snapshot_date").first()
        if snap is None:
            raise ApplicationError("This unit has not been priced yet: run the pricing engine first.")
        rent = snap.recommended_rent
        if snap.applied_rent == rent and unit.market_rent == rent:
            return snap
        previous, _new = unit_asking_rent_set(unit_id=unit.pk, rent=rent)
        snap.applied_rent = rent
        snap.applied_at = timezone.now()
        snap.applied_by = actor[:100]
        snap.save(update_fields=["applied_rent", "applied_at", "applied_by", "updated_at"])
    logger.info(
        "pricing: %s applied the recommended asking rent %s (was %s) to unit %s (snapshot %s of %s)",
        actor, rent, previous, unit.pk, snap.pk, snap.snapshot_date,
    )  # fmt: skip
    return snap
