"""Inspection writes, by topic: sessions (open, upload photos), analysis (the task: measure, ask the model),
review (override, damage items), letters (the deduction letter, finalize into the turnover case, send)."""

from inspections.services._common import inspection_totals_refresh
from inspections.services.analysis import inspection_analyze, inspection_analyze_queue, photo_analyze
from inspections.services.letters import (
    LETTER_TEMPLATE,
    inspection_disposition,
    inspection_finalize,
    inspection_letter_context,
    inspection_letter_generate,
    inspection_letter_send,
)
from inspections.services.review import damage_item_add, damage_item_delete, damage_item_update, photo_review
from inspections.services.sessions import inspection_create, photos_upload

__all__ = [
    "LETTER_TEMPLATE",
    "damage_item_add",
    "damage_item_delete",
    "damage_item_update",
    "inspection_analyze",
    "inspection_analyze_queue",
    "inspection_create",
    "inspection_disposition",
    "inspection_finalize",
    "inspection_letter_context",
    "inspection_letter_generate",
    "inspection_letter_send",
    "inspection_totals_refresh",
    "photo_analyze",
    "photo_review",
    "photos_upload",
]
