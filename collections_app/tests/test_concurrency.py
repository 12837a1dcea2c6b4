"""Parallel identical requests on PostgreSQL: one Idempotency-Key applies a payment once; a second scan request
answers the running job. Real threads, real transactions."""

import threading
import time
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from rest_framework.test import APIClient

from collections_app.models import CollectionCase
from collections_app.services import collections_escalate, collections_scan
from collections_app.tests.factories import overdue_tenant
from collections_app.tests.test_apis import DUE, TODAY, URL
from tenants.models import TenantLedgerEntry

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="real concurrency needs PostgreSQL"),
]


def in_parallel(n, fn):
    barrier, out = threading.Barrier(n), []

    def run():
        try:
            barrier.wait()
            out.append(fn())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    [t.start() for t in threads]
    [t.join(120) for t in threads]
    return out


@pytest.fixture
def case():
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=TODAY)
    collections_escalate()
    return CollectionCase.objects.get(tenant=tenant)


def client_like(api_client):
    client = APIClient()
    client.credentials(**api_client._credentials)
    return client


def test_parallel_payments_with_one_key_apply_once(api_client, case):
    before = case.current_balance
    key = str(uuid.uuid4())
    url = f"{URL}{case.pk}/record-payment/"
    codes = in_parallel(
        8,
        lambda: (
            client_like(api_client).post(url, {"amount": "20.00"}, format="json", HTTP_IDEMPOTENCY_KEY=key).status_code
        ),
    )
    assert len(codes) == 8 and set(codes) <= {200, 409} and 200 in codes
    case.refresh_from_db()
    assert case.current_balance == before - Decimal("20.00")
    payments = TenantLedgerEntry.objects.filter(tenant=case.tenant, trans_type="Payment", trans_date=TODAY)
    assert [abs(p.amount) for p in payments] == [Decimal("20.00")]


def test_parallel_payments_without_a_key_never_overdraw(api_client, case):
    """No key: each request is a distinct payment, but the row lock keeps the balance consistent."""
    balance = case.current_balance
    amount = (balance / 2).quantize(Decimal("0.01"))
    codes = in_parallel(
        4,
        lambda: (
            client_like(api_client)
            .post(f"{URL}{case.pk}/record-payment/", {"amount": str(amount)}, format="json")
            .status_code
        ),
    )
    case.refresh_from_db()
    applied = codes.count(200)
    assert set(codes) <= {200, 400} and applied <= 2
    assert case.current_balance == balance - amount * applied >= 0


def wait_done(client, url):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body = client.get(url).json()
        if body["done"]:
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {url} did not finish")


def test_ten_parallel_scans_start_one_job_and_later_calls_still_answer(api_client, case, settings):
    settings.JOBS_RUN_INLINE = False  # the real thread runner
    answers = in_parallel(10, lambda: client_like(api_client).post(f"{URL}run-scan/").json() | {"_": 1})
    assert len(answers) == 10 and len({a["id"] for a in answers}) == 1
    assert sum(a["created"] for a in answers) == 1
    done = wait_done(client_like(api_client), answers[0]["url"])
    assert done["status"] == "succeeded" and "scan" in done["result"]
    later = client_like(api_client).post(f"{URL}run-scan/")
    assert later.status_code == 202 and later.json()["id"] != answers[0]["id"]
    assert wait_done(client_like(api_client), later.json()["url"])["status"] == "succeeded"
    assert client_like(api_client).get(f"{URL}dashboard-stats/").status_code == 200
