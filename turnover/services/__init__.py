"""Turnover writes, by topic: cases (opening, following the lease lifecycle), stages (moves, checklist),
deductions (deposit disposition), letters (the itemized statement), agent (the daily vacancy agent)."""

from turnover.services.agent import letters_overdue, turnover_vacancy_days_update
from turnover.services.cases import (
    turnover_cases_backfill,
    turnover_cases_open,
    turnover_leases_sync,
    turnover_moved_out,
    turnover_new_leases_started,
)
from turnover.services.deductions import (
    case_disposition,
    case_totals_refresh,
    deduction_add,
    deduction_approve,
    deduction_delete,
    deduction_rule,
)
from turnover.services.letters import (
    LETTER_TEMPLATE,
    case_deadline,
    letter_adopt,
    letter_document_context,
    letter_generate,
    letter_inputs,
    letter_preview_html,
    letter_quotes_missing,
    letter_send,
    letter_write,
)
from turnover.services.stages import allowed_moves, checklist_item_update, turnover_stage_move

__all__ = [
    "LETTER_TEMPLATE",
    "deduction_rule",
    "letter_adopt",
    "letter_document_context",
    "letter_inputs",
    "letter_quotes_missing",
    "letter_write",
    "allowed_moves",
    "case_deadline",
    "case_disposition",
    "case_totals_refresh",
    "checklist_item_update",
    "deduction_add",
    "deduction_approve",
    "deduction_delete",
    "letter_generate",
    "letter_preview_html",
    "letter_send",
    "letters_overdue",
    "turnover_cases_backfill",
    "turnover_cases_open",
    "turnover_leases_sync",
    "turnover_moved_out",
    "turnover_new_leases_started",
    "turnover_stage_move",
    "turnover_vacancy_days_update",
]
