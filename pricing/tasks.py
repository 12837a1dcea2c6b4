from celery import shared_task

from pricing.services import pricing_engine_run


@shared_task(name="pricing.daily_pricing_engine")
def daily_pricing_engine(as_of: str | None = None, property_id: str | None = None) -> str:
    """Spec 2.2: price every unit for `as_of` (ISO date; default today). Returns the run's one-line summary."""
    import datetime

    day = datetime.date.fromisoformat(as_of) if as_of else None
    return pricing_engine_run(as_of=day, property_id=property_id).summary
