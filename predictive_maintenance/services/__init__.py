"""Writes of the predictive-maintenance app, by topic: the equipment register (`equipment`), the weekly risk
agent (`risk_scores`) and the preventive suggestions' decisions (`suggestions`)."""

from predictive_maintenance.services.equipment import (
    EQUIPMENT_FIELDS,
    equipment_age_expression,
    equipment_ages_recompute,
    equipment_create,
    equipment_update,
)
from predictive_maintenance.services.risk_scores import risk_scores_compute
from predictive_maintenance.services.suggestions import suggestion_approve, suggestion_dismiss

__all__ = [
    "EQUIPMENT_FIELDS",
    "equipment_age_expression",
    "equipment_ages_recompute",
    "equipment_create",
    "equipment_update",
    "risk_scores_compute",
    "suggestion_approve",
    "suggestion_dismiss",
]
