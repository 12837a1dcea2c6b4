"""`Idempotency-Key` for POSTs that move money or send messages (Stripe's semantics).

A client sends `Idempotency-Key: <uuid>` with the POST. The first request with a key runs and its response
(status + JSON body, errors included, 5xx excepted) is stored for `IDEMPOTENCY_KEY_TTL_HOURS`; a retry with the
same key and the same request (method, path, body) gets that response replayed with `Idempotent-Replayed:
true`; the same key on a different request is a 409. A second request while the first is still running waits
up to `IDEMPOTENCY_WAIT_SECONDS` for it to finish (then replays) or answers 409 "in progress" — it never runs
the operation twice. Keys are per user. Without the header, the view runs as before.

Concurrency: the key row is inserted first under a unique (user, key) constraint, so of two parallel requests
exactly one inserts and runs; the other sees the row (or waits on the index until the first commits).

Usage, on a DRF view's handler::

    class CollectionCaseRecordPaymentApi(APIView):
        @idempotent
        def post(self, request, case_id): ...
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import re
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")  # printable ASCII, no spaces (a UUID fits)
State = IdempotencyKey.State


def _setting(name: str, default):
    return getattr(settings, name, default)


def _body_hash(request) -> str:
    try:
        data = request.data
        if hasattr(data, "lists"):  # QueryDict (form posts): keep repeated fields
            data = {k: v for k, v in data.lists()}
        canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    except Exception:  # noqa: BLE001 - an unparseable body is hashed raw; the view reports the parse error
        canonical = repr(getattr(request, "_request", request).META.get("CONTENT_LENGTH"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _error(message: str, code: int = status.HTTP_409_CONFLICT) -> Response:
    return Response({"detail": message}, status=code)


def _replay(record: IdempotencyKey) -> Response:
    response = Response(record.response_body, status=record.response_status)
    response[REPLAYED_HEADER] = "true"
    return response


def _matches(record: IdempotencyKey, *, method: str, path: str, body_hash: str) -> bool:
    return (record.method, record.path, record.body_hash) == (method, path, body_hash)


def idempotency_claim(
    *, user, key: str, method: str, path: str, body_hash: str
) -> tuple[IdempotencyKey | None, Response | None]:
    """(record, None) when this request owns the key and must run; (None, response) to answer instead."""
    ttl = datetime.timedelta(hours=_setting("IDEMPOTENCY_KEY_TTL_HOURS", 24))
    stale = datetime.timedelta(seconds=_setting("IDEMPOTENCY_STALE_SECONDS", 300))
    deadline = time.monotonic() + _setting("IDEMPOTENCY_WAIT_SECONDS", 10)
    while True:
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=user, key=key, method=method, path=path, body_hash=body_hash
                )
            return record, None
        except IntegrityError:
            pass
        record = IdempotencyKey.objects.filter(user=user, key=key).first()
        if record is None:  # deleted between our insert and read (released after a 5xx): try again
            continue
        now = timezone.now()
        expired = record.created_at < now - ttl
        abandoned = record.state == State.IN_PROGRESS and record.updated_at < now - stale
        if expired or abandoned:
            IdempotencyKey.objects.filter(pk=record.pk, updated_at=record.updated_at).delete()
            continue
        if not _matches(record, method=method, path=path, body_hash=body_hash):
            return None, _error(
                "This Idempotency-Key was already used for a different request; use a new key for a new request."
            )
        if record.state == State.COMPLETED:
            return None, _replay(record)
        if time.monotonic() >= deadline:
            return None, _error("A request with this Idempotency-Key is still in progress; retry shortly.")
        time.sleep(0.1)


def _stored_body(response):
    if hasattr(response, "data"):
        return json.loads(JSONRenderer().render(response.data) or b"null")
    content = getattr(response, "content", b"")
    try:
        return json.loads(content or b"null")
    except ValueError:
        return {"detail": content.decode("utf-8", "replace")[:2000]}


def idempotent(handler):
    """Decorates an APIView handler (`post`) so an `Idempotency-Key` header makes it safe to retry."""

    @functools.wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None or not getattr(request.user, "is_authenticated", False):
            return handler(self, request, *args, **kwargs)
        key = key.strip()
        if not KEY_RE.match(key):
            return _error(
                "Idempotency-Key must be 1-255 printable characters without spaces (a UUID).",
                status.HTTP_400_BAD_REQUEST,
            )
        record, answer = idempotency_claim(
            user=request.user, key=key, method=request.method, path=request.path[:512], body_hash=_body_hash(request)
        )
        if answer is not None:
            return answer
        try:
            try:
                response = handler(self, request, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - turned into the 4xx it would have been, to store it
                response = self.handle_exception(exc)
        except BaseException:
            IdempotencyKey.objects.filter(pk=record.pk).delete()  # not applied: a retry may run it again
            raise
        if response.status_code >= 500:
            IdempotencyKey.objects.filter(pk=record.pk).delete()
            return response
        IdempotencyKey.objects.filter(pk=record.pk).update(
            state=State.COMPLETED,
            response_status=response.status_code,
            response_body=_stored_body(response),
            updated_at=timezone.now(),
        )
        return response

    wrapper.idempotent = True
    return wrapper


def idempotency_keys_purge(*, now: datetime.datetime | None = None) -> int:
    """Deletes the keys older than `IDEMPOTENCY_KEY_TTL_HOURS` (a retry after that runs the request anew, so
    the stored response is of no further use). One set-based DELETE; returns how many went."""
    now = now or timezone.now()
    ttl = datetime.timedelta(hours=_setting("IDEMPOTENCY_KEY_TTL_HOURS", 24))
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=now - ttl).delete()
    return deleted
