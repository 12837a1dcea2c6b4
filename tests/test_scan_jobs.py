"""The issue's "done when": every manual scan survives 10 parallel requests and keeps answering afterwards
(it used to call result.get() inside the request and leave Celery's flag set: every later call a 500)."""

import threading
import time

import pytest
from django.db import connection
from rest_framework.test import APIClient

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="real concurrency needs PostgreSQL"),
]

SCANS = ["/api/v1/renewals/run-scan/", "/api/v1/portfolio/ai-queue/run/", "/api/v1/collections/run-scan/"]


def clone(api_client):
    client = APIClient()
    client.credentials(**api_client._credentials)
    return client


def wait_done(client, url):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body = client.get(url).json()
        if body["done"]:
            return body
        time.sleep(0.1)
    raise AssertionError(f"{url} did not finish")


@pytest.mark.parametrize("path", SCANS)
def test_ten_parallel_scan_requests_one_job_and_later_calls_answer(api_client, settings, monkeypatch, path):
    from core import jobs

    settings.JOBS_RUN_INLINE = False  # the in-process thread runner, as in production without Redis
    barrier, answers = threading.Barrier(10), []
    # The job holds until every request has been answered: on an empty portfolio it would otherwise finish
    # before the slowest of the ten requests arrives, and that one would rightly start a second job.
    release = threading.Event()
    for kind, fn in list(jobs._registry.items()):
        monkeypatch.setitem(jobs._registry, kind, lambda fn=fn, **kw: (release.wait(60), fn(**kw))[1])

    def post():
        try:
            barrier.wait()
            response = clone(api_client).post(path)
            answers.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(10)]
    [t.start() for t in threads]
    [t.join(120) for t in threads]
    release.set()
    assert [code for code, _ in answers] == [202] * 10
    assert len({body["id"] for _, body in answers}) == 1
    first = answers[0][1]
    assert wait_done(clone(api_client), first["url"])["status"] == "succeeded"
    for _ in range(3):  # and it keeps answering
        later = clone(api_client).post(path)
        assert later.status_code == 202
        assert wait_done(clone(api_client), later.json()["url"])["status"] == "succeeded"
