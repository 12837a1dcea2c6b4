import csv
import datetime
import io
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import OutboxMessage
from core.permissions import ACCESS_QUERIES
from properties.tests.factories import PropertyFactory
from renewals.models import RenewalRecommendation
from renewals.tests.factories import RenewalRecommendationFactory
from tenants.models import LeaseStatusLog, TenantLease, Tenants
from tenants.tests.factories import LeaseFactory, TenantFactory
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
BASE = "/api/v1/renewals/"
ACTOR = "user:manager@example.com"

LIST_KEYS = {
    "id", "lease", "tenant", "unit", "property", "tenant_name", "tenant_email", "tenant_phone", "unit_number",
    "property_name", "lease_number", "lease_begin_date", "lease_end_date", "lease_status", "holdover_start_date", "churn_score",
    "churn_risk_level", "current_rent", "market_rent", "market_gap", "market_gap_pct", "recommended_rent", "approved_rent", "offered_rent",
    "rent_increase_pct", "offered_increase_pct", "rent_strategy", "rent_strategy_label", "rent_reasoning",
    "recommended_term_months", "recommended_lease_start", "recommended_lease_end", "notice_date", "response_deadline", "notice_days", "notice_citation", "status", "status_label",
    "reviewed_by", "reviewed_at", "sent_at", "responded_at", "lease_renewal", "lease_renewed_at", "allowed_actions",
    "created_at", "updated_at",
}  # fmt: skip
DETAIL_KEYS = LIST_KEYS | {
    "churn_factors", "weights", "churn_factor_breakdown", "renewal_letter_subject", "renewal_letter_text",
    "renewal_sms_text", "renewal_letter_generated_at", "letter_provider", "letter_model", "letter_edited_at",
    "letter_edited_by", "sent_by", "sent_via", "response_recorded_by", "tenant_response_note",
}  # fmt: skip
STATS_KEYS = {
    "total_pending", "total_approved", "total_sent", "total_accepted", "total_declined", "acceptance_rate",
    "avg_churn_score", "projected_annual_revenue_increase", "avg_rent_increase_pct", "by_risk_level",
}  # fmt: skip


def url(rec, action=""):
    rec_id = rec if isinstance(rec, str) else rec.pk
    return f"{BASE}{rec_id}/{action + '/' if action else ''}"


# --- auth and 404s ---------------------------------------------------------------------------------------

