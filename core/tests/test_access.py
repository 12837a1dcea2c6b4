"""Sign-in hardening (issue 12, section 2): lockout per account and per IP (django-axes), expiring per-device
tokens (django-rest-knox), the devices list, login CSRF for the session flow, Argon2 password hashes.

Axes stores its failure counters in the database (AxesDatabaseHandler), so each test's transaction rollback
resets them: no test sees another's failures."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from config.settings import access
from core.auth import LOCKOUT_MESSAGE, token_public_id

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/token/"
PASSWORD = "s3cret-pass"


def _login(client, email, password, ip="127.0.0.1", **extra):
    return client.post(LOGIN, {"email": email, "password": password}, format="json", REMOTE_ADDR=ip, **extra)


def _client_with(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _sign_in(user, agent="pytest"):
    resp = _login(APIClient(), user.email, PASSWORD, HTTP_USER_AGENT=agent)
    assert resp.status_code == 200, resp.content
    return resp.json()["token"]


# --- lockout -------------------------------------------------------------------------------------------------


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_is_refused(anon_client, user):
    codes = [_login(anon_client, user.email, f"wrong-{i}").status_code for i in range(30)]
    assert codes[:9] == [401] * 9  # AXES_FAILURE_LIMIT = 10: the tenth failure locks
    assert set(codes[9:]) == {429}
    locked = _login(anon_client, user.email, PASSWORD)
    assert locked.status_code == 429
    assert locked.json() == {"detail": LOCKOUT_MESSAGE}
    assert locked["Content-Type"] == "application/json"
    assert not AuthToken.objects.filter(user=user).exists()


def test_account_lock_holds_from_any_ip_and_whatever_the_email_case(anon_client, user):
    for i in range(10):
        _login(anon_client, user.email.upper() if i % 2 else user.email, "wrong", ip=f"10.0.0.{i + 1}")
    assert _login(anon_client, user.email, PASSWORD, ip="10.0.9.9").status_code == 429


def test_ip_lock_holds_across_accounts(anon_client, user):
    for i in range(10):
        assert _login(anon_client, f"guess{i}@example.com", "wrong", ip="10.1.1.1").status_code in (401, 429)
    # the real manager, right password, from the locked IP: refused; from another IP: fine
    resp = _login(anon_client, user.email, PASSWORD, ip="10.1.1.1")
    assert resp.status_code == 429 and resp.json() == {"detail": LOCKOUT_MESSAGE}
    assert _login(anon_client, user.email, PASSWORD, ip="10.2.2.2").status_code == 200


def test_lock_ends_after_the_cool_off(anon_client, user):
    for _ in range(10):
        _login(anon_client, user.email, "wrong")
    assert _login(anon_client, user.email, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(anon_client, user.email, PASSWORD).status_code == 200


def test_admin_login_lockout_is_the_same_json_429(client, user):
    for _ in range(10):
        client.post("/admin/login/", {"username": user.username, "password": "wrong"})
    resp = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert resp.status_code == 429
    assert resp.json() == {"detail": LOCKOUT_MESSAGE}


# --- tokens: per device, expiring --------------------------------------------------------------------------


def test_login_returns_a_token_and_its_expiry(anon_client, user):
    resp = _login(anon_client, user.email, PASSWORD)
    body = resp.json()
    assert set(body) == {"token", "expiry"}
    token = AuthToken.objects.get(user=user)
    assert abs((token.expiry - timezone.now()) - timedelta(hours=10)) < timedelta(minutes=1)
    assert token.digest != body["token"]  # only a hash is stored


def test_a_token_expires(anon_client, user, settings):
    settings.AUTH_TOKEN_TTL_HOURS = 1
    token = _sign_in(user)
    client = _client_with(token)
    assert client.get("/api/v1/auth/me/").status_code == 200
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))  # an hour later
    resp = client.get("/api/v1/auth/me/")
    assert resp.status_code == 401
    assert resp.json() == {"detail": "Invalid token."}
    assert not AuthToken.objects.filter(user=user).exists()  # expired tokens are deleted


def test_logging_out_one_device_leaves_the_other_signed_in(user):
    laptop, phone = _client_with(_sign_in(user, "laptop")), _client_with(_sign_in(user, "phone"))
    assert laptop.post("/api/v1/auth/logout/").status_code == 204
    assert laptop.get("/api/v1/auth/me/").status_code == 401
    assert phone.get("/api/v1/auth/me/").status_code == 200


def test_logout_all_signs_every_device_out(user):
    laptop, phone = _client_with(_sign_in(user, "laptop")), _client_with(_sign_in(user, "phone"))
    assert laptop.post("/api/v1/auth/logout-all/").status_code == 204
    assert laptop.get("/api/v1/auth/me/").status_code == 401
    assert phone.get("/api/v1/auth/me/").status_code == 401


def test_sessions_list_and_revoke_one(user):
    laptop_token = _sign_in(user, "Firefox on laptop")
    phone_token = _sign_in(user, "Safari on phone")
    laptop, phone = _client_with(laptop_token), _client_with(phone_token)

    rows = laptop.get("/api/v1/auth/sessions/").json()
    assert [r["user_agent"] for r in rows] == ["Safari on phone", "Firefox on laptop"]
    assert [r["current"] for r in rows] == [False, True]
    assert set(rows[0]) == {"id", "created", "expiry", "last_used", "user_agent", "current"}
    for r in rows:  # the id never shows a piece of the secret token
        assert r["id"] not in laptop_token and r["id"] not in phone_token
    assert rows[1]["last_used"] is not None  # the laptop just used its token

    phone_id = rows[0]["id"]
    assert laptop.delete(f"/api/v1/auth/sessions/{phone_id}/").status_code == 204
    assert phone.get("/api/v1/auth/me/").status_code == 401
    assert [r["user_agent"] for r in laptop.get("/api/v1/auth/sessions/").json()] == ["Firefox on laptop"]
    resp = laptop.delete(f"/api/v1/auth/sessions/{phone_id}/")
    assert resp.status_code == 404 and resp.json() == {"detail": "No such signed-in device."}


def test_sessions_of_another_user_cannot_be_revoked(user):
    other = get_user_model().objects.create_user("other@example.com", "other@example.com", PASSWORD)
    other_token = _sign_in(other)
    other_id = token_public_id(AuthToken.objects.get(user=other).token_key)
    mine = _client_with(_sign_in(user))
    assert other_id not in [r["id"] for r in mine.get("/api/v1/auth/sessions/").json()]
    assert mine.delete(f"/api/v1/auth/sessions/{other_id}/").status_code == 404
    assert _client_with(other_token).get("/api/v1/auth/me/").status_code == 200


def test_session_endpoints_need_a_sign_in(anon_client):
    assert anon_client.get("/api/v1/auth/sessions/").status_code == 401
    assert anon_client.delete("/api/v1/auth/sessions/abc/").status_code == 401
    assert anon_client.post("/api/v1/auth/logout-all/").status_code == 401


# --- login CSRF (session flow) -----------------------------------------------------------------------------


def test_csrf_endpoint_sets_the_cookie():
    client = APIClient(enforce_csrf_checks=True)
    resp = client.get("/api/v1/auth/csrf/")
    assert resp.status_code == 200
    assert "csrftoken" in resp.cookies
    assert resp.json()["csrf_token"]


def test_session_login_requires_the_csrf_token(user):
    client = APIClient(enforce_csrf_checks=True)
    body = {"email": user.email, "password": PASSWORD, "session": True}
    refused = client.post(LOGIN, body, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("CSRF Failed")

    csrf = client.get("/api/v1/auth/csrf/").json()["csrf_token"]
    ok = client.post(LOGIN, body, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert ok.status_code == 200
    assert client.get("/api/v1/auth/me/").status_code == 200  # the session cookie alone


def test_token_login_needs_no_csrf_token(user):
    """The SPA's token sign-in sets no cookie, so a forged cross-site POST gains the attacker nothing."""
    client = APIClient(enforce_csrf_checks=True)
    resp = client.post(LOGIN, {"email": user.email, "password": PASSWORD}, format="json")
    assert resp.status_code == 200
    assert "sessionid" not in resp.cookies


