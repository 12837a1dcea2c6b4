"""Writes for smart collections: the daily scan, the escalation engine, payment plans, payments and the
manager's manual actions, split by topic into modules (like Zulip's `actions/`).

Rules (see DECISIONS.md):
* A dunning step is recorded once (`CollectionAction.step_level` is unique per case) and each of its
  electronic channels is sent once (outbox `dedupe_key = collections:{case}:step{n}:{channel}`).
* A step is recorded (and the case's level advanced) before its messages are handed to core.messaging;
  delivery is then tracked per channel. A provider failure leaves a failed, retryable outbox row (retried
  by `core.retry_failed_messages`); a refused recipient or a crash before sending leaves the channel
  unsent, and every engine run sends unsent channels again under the same dedupe key. So a step is never
  lost, never skipped and never sent twice.
* AI calls happen outside transactions; per-case writes are one short transaction holding the case row.

Modules: `scan` (daily scan), `escalation` (the dunning engine), `compose` (AI-written messages),
`delivery` (core.messaging hand-off and outbox sync), `plans` (payment plans), `payments` (recording a
payment), `legal` (the legal-referral recommendation), `manual` (the manager's actions, approving or
dismissing a legal referral among them), `common` (shared constants and helpers). Import public names
from `collections_app.services`; this module re-exports them.
"""

from collections_app import dunning
from collections_app.services.common import (
    CHUNK,
    DELIVERY_SYNC_DAYS,
    FEATURE,
    MANAGER,
    PLAN_DEFAULT_GRACE_DAYS,
    SYSTEM,
    ZERO,
)
from collections_app.services.compose import _compose
from collections_app.services.delivery import _action_deliver, _resend_unsent, collection_action_delivery_sync
from collections_app.services.escalation import _step_send, collections_escalate
from collections_app.services.legal import legal_referrals_recommend
from collections_app.services.manual import (
    case_escalate,
    case_note_add,
    case_send_reminder,
    legal_referral_approve,
    legal_referral_dismiss,
)
from collections_app.services.payments import payment_record
from collections_app.services.plans import payment_plan_accept, payment_plan_check_defaults, payment_plan_offer
from collections_app.services.scan import collections_scan

__all__ = [
    "CHUNK",
    "DELIVERY_SYNC_DAYS",
    "FEATURE",
    "MANAGER",
    "PLAN_DEFAULT_GRACE_DAYS",
    "SYSTEM",
    "ZERO",
    "_action_deliver",
    "_compose",
    "_resend_unsent",
    "_step_send",
    "case_escalate",
    "case_note_add",
    "case_send_reminder",
    "collection_action_delivery_sync",
    "collections_escalate",
    "collections_scan",
    "dunning",
    "legal_referral_approve",
    "legal_referral_dismiss",
    "legal_referrals_recommend",
    "payment_plan_accept",
    "payment_plan_check_defaults",
    "payment_plan_offer",
    "payment_record",
]