ROUTES = [
    ("get", BASE), ("get", BASE + "dashboard-stats/"), ("post", BASE + "run-scan/"), ("get", BASE + "export/"),
    ("get", url(str(uuid.uuid4()))), ("post", url(str(uuid.uuid4()), "approve")), ("post", url(str(uuid.uuid4()), "send")),
    ("post", url(str(uuid.uuid4()), "generate-letter")), ("post", url(str(uuid.uuid4()), "respond")),
    ("patch", url(str(uuid.uuid4()), "letter")), ("post", url(str(uuid.uuid4()), "update-letter")),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_endpoint_needs_a_token(anon_client, method, path):
    resp = getattr(anon_client, method)(path)
    assert resp.status_code == 401
    assert "detail" in resp.json()


@pytest.mark.parametrize("rec_id", [str(uuid.uuid4()), "not-a-uuid", "123"])
@pytest.mark.parametrize(
    ("method", "action"),
    [("get", ""), ("post", "approve"), ("post", "send"), ("post", "generate-letter"), ("post", "respond"),
     ("patch", "letter"), ("post", "update-letter")],
)  # fmt: skip
def test_unknown_or_malformed_ids_are_404(api_client, rec_id, method, action):
    resp = getattr(api_client, method)(url(rec_id, action), {}, format="json")
    assert resp.status_code == 404
    assert resp.json() == {"detail": "Renewal recommendation not found."}


# --- list ----------------------------------------------------------------------------------------------


@pytest.fixture
def recs():
    prop = PropertyFactory(name="Harbor View")
    maria = TenantFactory(first_name="Maria", last_name="Gonzalez")
    return {
        "critical": RenewalRecommendationFactory(
            churn_score=0.82, churn_risk_level="critical", rent_strategy="hold", recommended_rent=Decimal("1700.00"),
            rent_increase_pct=0.0, lease=LeaseFactory(tenant=maria, unit=UnitFactory(property=prop, unit_number="A-102"),
                                                      lease_end_date=TODAY + 40 * DAY)),
        "medium": RenewalRecommendationFactory(churn_score=0.45, churn_risk_level="medium", status="approved"),
        "low": RenewalRecommendationFactory(churn_score=0.18, churn_risk_level="low", status="sent",
                                            lease=LeaseFactory(month_to_month=True)),
        "high": RenewalRecommendationFactory(churn_score=0.6, churn_risk_level="high", status="expired"),
    }  # fmt: skip


def ids(resp):
    return [r["id"] for r in resp.json()["results"]]


def test_list_is_ranked_by_churn_score(api_client, recs):
    resp = api_client.get(BASE)
    assert resp.status_code == 200
    body = resp.json()
    assert body["count"] == 4
    assert ids(resp) == [str(recs[k].pk) for k in ("critical", "high", "medium", "low")]
    row = body["results"][0]
    assert set(row) == LIST_KEYS
    assert (row["tenant_name"], row["unit_number"], row["property_name"]) == ("Maria Gonzalez", "A-102", "Harbor View")
    assert (row["current_rent"], row["recommended_rent"], row["offered_rent"], row["approved_rent"]) == (
        "1700.00",
        "1700.00",
        "1700.00",
        None,
    )
    assert (row["rent_strategy"], row["rent_strategy_label"], row["status_label"]) == ("hold", "Hold", "Pending Review")
    assert row["allowed_actions"] == ["approve", "generate_letter", "edit_letter"]
    assert row["lease_end_date"] == (TODAY + 40 * DAY).isoformat()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=pending", ["critical"]),
        ("status=approved,sent", ["medium", "low"]),
        ("status=approved&status=sent", ["medium", "low"]),
        ("churn_risk_level=critical,high", ["critical", "high"]),
        ("churn_risk_level=low", ["low"]),
        ("lease_status=month_to_month", ["low"]),
        ("search=gonzalez", ["critical"]),
        ("search=A-102", ["critical"]),
        ("ordering=churn_score", ["low", "medium", "high", "critical"]),
        ("ordering=lease_end_date&status=pending,approved", ["critical", "medium"]),
        ("churn_score__gte=0.5", ["critical", "high"]),
    ],
)
def test_list_filters(api_client, recs, query, expected):
    resp = api_client.get(f"{BASE}?{query}")
    assert resp.status_code == 200, resp.json()
    assert ids(resp) == [str(recs[k].pk) for k in expected]


def test_list_filters_by_property_lease_tenant_and_unit(api_client, recs):
    r = recs["critical"]
    for param, value in (
        ("property", r.property_id),
        ("lease", r.lease_id),
        ("tenant", r.tenant_id),
        ("unit", r.unit_id),
    ):
        resp = api_client.get(f"{BASE}?{param}={value}")
        assert ids(resp) == [str(r.pk)], param


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "churn_risk_level=extreme",
        "property=nope",
        "ordering=password",
        "lease_end_date__gte=03/01/2026",
        "page_size=0",
    ],
)
def test_list_rejects_bad_parameters(api_client, recs, query):
    resp = api_client.get(f"{BASE}?{query}")
    if query.startswith("ordering="):  # DRF ignores unknown ordering fields
        assert resp.status_code == 200
        return
    assert resp.status_code == 400
    assert resp.json()["detail"]


@pytest.mark.parametrize("size", [3, 30])
def test_list_query_count_does_not_grow(api_client, size, django_assert_max_num_queries):
    for _ in range(size):
        RenewalRecommendationFactory()
    with django_assert_max_num_queries(3 + ACCESS_QUERIES):  # token, count, page
        resp = api_client.get(f"{BASE}?page_size=100")
    assert resp.json()["count"] == size


def test_export_is_csv_with_the_same_filters(api_client, recs):
    resp = api_client.get(f"{BASE}export/?churn_risk_level=critical,low")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(resp.streaming_content).decode())))
    assert [r["id"] for r in rows] == [str(recs["critical"].pk), str(recs["low"].pk)]
    assert rows[0]["tenant_name"] == "Maria Gonzalez" and rows[0]["recommended_rent"] == "1700.00"


