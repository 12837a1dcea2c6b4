"""Through the real URLs with an authenticated client: status, body, and the database afterwards."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from collections_app.models import CollectionAction, CollectionCase, PaymentPlan
from collections_app.services import collections_escalate, collections_scan
from collections_app.tests.factories import CaseFactory, overdue_tenant
from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from core.permissions import ACCESS_QUERIES
from tenants.models import TenantLedgerEntry

pytestmark = pytest.mark.django_db
URL = "/api/v1/collections/"
TODAY = timezone.localdate()
DUE = TODAY - datetime.timedelta(days=4)


@pytest.fixture
def case():
    """A real case (ledger behind it) 4 days overdue, with steps 1 and 2 sent (one per run, on days 1 and 3)."""
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=TODAY)
    for n in (1, 3):
        collections_escalate(
            now=datetime.datetime.combine(DUE + datetime.timedelta(days=n), datetime.time(12), tzinfo=datetime.UTC)
        )
    collections_escalate()
    return CollectionCase.objects.get(tenant=tenant)


def _url(case, action=""):
    return f"{URL}{case.pk}/" + (f"{action}/" if action else "")


# ── auth and 404 ──────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", ""),
        ("get", "dashboard-stats/"),
        ("post", "run-scan/"),
        ("get", "{id}/"),
        ("get", "{id}/actions/"),
        ("post", "{id}/send-reminder/"),
        ("post", "{id}/offer-plan/"),
        ("post", "{id}/accept-plan/"),
        ("post", "{id}/record-payment/"),
        ("post", "{id}/escalate/"),
        ("post", "{id}/approve-legal/"),
        ("post", "{id}/dismiss-legal/"),
    ],
)
def test_every_endpoint_needs_authentication(anon_client, case, method, path):
    response = getattr(anon_client, method)(URL + path.format(id=case.pk))
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


@pytest.mark.parametrize("case_id", [uuid.uuid4(), "not-a-uuid", "12345"])
@pytest.mark.parametrize(
    "method,suffix",
    [
        ("get", ""),
        ("get", "actions/"),
        ("post", "send-reminder/"),
        ("post", "record-payment/"),
        ("post", "escalate/"),
        ("post", "approve-legal/"),
        ("post", "dismiss-legal/"),
    ],
)
def test_unknown_or_malformed_id_is_404(api_client, case_id, method, suffix):
    response = getattr(api_client, method)(f"{URL}{case_id}/{suffix}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Collection case not found."}


# ── list ──────────────────────────────────────────────────────────────────────────────────────────


def test_list_row_shape(api_client, case):
    response = api_client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["id"] == str(case.pk)
    assert row["tenant_name"] == f"{case.tenant.first_name} {case.tenant.last_name}"
    assert row["unit_number"] == case.unit.unit_number and row["property_name"] == case.property.name
    assert (row["current_balance"], row["original_amount_due"], row["days_overdue"]) == ("1700.00", "1700.00", 4)
    assert (row["escalation_level"], row["status"], row["tone"], row["tenant_risk_profile"]) == (
        2,
        "open",
        "friendly",
        "good_history",
    )
    assert row["due_date"] == DUE.isoformat() and row["payment_plan_status"] is None
    assert row["next_action"] == {
        "level": 3,
        "label": "Formal notice",
        "day": 5,
        "channels": ["email", "letter"],
        "due_in_days": 1,
    }
    assert [(s["level"], s["label"], s["day"], s["done"]) for s in row["timeline"]] == [
        (1, "Friendly reminder", 1, True),
        (2, "Detailed notice", 3, True),
        (3, "Formal notice", 5, False),
        (4, "Payment plan offer", 8, False),
        (5, "Legal escalation warning", 12, False),
    ]
    assert row["timeline"][0]["sent_at"] is not None and row["timeline"][0]["delivery_status"] == "sent"
    assert row["timeline"][2]["sent_at"] is None


@pytest.fixture
def spread():
    """Cases across statuses, levels, tones, profiles and properties (API-shape data, no ledger)."""
    a = CaseFactory(
        days_overdue=14,
        escalation_level=5,
        status="escalated",
        tone="legal",
        tenant_risk_profile="chronic",
        current_balance=Decimal("3200.00"),
    )
    b = CaseFactory(days_overdue=5, escalation_level=3, tone="firm", current_balance=Decimal("1850.00"))
    c = CaseFactory(days_overdue=1, escalation_level=1, current_balance=Decimal("950.00"))
    d = CaseFactory(
        days_overdue=9,
        escalation_level=4,
        status="payment_plan",
        tone="firm",
        tenant_risk_profile="standard",
        current_balance=Decimal("1200.00"),
    )
    e = CaseFactory(
        days_overdue=30, escalation_level=2, status="paid", current_balance=Decimal("0.00"), resolved_at=timezone.now()
    )
    b.tenant.first_name, b.tenant.last_name = "Lisa", "Park"
    b.tenant.save()
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def _ids(response):
    assert response.status_code == 200, response.json()
    return [r["id"] for r in response.json()["results"]]


def test_list_filters_search_and_ordering(api_client, spread):
    s = {k: str(v.pk) for k, v in spread.items()}
    assert _ids(api_client.get(URL)) == [s["e"], s["a"], s["d"], s["b"], s["c"]]  # most overdue first
    assert _ids(api_client.get(URL, {"status": "open"})) == [s["b"], s["c"]]
    assert set(_ids(api_client.get(URL, {"status": "open,payment_plan"}))) == {s["b"], s["c"], s["d"]}
    assert set(_ids(api_client.get(f"{URL}?status=open&status=escalated"))) == {s["a"], s["b"], s["c"]}
    assert _ids(api_client.get(URL, {"tenant": spread["b"].tenant_id, "status": "open"})) == [s["b"]]  # unit badge
    assert _ids(api_client.get(URL, {"tenant": spread["e"].tenant_id, "status": "open"})) == []
    assert _ids(api_client.get(URL, {"property": spread["a"].property_id})) == [s["a"]]
    assert _ids(api_client.get(URL, {"escalation_level": "4,5"})) == [s["a"], s["d"]]
    assert _ids(api_client.get(URL, {"days_overdue__gte": 9})) == [s["e"], s["a"], s["d"]]
    assert _ids(api_client.get(URL, {"tone": "firm"})) == [s["d"], s["b"]]
    assert _ids(api_client.get(URL, {"risk_profile": "chronic"})) == [s["a"]]
    assert _ids(api_client.get(URL, {"search": "lisa park"})) == [s["b"]]
    assert _ids(api_client.get(URL, {"search": spread["c"].unit.unit_number})) == [s["c"]]
    assert _ids(api_client.get(URL, {"ordering": "-current_balance"})) == [s["a"], s["b"], s["d"], s["c"], s["e"]]
    assert _ids(api_client.get(URL, {"ordering": "escalation_level"})) == [s["c"], s["e"], s["b"], s["d"], s["a"]]
    assert _ids(api_client.get(URL, {"ordering": "days_overdue"}))[0] == s["c"]
    nxt = {r["id"]: r["next_action"] for r in api_client.get(URL).json()["results"]}
    assert nxt[s["a"]] is None and nxt[s["d"]] is None and nxt[s["e"]] is None  # only open cases have one
    assert nxt[s["c"]] == {"level": 2, "label": "Detailed notice", "day": 3, "channels": ["email"], "due_in_days": 2}


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"escalation_level": "9"},
        {"property": "nope"},
        {"days_overdue__gte": "x"},
        {"tone": "angry"},
        {"page_size": "0"},
    ],
)
def test_bad_filters_are_400(api_client, spread, params):
    response = api_client.get(URL, params)
    assert response.status_code == 400 and response.json()["detail"]


def test_list_queries_do_not_grow_with_rows(api_client, django_assert_max_num_queries):
    for _ in range(3):
        CaseFactory()
    with django_assert_max_num_queries(5 + ACCESS_QUERIES):  # auth, count, page, step actions
        assert api_client.get(URL).json()["count"] == 3
    for _ in range(20):
        CaseFactory()
    with django_assert_max_num_queries(5 + ACCESS_QUERIES):
        assert len(api_client.get(URL, {"page_size": 50}).json()["results"]) == 23


# ── detail and actions ────────────────────────────────────────────────────────────────────────────


def test_detail_with_actions_timeline_and_plan(api_client, case, django_assert_max_num_queries):
    api_client.post(_url(case, "offer-plan"), {"num_installments": 2})
    with django_assert_max_num_queries(6 + ACCESS_QUERIES):
        response = api_client.get(_url(case))
    assert response.status_code == 200
    body = response.json()
    assert body["tenant"]["email"] == case.tenant.email and body["monthly_rent"] == "1700.00"
    assert body["recommended_next_step"].startswith("Call the tenant")
    assert [a["action_type"] for a in body["actions"]] == ["sms", "email", "payment_plan"]
    sms = body["actions"][0]
    assert (sms["channel"], sms["tone_used"], sms["delivery_status"], sms["step_level"]) == (
        "sms",
        "friendly",
        "sent",
        1,
    )
    assert "$1,700.00" in sms["message_text"] and sms["sent_at"]
    assert sms["deliveries"][0]["channel"] == "sms" and sms["deliveries"][0]["to"] == case.tenant.phone
    plan = body["payment_plan"]
    assert (plan["status"], plan["num_installments"], plan["total_amount"], plan["amount_paid"]) == (
        "proposed",
        2,
        "1700.00",
        "0.00",
    )
    assert [(i["installment_number"], i["amount"], i["status"]) for i in plan["installments"]] == [
        (1, "850.00", "pending"),
        (2, "850.00", "pending"),
    ]
    assert body["payment_plan_status"] == "proposed"


def test_actions_endpoint(api_client, case):
    response = api_client.get(_url(case, "actions"))
    assert response.status_code == 200
    assert [(a["step_level"], a["channel"]) for a in response.json()] == [(1, "sms"), (2, "email")]


# ── operations ────────────────────────────────────────────────────────────────────────────────────


def test_send_reminder(api_client, case):
    response = api_client.post(_url(case, "send-reminder"))
    assert response.status_code == 200
    body = response.json()
    assert body["escalation_level"] == 3 and body["actions"][-1]["channel"] == "email+letter"
    assert body["actions"][-1]["created_by"] == "user:manager@example.com"
    letter = [d for d in body["actions"][-1]["deliveries"] if d["channel"] == "letter"]
    assert letter and letter[0]["status"] == "outbox"
    assert CollectionAction.objects.filter(case=case, step_level=3).count() == 1


def test_send_reminder_on_a_closed_case_is_400(api_client, case):
    CollectionCase.objects.filter(pk=case.pk).update(status="paid")
    response = api_client.post(_url(case, "send-reminder"))
    assert response.status_code == 400
    assert response.json() == {"detail": "Reminders go out on open cases only; this one is paid."}


def test_offer_and_accept_plan(api_client, case):
    response = api_client.post(_url(case, "offer-plan"), {"num_installments": 4, "start_date": TODAY.isoformat()})
    assert response.status_code == 200
    plan = response.json()["payment_plan"]
    assert plan["num_installments"] == 4 and plan["start_date"] == TODAY.isoformat()
    assert sum(Decimal(i["amount"]) for i in plan["installments"]) == Decimal("1700.00")
    response = api_client.post(_url(case, "accept-plan"))
    assert response.status_code == 200
    assert response.json()["status"] == "payment_plan" and response.json()["payment_plan"]["status"] == "accepted"


@pytest.mark.parametrize(
    "payload",
    [{"num_installments": 1}, {"num_installments": 7}, {"num_installments": "x"}, {"start_date": "03/01/2026"}],
)
def test_offer_plan_bad_input_is_400(api_client, case, payload):
    response = api_client.post(_url(case, "offer-plan"), payload)
    assert response.status_code == 400 and response.json()["detail"]
    assert not PaymentPlan.objects.exists()


def test_accept_plan_without_offer_is_400(api_client, case):
    response = api_client.post(_url(case, "accept-plan"))
    assert response.status_code == 400
    assert response.json() == {"detail": "No payment plan has been offered on this case."}


@pytest.mark.parametrize("amount", ["250.00", 250, 250.0, "250"])
def test_record_payment_accepts_strings_and_numbers(api_client, case, amount):
    response = api_client.post(_url(case, "record-payment"), {"amount": amount, "reference": "CHK-7"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["current_balance"] == "1450.00" and body["status"] == "open"
    assert body["actions"][-1]["action_type"] == "payment_received" and body["actions"][-1]["amount"] == "250.00"
    assert TenantLedgerEntry.objects.get(reference="CHK-7").amount == Decimal("250.00")


def test_final_payment_closes_the_case(api_client, case):
    response = api_client.post(_url(case, "record-payment"), {"amount": "1700.00", "paid_on": TODAY.isoformat()})
    assert response.status_code == 200
    assert response.json()["status"] == "paid" and response.json()["resolved_at"]
    assert response.json()["next_action"] is None


@pytest.mark.parametrize(
    "payload,detail",
    [
        ({"amount": "0"}, "Payment must be greater than zero."),
        ({"amount": "-10.00"}, "Payment must be greater than zero."),
        ({"amount": -10}, "Payment must be greater than zero."),
        ({"amount": "1700.01"}, "Payment of $1,700.01 exceeds the balance of $1,700.00."),
        ({"amount": "10.005"}, "amount: Ensure that there are no more than 2 decimal places."),
        ({"amount": "ten"}, "amount: A valid number is required."),
        ({"amount": True}, "amount: A valid number is required."),
        ({"amount": "NaN"}, "amount: A valid number is required."),
        ({}, "amount: This field is required."),
        ({"amount": "10", "paid_on": "2026-13-01"}, None),
    ],
)
def test_record_payment_rejections(api_client, case, payload, detail):
    response = api_client.post(_url(case, "record-payment"), payload)
    assert response.status_code == 400
    if detail:
        assert response.json()["detail"] == detail
    assert not TenantLedgerEntry.objects.filter(trans_type="Payment", trans_date__gte=DUE).exists()
    case.refresh_from_db()
    assert case.current_balance == Decimal("1700.00")


def test_escalate(api_client, case):
    response = api_client.post(_url(case, "escalate"), {"note": "No answer to calls."})
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["escalation_level"], body["assigned_to"]) == ("escalated", 5, "manager")
    assert "No answer to calls." in body["actions"][-1]["message_text"]
    assert api_client.post(_url(case, "escalate")).json() == {"detail": "This case is already escalated."}


def _recommend(case):
    CollectionCase.objects.filter(pk=case.pk).update(
        escalation_level=4, days_overdue=40, due_date=TODAY - datetime.timedelta(days=40), legal_referral="recommended"
    )


def test_legal_referral_in_plain_words_and_approve(api_client, case):
    body = api_client.get(_url(case)).json()
    legal = body["legal_referral_detail"]
    assert (legal["state"], legal["can_decide"], legal["min_balance"], legal["min_days_overdue"]) == (
        "",
        False,
        "500.00",
        30,
    )
    assert legal["text"].startswith(
        "No legal step yet. The agent sends reminders only; a legal referral needs at "
        "least $500.00 overdue for 30 days and a manager's approval."
    )
    assert api_client.post(_url(case, "approve-legal")).json() == {
        "detail": "There is no legal referral recommendation to decide on this case."
    }
    _recommend(case)
    body = api_client.get(_url(case)).json()
    assert body["legal_referral"] == "recommended" and body["legal_referral_detail"]["can_decide"]
    assert "Nothing has been sent. Approve to mail the final notice letter" in body["legal_referral_detail"]["text"]
    assert body["next_action"]["label"] == "Legal referral: awaiting your approval"
    response = api_client.post(_url(case, "approve-legal"))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["escalation_level"], body["legal_referral"]) == ("escalated", 5, "approved")
    assert body["legal_referral_detail"]["decided_by"].startswith("user:")
    assert body["actions"][-1]["step_level"] == 5
    assert api_client.post(_url(case, "approve-legal")).json() == {
        "detail": "The legal referral has already been approved."
    }


def test_dismiss_legal(api_client, case):
    _recommend(case)
    response = api_client.post(_url(case, "dismiss-legal"), {"note": "Spoke to the tenant."})
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["escalation_level"], body["legal_referral"]) == ("open", 4, "dismissed")
    assert (
        body["actions"][-1]["action_type"] == "legal_review"
        and "Spoke to the tenant." in body["actions"][-1]["message_text"]
    )
    assert body["next_action"] is None
    assert api_client.post(_url(case, "dismiss-legal"), {"note": "x" * 2001}).status_code == 400


# ── dashboard and scan ────────────────────────────────────────────────────────────────────────────


def test_dashboard_stats(api_client, spread):
    spread["b"].actions.create(
        action_type="payment_received",
        escalation_level=3,
        channel="system",
        message_text="Payment",
        tone_used="",
        ai_generated=False,
        amount=Decimal("400.00"),
        sent_at=timezone.now(),
    )
    spread["c"].actions.create(
        action_type="payment_received",
        escalation_level=1,
        channel="system",
        message_text="Old payment",
        tone_used="",
        ai_generated=False,
        amount=Decimal("99.00"),
        sent_at=timezone.now() - datetime.timedelta(days=8),
    )
    response = api_client.get(f"{URL}dashboard-stats/")
    assert response.status_code == 200
    assert response.json() == {
        "total_overdue": "7200.00",
        "open_cases": 4,
        "on_plan": 1,
        "on_plan_amount": "1200.00",
        "paid_this_week": "400.00",
        "paid_this_week_count": 1,
        "resolved_this_week": 1,
        "by_level": {"0": 0, "1": 1, "2": 0, "3": 1, "4": 1, "5": 1},
        "by_tone": {"friendly": 1, "firm": 2, "formal": 0, "legal": 1},
        "by_risk_profile": {"good_history": 2, "standard": 1, "repeat_offender": 0, "chronic": 1},
        "by_status": {"open": 2, "payment_plan": 1, "paid": 1, "escalated": 1, "written_off": 0},
    }
    one = api_client.get(f"{URL}dashboard-stats/", {"property": spread["a"].property_id}).json()
    assert (one["open_cases"], one["total_overdue"]) == (1, "3200.00")
    assert api_client.get(f"{URL}dashboard-stats/", {"property": "x"}).status_code == 400


def test_run_scan(api_client):
    overdue_tenant(due=DUE)
    response = api_client.post(f"{URL}run-scan/")
    assert response.status_code == 202  # a background job (run inline under test settings)
    job = response.json()
    assert job["kind"] == "collections.scan" and job["status"] == "succeeded" and job["created"]
    body = api_client.get(job["url"]).json()["result"]
    assert body["scan"].startswith("Opened 1 cases")
    # 4 days overdue on the first run: only the step its days call for (the email), not the SMS as well
    assert body["escalation"].startswith("Sent 1 dunning steps on 1 open cases (L1: 0, L2: 1, L3: 0, L4: 0)")
    assert len(FakeSmsBackend.sent) == 0 and len(FakeEmailBackend.sent) == 1
    again = api_client.post(f"{URL}run-scan/").json()["result"]
    assert again["scan"].startswith("Opened 0 cases") and again["escalation"].startswith("Sent 0 dunning steps")
