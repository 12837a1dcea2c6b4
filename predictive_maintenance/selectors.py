import datetime

from django.db.models import F, FloatField, Q, QuerySet
from django.db.models.functions import Cast, NullIf

from predictive_maintenance import rules
from predictive_maintenance.models import Equipment, MaintenancePrediction


def equipment_list() -> QuerySet[Equipment]:
    """The register (the caller's properties), with `lifespan_used` (age / expected lifespan) to sort by."""
    lifespan = Cast(NullIf(F("expected_lifespan_years"), 0), FloatField())
    return Equipment.objects.select_related("property_ref", "unit").annotate(lifespan_used=F("age_years") / lifespan)


def equipment_warranty_q(state: str, today: datetime.date) -> Q:
    """Records whose warranty is in `state` on `today` (predictive_maintenance.rules.warranty_state, in SQL)."""
    start, end = rules.warranty_window(today)
    if state == rules.ACTIVE:
        return Q(warranty_expiration__gt=end)
    if state == rules.EXPIRING:
        return Q(warranty_expiration__range=(start, end))
    if state == rules.EXPIRED:
        return Q(warranty_expiration__lt=today)
    if state == rules.NONE:
        return Q(warranty_expiration__isnull=True)
    raise ValueError(f"Unknown warranty state {state!r}")


def prediction_list() -> QuerySet[MaintenancePrediction]:
    return MaintenancePrediction.objects.select_related("unit")