# --- detail -------------------------------------------------------------------------------------------------


def test_detail_has_the_factors_weights_letter_and_delivery(api_client, recs):
    rec = recs["critical"]
    resp = api_client.get(url(rec))
    assert resp.status_code == 200
    body = resp.json()
    assert set(body) == DETAIL_KEYS
    assert body["tenant_email"] == rec.tenant.email and body["tenant_phone"] == rec.tenant.phone
    assert body["weights"] == {
        "late_payments": 0.3,
        "maintenance_requests": 0.15,
        "rent_gap": 0.25,
        "tenure_short": 0.15,
        "market_trend": 0.15,
    }
    breakdown = {f["key"]: f for f in body["churn_factor_breakdown"]}
    assert breakdown["late_payments"] == {
        "key": "late_payments",
        "label": "Late payments",
        "value": 0.5,
        "weight": 0.3,
        "contribution": 0.15,
    }
    assert body["churn_factors"] == rec.churn_factors
    assert body["renewal_letter_text"] == rec.renewal_letter_text
    assert body["sent_via"] == [] and body["letter_provider"] == "offline"
    assert body["lease_status"] == "active"


# --- the workflow through the API -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"recommended_rent": "abc"}, "The approved rent must be a number, e.g. 1850.00."),
        ({"recommended_rent": "-5"}, "The approved rent must be greater than zero."),
        ({"approved_rent": "0"}, "The approved rent must be greater than zero."),
        ({"approved_rent": "12.345"}, "The approved rent can have at most 2 decimal places."),
        ({"approved_rent": 12.345}, "The approved rent can have at most 2 decimal places."),
        ({"approved_rent": [1]}, "approved_rent: Not a valid string."),
        (
            {"approved_rent": "1800", "recommended_rent": "1900"},
            "Give the rent once: approved_rent or recommended_rent.",
        ),
        (
            {"approved_rent": "1e5"},
            "The approved rent must be written out in full (e.g. 1850.00), not in exponent notation.",
        ),
        ({"approved_rent": "Infinity"}, "The approved rent must be a number, e.g. 1850.00."),
    ],
)
def test_approve_rejects_bad_rents(api_client, body, message):
    rec = RenewalRecommendationFactory()
    resp = api_client.post(url(rec, "approve"), body, format="json")
    assert resp.status_code == 400
    assert resp.json()["detail"] == message
    rec.refresh_from_db()
    assert rec.status == "pending"


def test_approve_rejects_a_rent_far_from_the_current_one(api_client):
    rec = RenewalRecommendationFactory(current_rent=Decimal("1680.00"))
    for rent in ("100000", "839.99", "3360.01"):
        resp = api_client.post(url(rec, "approve"), {"approved_rent": rent}, format="json")
        assert resp.status_code == 400
        assert resp.json()["detail"].endswith(
            "is outside 50% to 200% of the current rent ($1,680.00): enter an amount between $840.00 and $3,360.00."
        )
        assert (resp.json()["min"], resp.json()["max"]) == ("840.00", "3360.00")
    rec.refresh_from_db()
    assert rec.status == "pending"
    assert api_client.post(url(rec, "approve"), {"approved_rent": "3360.00"}, format="json").status_code == 200


def test_approve_with_a_modified_rent(api_client, portfolio):
    api_client.post(BASE + "run-scan/")
    rec = RenewalRecommendation.objects.get(lease=portfolio["maria"])
    resp = api_client.post(url(rec, "approve"), {"recommended_rent": "1850.00"}, format="json")
    assert resp.status_code == 200, resp.json()
    body = resp.json()
    assert (body["status"], body["approved_rent"], body["offered_rent"], body["recommended_rent"]) == (
        "approved",
        "1850.00",
        "1850.00",
        "1785.00",
    )
    assert body["offered_increase_pct"] == 8.82
    assert body["reviewed_by"] == ACTOR and body["reviewed_at"]
    assert "$1,850.00" in body["renewal_letter_text"]
    assert body["allowed_actions"] == ["send", "generate_letter", "edit_letter"]

    again = api_client.post(url(rec, "approve"), format="json")
    assert again.status_code == 400
    assert again.json() == {"detail": "Only pending recommendations can be approved."}


