"""Bulk actions through the real URLs: preview, execute through the owning apps, per-unit failures,
validation, scheduling and cancelling."""

import datetime
import uuid

import pytest
from django.utils import timezone

from collections_app.models import CollectionAction, CollectionCase
from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from core.models import OutboxMessage
from portfolio.models import AIActionQueue, BulkActionBatch, RentIncreaseNotice
from portfolio.services import ai_action_queue_generate
from portfolio.tests.conftest import TODAY
from properties import jurisdiction as law
from renewals.models import RenewalRecommendation
from units.models import UnitsMaintenance

# Transactional: the batch is queued on commit, and in autocommit (as in a real request) that is immediately;
# Celery is eager in tests, so a batch that is not scheduled runs inside the request.
pytestmark = pytest.mark.django_db(transaction=True)
URL = "/api/v1/portfolio/bulk-actions/"
MTM = ("holdover", "at_market", "oak_mtm")


@pytest.fixture
def post(api_client):
    def _post(path="", body=None, expect=None):
        response = api_client.post(URL + path, body or {}, format="json")
        if expect is not None:
            assert response.status_code == expect, response.content
        return response

    return _post


def unit_ids(units, *keys):
    return [str(units[k].unit_id) for k in keys]


# ── preview ──────────────────────────────────────────────────────────────────────────────────────────


def test_preview_renewal_offers_shows_each_letter_and_eligibility(post, units):
    body = post(
        "preview/",
        {"action_type": "renewal_offer", "unit_ids": unit_ids(units, "holdover", "at_market", "notice_near")},
        expect=200,
    ).json()
    assert (body["count"], body["eligible_count"], body["ineligible_count"], body["shown_count"]) == (3, 2, 1, 2)
    assert body["label"] == "Send renewal offers" and body["methods"] == ["email", "sms", "both", "manual"]
    maria, chen, james = body["units"]
    assert maria["eligible"] and maria["tenant_name"] == "Maria Santos" and maria["provider"] == "offline"
    assert maria["content"].startswith(TODAY.strftime("%B")) and "Dear Maria Santos" in maria["content"]
    assert maria["subject"] == "Your lease renewal offer for unit 1624B at Harbor View"
    rec = RenewalRecommendation.objects.get(lease=units["holdover"])
    assert rec.status == "pending" and maria["figures"]["renewal_id"] == str(rec.pk)
    assert maria["summary"] == f"Renewal at ${rec.recommended_rent:,.2f}/mo (market: $1,800.00/mo). Term: 12 months."
    assert f"${rec.recommended_rent:,.2f}" in maria["content"]
    assert chen["eligible"] and chen["content_shown"]
    assert not james["eligible"] and james["content"] is None
    assert james["error"] == "The lease is notice; this action needs a lease that is active or month-to-month."
    # previewing sends nothing and creates only the shown units' recommendations
    assert not OutboxMessage.objects.exists()
    assert set(RenewalRecommendation.objects.values_list("lease_id", flat=True)) == {
        units["holdover"].pk,
        units["at_market"].pk,
    }


def test_preview_limit_shows_content_for_the_first_eligible_units_only(post, units):
    body = post(
        "preview/", {"action_type": "renewal_offer", "unit_ids": unit_ids(units, *MTM), "limit": 1}, expect=200
    ).json()
    assert [u["content_shown"] for u in body["units"]] == [True, False, False]
    assert RenewalRecommendation.objects.count() == 1


