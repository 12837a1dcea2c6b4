"""Writes for renewal intelligence (spec 1.2), split by topic (Zulip's `actions/` style):

    scan.py         the nightly agent: candidates -> scoring -> letters -> bulk insert
    letters.py      the one home of letter building (prompt inputs, gateway + offline twin, regenerate, edit)
    approve.py      pending -> approved
    send.py         approved -> sent (core.messaging)
    response.py     sent -> accepted | declined; accepted renewals applied to the lease
    staleness.py    open offers that no longer fit the lease -> expired
    bulk_offers.py  the command center's bulk offers (prepare + approve + send per lease)

Workflow:  pending --approve--> approved --send--> sent --respond--> accepted | declined
           pending / approved / sent --(lease on notice or vacant, term changed, offer start passed)--> expired

* The AI gateway and the messaging layer are called outside database transactions (a slow model call
  never holds a transaction open; a rolled-back transaction never drops a call log or an outbox row).
  Each state change then re-checks the status under a row lock, so two managers clicking at once
  cannot both approve, send twice or record two answers.
* Lease changes go through `tenants.services.lease_renew` (the lifecycle service), never TenantLease.

Callers import from `renewals.services`; the names below are its public surface.
"""

from renewals.selectors import renewal_candidates
from renewals.services._common import CHANNELS, SCAN_ACTOR, batched
from renewals.services.approve import BULK_APPROVE_MAX, parse_rent, renewal_approve, renewal_bulk_approve
from renewals.services.bulk_offers import SEND_METHODS, renewal_offer_for_leases, renewal_offers_prepare
from renewals.services.letters import (
    renewal_letter_generate,
    renewal_letter_inputs,
    renewal_letter_update,
    renewal_letter_write,
    renewal_letters_attach,
)
from renewals.services.response import renewal_accepted_apply, renewal_record_response
from renewals.services.scan import renewal_recommendations_build, renewal_scan
from renewals.services.send import renewal_send
from renewals.services.staleness import renewal_leases_sync, renewal_stale_expire

__all__ = [
    "BULK_APPROVE_MAX",
    "renewal_bulk_approve",
    "CHANNELS",
    "SCAN_ACTOR",
    "SEND_METHODS",
    "batched",
    "parse_rent",
    "renewal_accepted_apply",
    "renewal_approve",
    "renewal_candidates",
    "renewal_leases_sync",
    "renewal_letter_generate",
    "renewal_letter_inputs",
    "renewal_letter_update",
    "renewal_letter_write",
    "renewal_letters_attach",
    "renewal_offer_for_leases",
    "renewal_offers_prepare",
    "renewal_recommendations_build",
    "renewal_record_response",
    "renewal_scan",
    "renewal_send",
    "renewal_stale_expire",
]