def test_send_then_respond_accepted_renews_the_month_to_month_lease(
    api_client, portfolio, django_capture_on_commit_callbacks
):
    assert api_client.post(BASE + "run-scan/").status_code == 202
    rec = RenewalRecommendation.objects.get(lease=portfolio["james"])

    early = api_client.post(url(rec, "send"))
    assert early.status_code == 400
    assert early.json() == {"detail": "Approve the recommendation before sending it."}
    assert api_client.post(url(rec, "respond"), {"accepted": True}, format="json").json() == {
        "detail": "Only sent recommendations can record the tenant's response."
    }

    assert api_client.post(url(rec, "approve")).status_code == 200
    resp = api_client.post(url(rec, "send"))
    assert resp.status_code == 200, resp.json()
    body = resp.json()
    assert body["status"] == "sent" and body["sent_at"]
    assert [(v["channel"], v["to"], v["status"]) for v in body["sent_via"]] == [
        ("email", "james@example.com", "sent"),
        ("sms", "+12065550205", "sent"),
    ]
    assert body["allowed_actions"] == ["respond"]
    messages = OutboxMessage.objects.filter(related_id=str(rec.pk))
    assert sorted(messages.values_list("channel", flat=True)) == ["email", "sms"]

    assert api_client.post(url(rec, "send")).status_code == 200  # again: nothing new goes out
    assert messages.count() == 2

    assert (
        api_client.post(url(rec, "respond"), {}, format="json").json()["detail"] == "accepted: This field is required."
    )
    with django_capture_on_commit_callbacks(execute=True):
        resp = api_client.post(url(rec, "respond"), {"accepted": True, "note": "Signed."}, format="json")
    assert resp.status_code == 200, resp.json()
    body = resp.json()
    assert (body["status"], body["tenant_response_note"], body["lease_renewal"]) == ("accepted", "Signed.", "applied")
    assert body["lease_status"] == "active" and body["lease_end_date"] == body["recommended_lease_end"]
    lease = TenantLease.objects.get(pk=portfolio["james"].pk)
    assert (lease.lease_status, lease.monthly_rent_amount) == ("active", Decimal("1728.00"))
    assert (
        LeaseStatusLog.objects.filter(lease=lease, previous_status="month_to_month", new_status="active").count() == 1
    )


def test_respond_accepted_for_an_active_lease_is_scheduled(api_client):
    rec = RenewalRecommendationFactory(status="sent")
    resp = api_client.post(url(rec, "respond"), {"accepted": True}, format="json")
    assert resp.status_code == 200
    body = resp.json()
    assert (body["status"], body["lease_renewal"], body["lease_renewed_at"]) == ("accepted", "scheduled", None)
    assert body["allowed_actions"] == []


def test_respond_declined(api_client):
    rec = RenewalRecommendationFactory(status="sent")
    resp = api_client.post(url(rec, "respond"), {"accepted": False, "note": "Buying a house"}, format="json")
    assert resp.status_code == 200
    assert (resp.json()["status"], resp.json()["lease_renewal"]) == ("declined", None)
    assert TenantLease.objects.get(pk=rec.lease_id).lease_status == "active"


def test_send_failure_keeps_the_approval_and_reports_channels(api_client):
    rec = RenewalRecommendationFactory(status="approved")
    Tenants.objects.filter(pk=rec.tenant_id).update(email="x", phone="12")
    resp = api_client.post(url(rec, "send"))
    assert resp.status_code == 400
    body = resp.json()
    assert body["detail"].startswith("The renewal letter could not be sent (email: 'x' is not a valid email address")
    assert [v["status"] for v in body["sent_via"]] == ["invalid", "invalid"]
    assert RenewalRecommendation.objects.get(pk=rec.pk).status == "approved"