def test_preview_drafts_are_stored_on_the_queue_item_and_sent_as_previewed(post, units):
    ai_action_queue_generate(today=TODAY)
    item = AIActionQueue.objects.get(unit=units["holdover"].unit, action_type="rent_increase_notice")
    body = post(
        "preview/", {"action_type": "rent_increase_notice", "unit_ids": unit_ids(units, "holdover")}, expect=200
    ).json()
    preview = body["units"][0]
    item.refresh_from_db()
    assert item.generated_content == preview["content"] and item.content_provider == "offline"
    assert preview["ai_action_id"] == str(item.pk)
    # +20% in Sacramento: Cal. Civ. Code §827's 90-day tier, then the next 1st
    effective = law.earliest_effective_date(notice_date=TODAY, days=90, period_start=True)
    assert preview["figures"]["effective_date"] == effective.isoformat()
    assert (preview["figures"]["notice_days"], preview["figures"]["citation"]) == (90, "Cal. Civ. Code §827")
    assert "This letter is your 90-day notice under Cal. Civ. Code §827" in preview["content"]
    assert (
        f"Starting {effective:%B} 1, {effective.year}, your monthly rent will be $1,800.00, an increase of "
        "$300.00 (20%) from your current rent of $1,500.00."
    ) in preview["content"]
    assert preview["summary"] == (
        f"Rent $1,500.00 → $1,800.00/mo (+$300.00) from {effective:%b} 1, {effective.year} "
        "(90 days' notice, Cal. Civ. Code §827)."
    )
    post(
        "",
        {"action_type": "rent_increase_notice", "unit_ids": unit_ids(units, "holdover"), "method": "email"},
        expect=201,
    )
    notice = RentIncreaseNotice.objects.get()
    assert notice.letter_text == preview["content"] and notice.subject == preview["subject"]


# ── execute ──────────────────────────────────────────────────────────────────────────────────────────


def test_renewal_offers_to_selected_mtm_units_create_records_and_messages_for_exactly_those(post, units):
    ai_action_queue_generate(today=TODAY)
    selected = unit_ids(units, *MTM)
    response = post("", {"action_type": "renewal_offer", "unit_ids": selected, "method": "email"}, expect=201)
    batch = response.json()
    assert batch["status"] == "sent" and batch["unit_count"] == 3 and batch["method"] == "email"
    assert (batch["succeeded_count"], batch["skipped_count"], batch["failed_count"], batch["processed_count"]) == (
        3,
        0,
        0,
        3,
    )
    assert batch["result_summary"] == "Send renewal offers: 3 done, 0 already done, 0 failed of 3."
    recs = RenewalRecommendation.objects.all()
    assert {r.lease_id for r in recs} == {units[k].pk for k in MTM}
    assert {r.status for r in recs} == {"sent"} and {r.sent_by for r in recs} == {"user:manager@example.com"}
    outbox = OutboxMessage.objects.all()
    assert {(m.channel, m.related_id) for m in outbox} == {("email", str(r.pk)) for r in recs}
    assert {m.to for m in outbox} == {units[k].tenant.email for k in MTM}
    assert len(FakeEmailBackend.sent) == 3 and not FakeSmsBackend.sent
    results = {r["unit_id"]: r for r in batch["results"]}
    for key in MTM:
        r = results[str(units[key].unit_id)]
        rec = RenewalRecommendation.objects.get(lease=units[key])
        assert r["ok"] and r["status"] == "done" and r["renewal_id"] == str(rec.pk)
        assert r["outbox_message_ids"] == [str(OutboxMessage.objects.get(related_id=str(rec.pk)).pk)]
        assert r["detail"] == f"Offer sent by email at ${rec.recommended_rent:,.2f}/month."
    executed = AIActionQueue.objects.filter(action_type="renewal_offer", unit_id__in=[units[k].unit_id for k in MTM])
    assert {(i.status, i.bulk_batch_id, i.execution_method) for i in executed} == {
        ("executed", uuid.UUID(batch["id"]), "email")
    }
    # the rent increase items of the same units are untouched
    assert set(AIActionQueue.objects.filter(action_type="rent_increase_notice").values_list("status", flat=True)) == {
        "pending"
    }


def test_sending_again_skips_offers_already_sent(post, units):
    body = {"action_type": "renewal_offer", "unit_ids": unit_ids(units, "holdover"), "method": "both"}
    post("", body, expect=201)
    assert OutboxMessage.objects.count() == 2
    again = post("", body, expect=201).json()
    assert again["results"][0]["status"] == "skipped" and again["status"] == "sent"
    assert OutboxMessage.objects.count() == 2 and RenewalRecommendation.objects.count() == 1


def test_manual_method_approves_without_sending(post, units):
    batch = post(
        "", {"action_type": "early_renewal_nudge", "unit_ids": unit_ids(units, "nudge"), "method": "manual"}, expect=201
    ).json()
    rec = RenewalRecommendation.objects.get()
    assert rec.status == "approved" and rec.lease_id == units["nudge"].pk
    assert batch["results"][0]["detail"] == "Offer approved; deliver the letter by hand (no message sent)."
    assert not OutboxMessage.objects.exists()