# --- password hashing ---------------------------------------------------------------------------------------


def test_new_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = access.PASSWORD_HASHERS  # the test settings use a fast hasher
    u = get_user_model().objects.create_user("new@example.com", "new@example.com", "a-new-password")
    assert u.password.startswith("argon2$argon2id$")
    assert u.check_password("a-new-password")


def test_an_old_pbkdf2_hash_is_upgraded_to_argon2_at_sign_in(settings, anon_client):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = access.PASSWORD_HASHERS
    u = get_user_model().objects.create(username="old@example.com", email="old@example.com")
    u.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    u.save()
    assert _login(anon_client, u.email, PASSWORD).status_code == 200
    u.refresh_from_db()
    assert u.password.startswith("argon2$")


# --- client IP behind a proxy ---------------------------------------------------------------------------------


def test_client_ip_trusts_only_the_proxies_it_is_told_about(rf, settings):
    from core.auth import client_ip

    req = rf.get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(req) == "10.9.9.9"  # no proxy configured: the header is the client's to forge
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(req) == "203.0.113.7"  # what our proxy saw, not the forged left-hand value
    assert client_ip(rf.get("/", REMOTE_ADDR="10.9.9.9")) == "10.9.9.9"


# --- hostile input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["a\x00b@example.com", "x" * 254, " ", "\u202e@example.com"],
)
def test_hostile_emails_get_a_4xx_not_a_500(anon_client, user, email):
    resp = anon_client.post(LOGIN, {"email": email, "password": "p\x00"}, format="json")
    assert resp.status_code in (400, 401), resp.content
    assert "detail" in resp.json()