def test_generate_and_edit_the_letter(api_client, portfolio):
    api_client.post(BASE + "run-scan/")
    rec = RenewalRecommendation.objects.get(lease=portfolio["maria"])
    resp = api_client.patch(url(rec, "letter"), {"letter_text": "Dear Maria,\n\nPlease stay."}, format="json")
    assert resp.status_code == 200, resp.json()
    assert resp.json()["renewal_letter_text"] == "Dear Maria,\n\nPlease stay."
    assert resp.json()["letter_edited_by"] == ACTOR
    resp = api_client.post(url(rec, "update-letter"), {"subject": "Stay with us", "sms_text": "Hi!"}, format="json")
    assert (resp.json()["renewal_letter_subject"], resp.json()["renewal_sms_text"]) == ("Stay with us", "Hi!")
    assert api_client.patch(url(rec, "letter"), {"sms_text": "x" * 321}, format="json").status_code == 400
    assert api_client.patch(url(rec, "letter"), {}, format="json").json() == {
        "detail": "Give letter_text, subject or sms_text to change."
    }

    resp = api_client.post(url(rec, "generate-letter"))
    assert resp.status_code == 200
    body = resp.json()
    assert "Dear Maria Gonzalez" in body["renewal_letter_text"] and body["letter_edited_at"] is None
    assert body["letter_provider"] == "offline"


def test_letter_changes_are_refused_after_sending(api_client):
    rec = RenewalRecommendationFactory(status="sent")
    resp = api_client.post(url(rec, "generate-letter"))
    assert resp.status_code == 400
    assert resp.json() == {"detail": "The letter has already been sent; it can no longer be changed."}


# --- dashboard stats and the scan ------------------------------------------------------------------------


def test_dashboard_stats_shape_and_numbers(api_client, recs, django_assert_max_num_queries):
    RenewalRecommendationFactory(status="accepted", current_rent=Decimal("1000"), recommended_rent=Decimal("1100"))
    RenewalRecommendationFactory(status="declined")
    with django_assert_max_num_queries(2 + ACCESS_QUERIES):  # token + one aggregate
        resp = api_client.get(BASE + "dashboard-stats/")
    assert resp.status_code == 200
    body = resp.json()
    assert set(body) == STATS_KEYS
    assert body["by_risk_level"] == {"low": 1, "medium": 1, "high": 0, "critical": 1}
    assert (
        body["total_pending"],
        body["total_approved"],
        body["total_sent"],
        body["total_accepted"],
        body["total_declined"],
    ) == (1, 1, 1, 1, 1)
    assert body["acceptance_rate"] == 0.5
    assert body["avg_churn_score"] == 0.48  # (0.82 + 0.45 + 0.18) / 3
    # approved + sent: (1785 - 1700) x 12 each; accepted: 100 x 12
    assert body["projected_annual_revenue_increase"] == 85 * 12 * 2 + 1200.0
    assert isinstance(body["projected_annual_revenue_increase"], float)


def test_dashboard_stats_by_property(api_client, recs):
    resp = api_client.get(f"{BASE}dashboard-stats/?property={recs['critical'].property_id}")
    assert resp.json()["total_pending"] == 1 and resp.json()["total_approved"] == 0
    bad = api_client.get(f"{BASE}dashboard-stats/?property=nope")
    assert bad.status_code == 400 and bad.json()["detail"].startswith("property:")


def test_run_scan_is_a_background_job(api_client, portfolio):
    resp = api_client.post(BASE + "run-scan/")
    assert resp.status_code == 202
    body = resp.json()
    assert body["kind"] == "renewals.scan" and body["status"] == "succeeded" and body["created"]
    assert body["summary"] == "Scanned 3 leases: created 3 recommendations (critical 1, high 0, medium 1, low 1)."
    assert api_client.get(body["url"]).json()["result"] == {"summary": body["summary"]}
    assert api_client.post(BASE + "run-scan/").json()["summary"].startswith("Scanned 0 leases")


def test_run_scan_goes_to_a_celery_worker_when_a_broker_is_configured(
    api_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from core import tasks

    queued = []
    monkeypatch.setattr(tasks.run_job, "delay", lambda job_id: queued.append(job_id))
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.JOBS_RUN_INLINE = False
    with django_capture_on_commit_callbacks(execute=True):
        resp = api_client.post(BASE + "run-scan/")
    assert resp.status_code == 202
    body = resp.json()
    assert body["status"] == "queued" and body["summary"] is None and queued == [body["id"]]
    again = api_client.post(BASE + "run-scan/").json()
    assert again["id"] == body["id"] and again["created"] is False  # one at a time: the queued job answers