def test_failures_are_reported_per_unit_and_never_stop_the_others(post, units):
    tenant = units["at_market"].tenant
    tenant.email = "not-an-email"
    tenant.save()
    batch = post(
        "",
        {
            "action_type": "renewal_offer",
            "method": "email",
            "unit_ids": unit_ids(units, "holdover", "notice_near", "at_market", "vacant"),
        },
        expect=201,
    ).json()
    assert batch["status"] == "partial" and (batch["succeeded_count"], batch["failed_count"]) == (1, 3)
    res = {r["unit_number"]: r for r in batch["results"]}
    assert [r["unit_number"] for r in batch["results"]] == ["1624B", "1407D", "2301A", "1409D"]
    assert res["1624B"]["ok"] and res["1624B"]["status"] == "done"
    assert not res["1407D"]["ok"] and "The lease is notice" in res["1407D"]["detail"]
    assert res["1409D"]["detail"] == "The lease is vacant; this action needs a lease that is active or month-to-month."
    chen = res["2301A"]
    assert not chen["ok"] and chen["detail"].startswith("The renewal letter could not be sent (email: ")
    # what happened is kept and visible: the recommendation is approved, ready to resend once fixed
    assert RenewalRecommendation.objects.get(lease=units["at_market"]).status == "approved"
    assert chen["renewal_id"] == str(RenewalRecommendation.objects.get(lease=units["at_market"]).pk)
    assert OutboxMessage.objects.count() == 1


def test_an_unexpected_error_on_one_unit_is_reported_and_the_rest_run(post, units, monkeypatch):
    from portfolio.executors import EXECUTORS

    executor = EXECUTORS["move_out_inspection"]
    original = executor.run_one

    def flaky(plan, **kwargs):
        if plan.unit.unit_number == "1407D":
            raise RuntimeError("boom")
        return original(plan, **kwargs)

    monkeypatch.setattr(executor, "run_one", flaky)
    batch = post(
        "",
        {
            "action_type": "move_out_inspection",
            "method": "manual",
            "unit_ids": unit_ids(units, "notice_near", "notice_far"),
        },
        expect=201,
    ).json()
    assert [r["status"] for r in batch["results"]] == ["failed", "done"]
    assert batch["results"][0]["detail"] == "Unexpected error: RuntimeError."
    assert UnitsMaintenance.objects.filter(unit=units["notice_far"].unit).count() == 1


def test_rent_increase_notice_is_recorded_and_sent_once(post, units):
    body = {"action_type": "rent_increase_notice", "unit_ids": unit_ids(units, "holdover", "nudge"), "method": "both"}
    batch = post("", body, expect=201).json()
    ok, refused = batch["results"]
    assert ok["ok"] and ok["detail"].startswith("Notice sent by email and SMS: $1,800.00/mo from ")
    assert refused["detail"] == "The lease is active; this action needs a lease that is month-to-month."
    notice = RentIncreaseNotice.objects.get()
    assert (notice.lease_id, notice.current_rent, notice.new_rent, notice.method) == (
        units["holdover"].pk,
        1500,
        1800,
        "both",
    )
    assert notice.effective_date.day == 1 and (notice.effective_date - TODAY).days >= 30
    assert {e["channel"] for e in notice.sent_via} == {"email", "sms"}
    assert set(ok["outbox_message_ids"]) == {e["outbox_message_id"] for e in notice.sent_via}
    assert OutboxMessage.objects.filter(related_id=str(notice.pk)).count() == 2
    assert "your monthly rent will be $1,800.00" in FakeSmsBackend.sent[0]["body"]
    again = post("", body, expect=201).json()
    assert again["results"][0]["status"] == "skipped" and OutboxMessage.objects.count() == 2


def test_rent_increase_needs_a_rent_below_market(post, units):
    batch = post(
        "",
        {"action_type": "rent_increase_notice", "unit_ids": unit_ids(units, "at_market"), "method": "email"},
        expect=201,
    ).json()
    assert batch["status"] == "failed"
    assert batch["results"][0]["detail"] == "The rent ($1,450.00) is already at or above the market rent ($1,450.00)."


