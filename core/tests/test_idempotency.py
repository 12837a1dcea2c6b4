"""core.idempotency: Stripe's semantics on a decorated view (replay, 409 on a different body, concurrency)."""

import threading
import uuid

import pytest
from django.db import connection
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.idempotency import REPLAYED_HEADER, idempotent
from core.models import AICallLog, IdempotencyKey
from core.permissions import SignedIn

factory = APIRequestFactory()


class CountingApi(APIView):
    """Writes one row per run, so 'applied once' is visible in the database."""

    permission_classes = [SignedIn()]

    @idempotent
    def post(self, request):
        if request.data.get("fail") == "400":
            raise ApplicationError("Refused.")
        if request.data.get("fail") == "500":
            raise RuntimeError("boom")
        AICallLog.objects.create(
            feature="test", prompt_name=str(request.data.get("n", "")), provider="offline", outcome="success"
        )
        return Response(
            {"runs": AICallLog.objects.filter(feature="test").count(), "amount": request.data.get("n")}, status=201
        )


def call(user, body, key=None, path="/api/v1/test/pay/"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    request = factory.post(path, body, format="json", **headers)
    force_authenticate(request, user=user)
    response = CountingApi.as_view()(request)
    response.render()
    return response


@pytest.mark.django_db
class TestSemantics:
    def test_without_a_key_every_request_runs(self, user):
        assert call(user, {"n": 1}).data["runs"] == 1
        assert call(user, {"n": 1}).data["runs"] == 2

    def test_same_key_same_body_replays_the_first_response(self, user):
        key = str(uuid.uuid4())
        first = call(user, {"n": 1}, key)
        second = call(user, {"n": 1}, key)
        assert (first.status_code, second.status_code) == (201, 201)
        assert second.data == first.data == {"runs": 1, "amount": 1}
        assert second[REPLAYED_HEADER] == "true"
        assert AICallLog.objects.filter(feature="test").count() == 1

    def test_same_key_different_body_is_409(self, user):
        key = str(uuid.uuid4())
        call(user, {"n": 1}, key)
        response = call(user, {"n": 2}, key)
        assert response.status_code == 409
        assert "different request" in response.data["detail"]
        assert AICallLog.objects.filter(feature="test").count() == 1

    def test_same_key_other_path_is_409(self, user):
        key = str(uuid.uuid4())
        call(user, {"n": 1}, key)
        assert call(user, {"n": 1}, key, path="/api/v1/test/other/").status_code == 409

    def test_keys_are_per_user(self, user, django_user_model):
        other = django_user_model.objects.create_user(username="other", password="x")
        key = str(uuid.uuid4())
        call(user, {"n": 1}, key)
        assert call(other, {"n": 1}, key).data["runs"] == 2

    def test_a_4xx_is_stored_and_replayed(self, user):
        key = str(uuid.uuid4())
        assert call(user, {"fail": "400"}, key).status_code == 400
        replay = call(user, {"fail": "400"}, key)
        assert replay.status_code == 400 and replay.data["detail"] == "Refused."
        assert replay[REPLAYED_HEADER] == "true"

    def test_a_500_releases_the_key_so_a_retry_runs(self, user):
        key = str(uuid.uuid4())
        with pytest.raises(RuntimeError):
            call(user, {"fail": "500"}, key)
        assert not IdempotencyKey.objects.filter(key=key).exists()

    def test_in_progress_key_answers_409_after_waiting(self, user, settings):
        settings.IDEMPOTENCY_WAIT_SECONDS = 0
        key = str(uuid.uuid4())
        IdempotencyKey.objects.create(
            user=user,
            key=key,
            method="POST",
            path="/api/v1/test/pay/",
            body_hash=__import__("core.idempotency", fromlist=["x"])._body_hash(type("R", (), {"data": {"n": 1}})()),
        )
        response = call(user, {"n": 1}, key)
        assert response.status_code == 409 and "in progress" in response.data["detail"]
        assert AICallLog.objects.filter(feature="test").count() == 0

    @pytest.mark.parametrize("key", ["", "has space", "x" * 256, "é"])
    def test_malformed_keys_are_400(self, user, key):
        response = call(user, {"n": 1}, key or " ")
        assert response.status_code == 400


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="real concurrency needs PostgreSQL")
def test_parallel_requests_with_one_key_apply_once(user):
    key, barrier, results = str(uuid.uuid4()), threading.Barrier(6), []

    def worker():
        try:
            barrier.wait()
            results.append(call(user, {"n": 7}, key).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    assert len(results) == 6 and set(results) <= {201, 409}
    assert results.count(201) >= 1
    assert AICallLog.objects.filter(feature="test").count() == 1
