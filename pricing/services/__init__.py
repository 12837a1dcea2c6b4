"""Writes of pricing: the daily engine (and its history backfill) and applying a vacant unit's recommended rent."""

from pricing.services.apply import pricing_rent_apply
from pricing.services.engine import pricing_engine_run, pricing_history_backfill

__all__ = ["pricing_engine_run", "pricing_history_backfill", "pricing_rent_apply"]