def test_move_out_inspection_creates_the_turnover_work_order_and_notifies_the_tenant(post, units):
    body = {"action_type": "move_out_inspection", "unit_ids": unit_ids(units, "notice_near"), "method": "email"}
    result = post("", body, expect=201).json()["results"][0]
    wo = UnitsMaintenance.objects.get()
    lease = units["notice_near"]
    assert (wo.unit_id, wo.category, wo.title, wo.status, wo.priority) == (
        lease.unit_id,
        "turnover",
        "Move-out inspection",
        "open",
        "high",
    )
    assert wo.scheduled_date == lease.notice_move_out_date and wo.reported_by == "user:manager@example.com"
    assert result["work_order_id"] == str(wo.pk) and result["work_order_number"] == wo.work_order_number
    email = OutboxMessage.objects.get()
    assert email.to == lease.tenant.email and email.related_id == str(wo.pk)
    assert "move-out inspection" in email.body.lower()
    # again: the same work order, no second email
    again = post("", body, expect=201).json()["results"][0]
    assert again["work_order_id"] == str(wo.pk) and "already scheduled" in again["detail"]
    assert UnitsMaintenance.objects.count() == 1 and OutboxMessage.objects.count() == 1


def test_listing_prep_is_internal_and_opens_a_work_order_with_the_draft(post, units):
    response = post("", {"action_type": "listing_prep", "unit_ids": unit_ids(units, "notice_near"), "method": "email"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Start listing prep is an internal action; use method 'manual'."
    result = post(
        "",
        {"action_type": "listing_prep", "unit_ids": unit_ids(units, "notice_near", "vacant"), "method": "manual"},
        expect=201,
    ).json()["results"]
    assert [r["status"] for r in result] == ["done", "done"]
    wo = UnitsMaintenance.objects.get(unit=units["notice_near"].unit)
    assert wo.title == "Listing prep" and wo.category == "turnover"
    assert "Draft listing:" in wo.description and "$1,300.00" in wo.description
    assert not OutboxMessage.objects.exists()


def test_eviction_prep_escalates_or_annotates_the_collections_case(post, units):
    from collections_app.tests.factories import CaseFactory

    open_case = CaseFactory(lease=units["far"], status="open", escalation_level=4)
    result = post(
        "",
        {"action_type": "eviction_prep", "method": "manual", "unit_ids": unit_ids(units, "debtor", "far", "nudge")},
        expect=201,
    ).json()["results"]
    assert [r["status"] for r in result] == ["done", "done", "failed"]
    assert result[0]["detail"] == "Eviction-prep memo added to the escalated case."
    assert result[1]["detail"] == "Case escalated to legal with the eviction-prep memo."
    assert result[2]["detail"] == "The tenant has no open collections case; eviction prep starts from collections."
    note = CollectionAction.objects.get(case=units["case"])
    assert (
        note.action_type == "note"
        and "$2,800.00" in note.message_text
        and note.created_by == "user:manager@example.com"
    )
    open_case.refresh_from_db()
    assert open_case.status == CollectionCase.Status.ESCALATED and open_case.escalation_level == 5
    assert not OutboxMessage.objects.exists()


# ── validation ───────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "body,message",
    [
        ({"action_type": "launch_rocket", "unit_ids": ["{u}"], "method": "email"}, "action_type: "),
        ({"action_type": "renewal_offer", "unit_ids": [], "method": "email"}, "unit_ids: Select at least one unit."),
        (
            {"action_type": "renewal_offer", "unit_ids": ["{u}"] * 501, "method": "email"},
            "unit_ids: At most 500 units per bulk action.",
        ),
        ({"action_type": "renewal_offer", "unit_ids": ["nope"], "method": "email"}, "unit_ids: "),
        ({"action_type": "renewal_offer", "unit_ids": ["{u}"], "method": "pigeon"}, "method: "),
        ({"action_type": "renewal_offer", "unit_ids": ["{u}"]}, "method: This field is required."),
        (
            {"action_type": "renewal_offer", "unit_ids": ["{unknown}"], "method": "email"},
            "Unknown unit ids: {unknown}.",
        ),
        (
            {
                "action_type": "renewal_offer",
                "unit_ids": ["{u}"],
                "method": "email",
                "scheduled_for": "2020-01-01T00:00:00Z",
            },
            "scheduled_for is in the past.",
        ),
        (
            {"action_type": "renewal_offer", "unit_ids": ["{u}"], "method": "email", "scheduled_for": "tomorrow"},
            "scheduled_for: ",
        ),
    ],
)
def test_validation_errors_are_400(post, units, body, message):
    unknown = str(uuid.uuid4())
    u = str(units["holdover"].unit_id)
    body = {k: ([x.format(u=u, unknown=unknown) for x in v] if k == "unit_ids" else v) for k, v in body.items()}
    response = post("", body)
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith(message.format(unknown=unknown))
    assert not BulkActionBatch.objects.exists() and not RenewalRecommendation.objects.exists()
    preview_body = {k: v for k, v in body.items() if k not in ("method", "scheduled_for")}
    if "method" not in message and "scheduled_for" not in message:
        assert post("preview/", preview_body).status_code == 400


def test_more_than_500_distinct_ids_is_400_but_duplicates_collapse(post, units):
    u = str(units["holdover"].unit_id)
    ok = post("", {"action_type": "renewal_offer", "unit_ids": [u, u], "method": "manual"}, expect=201).json()
    assert ok["unit_count"] == 1


# ── scheduling, detail, cancel ───────────────────────────────────────────────────────────────────────


def test_scheduled_batch_waits_and_runs_at_its_time(post, units, monkeypatch, api_client):
    from portfolio import tasks

    queued = []
    monkeypatch.setattr(
        tasks.execute_bulk_action_batch,
        "apply_async",
        lambda args, eta: queued.append((args, eta)) or type("R", (), {"id": "task-1"})(),
    )
    when = timezone.now() + datetime.timedelta(hours=3)
    response = post(
        "",
        {
            "action_type": "renewal_offer",
            "unit_ids": unit_ids(units, *MTM),
            "method": "sms",
            "scheduled_for": when.isoformat(),
        },
        expect=202,
    )
    batch = response.json()
    assert batch["status"] == "pending" and batch["results"] == [] and batch["scheduled_for"]
    assert queued == [([batch["id"]], when)]
    assert BulkActionBatch.objects.get().task_id == "task-1"
    assert not RenewalRecommendation.objects.exists() and not OutboxMessage.objects.exists()
    # the worker runs it at the eta
    assert tasks.execute_bulk_action_batch.run(batch["id"]).startswith("Send renewal offers: 3 done")
    detail = api_client.get(f"{URL}{batch['id']}/").json()
    assert detail["status"] == "sent" and detail["succeeded_count"] == 3
    assert OutboxMessage.objects.filter(channel="sms").count() == 3
    # a redelivered task does nothing
    tasks.execute_bulk_action_batch.run(batch["id"])
    assert OutboxMessage.objects.count() == 3


def test_run_due_bulk_actions_runs_only_batches_whose_time_has_come(post, units, monkeypatch):
    from portfolio import tasks
    from portfolio.services import bulk_actions_run_due

    monkeypatch.setattr(tasks.execute_bulk_action_batch, "apply_async", lambda args, eta: type("R", (), {"id": ""})())
    when = timezone.now() + datetime.timedelta(hours=1)
    post(
        "",
        {
            "action_type": "move_out_inspection",
            "unit_ids": unit_ids(units, "notice_far"),
            "method": "manual",
            "scheduled_for": when.isoformat(),
        },
        expect=202,
    )
    assert bulk_actions_run_due() == "Ran 0 due bulk actions."
    assert bulk_actions_run_due(now=when + datetime.timedelta(seconds=1)) == "Ran 1 due bulk actions."
    assert BulkActionBatch.objects.get().status == "sent" and UnitsMaintenance.objects.count() == 1


def test_cancel_a_scheduled_batch(post, units, monkeypatch, api_client):
    from portfolio import tasks

    monkeypatch.setattr(tasks.execute_bulk_action_batch, "apply_async", lambda args, eta: type("R", (), {"id": ""})())
    when = timezone.now() + datetime.timedelta(days=1)
    batch = post(
        "",
        {
            "action_type": "renewal_offer",
            "unit_ids": unit_ids(units, "holdover"),
            "method": "email",
            "scheduled_for": when.isoformat(),
        },
        expect=202,
    ).json()
    cancelled = post(f"{batch['id']}/cancel/", expect=200).json()
    assert cancelled["status"] == "cancelled" and "Cancelled by user:manager@example.com" in cancelled["result_summary"]
    assert tasks.execute_bulk_action_batch.run(batch["id"]) == cancelled["result_summary"]
    assert not RenewalRecommendation.objects.exists()
    again = post(f"{batch['id']}/cancel/")
    assert again.status_code == 400
    assert again.json() == {"detail": "Only a batch that has not started can be cancelled; this one is cancelled."}


def test_batch_list_detail_and_404(post, units, api_client):
    batch = post(
        "",
        {"action_type": "move_out_inspection", "unit_ids": unit_ids(units, "notice_far"), "method": "manual"},
        expect=201,
    ).json()
    listed = api_client.get(URL).json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == batch["id"]
    assert api_client.get(f"{URL}{batch['id']}/").json()["results"] == batch["results"]
    for bad in (uuid.uuid4(), "nope"):
        response = api_client.get(f"{URL}{bad}/")
        assert response.status_code == 404 and response.json() == {"detail": "Bulk action not found."}


def test_batch_history_filters(post, units, api_client):
    """The bulk-action history screen filters by action and status; unknown values are a 400, not a 500."""
    batch = post(
        "",
        {"action_type": "move_out_inspection", "unit_ids": unit_ids(units, "notice_far"), "method": "manual"},
        expect=201,
    ).json()

    def ids(**params):
        response = api_client.get(URL, params)
        assert response.status_code == 200, response.json()
        return [r["id"] for r in response.json()["results"]]

    assert ids(action_type="move_out_inspection") == [batch["id"]]
    assert ids(action_type="renewal_offer,listing_prep") == []
    assert ids(status=batch["status"]) == [batch["id"]]
    assert ids(status="cancelled") == []
    for bad in ({"status": "exploded"}, {"action_type": "launch_missiles"}):
        response = api_client.get(URL, bad)
        assert response.status_code == 400 and "detail" in response.json()


def test_action_types_endpoint(api_client):
    body = api_client.get(URL + "action-types/").json()
    assert {t["action_type"]: t["methods"] for t in body} == {
        "renewal_offer": ["email", "sms", "both", "manual"],
        "early_renewal_nudge": ["email", "sms", "both", "manual"],
        "rent_increase_notice": ["email", "sms", "both", "manual"],
        "move_out_inspection": ["email", "sms", "both", "manual"],
        "listing_prep": ["manual"],
        "eviction_prep": ["manual"],
    }


def test_units_unchecked_in_the_preview_are_left_out(post, units):
    selected = unit_ids(units, *MTM)
    batch = post(
        "",
        {"action_type": "renewal_offer", "unit_ids": selected, "method": "email", "exclude_unit_ids": [selected[1]]},
        expect=201,
    ).json()
    assert batch["unit_count"] == 2 and [r["unit_id"] for r in batch["results"]] == [selected[0], selected[2]]
    assert not RenewalRecommendation.objects.filter(lease=units["at_market"]).exists()
    everything = post(
        "",
        {"action_type": "renewal_offer", "unit_ids": selected[:1], "method": "email", "exclude_unit_ids": selected[:1]},
        expect=400,
    ).json()
    assert everything["detail"] == "Every selected unit was excluded; nothing to do."


def test_a_rent_increase_notice_is_refused_while_a_renewal_offer_is_out(post, units):
    post("", {"action_type": "renewal_offer", "unit_ids": unit_ids(units, "holdover"), "method": "email"}, expect=201)
    batch = post(
        "",
        {"action_type": "rent_increase_notice", "unit_ids": unit_ids(units, "holdover"), "method": "email"},
        expect=201,
    ).json()
    [result] = batch["results"]
    assert result["status"] == "failed" and result["detail"].startswith("Renewal offer sent $")
    assert not RentIncreaseNotice.objects.exists()
