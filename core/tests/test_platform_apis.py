import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_health_is_public(anon_client):
    resp = anon_client.get("/api/v1/health/")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok", "database": "ok"}


def test_token_login_and_use(anon_client, user):
    resp = anon_client.post(
        "/api/v1/auth/token/", {"email": "MANAGER@example.com", "password": "s3cret-pass"}, format="json"
    )
    assert resp.status_code == 200
    token = resp.json()["token"]
    assert len(token) == 64  # knox: 64 hex characters, only their hash is stored
    anon_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = anon_client.get("/api/v1/auth/me/")
    assert me.status_code == 200 and me.json()["email"] == "manager@example.com"


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "manager@example.com", "password": "wrong"},
        {"email": "nobody@example.com", "password": "s3cret-pass"},
    ],
)
def test_wrong_credentials_401_with_message(anon_client, user, payload):
    resp = anon_client.post("/api/v1/auth/token/", payload, format="json")
    assert resp.status_code == 401
    assert resp.json() == {"detail": "Unable to log in with the provided email and password."}


def test_missing_fields_400_with_field_messages(anon_client):
    resp = anon_client.post("/api/v1/auth/token/", {"email": "x@example.com"}, format="json")
    assert resp.status_code == 400
    body = resp.json()
    assert body["detail"].startswith("password:")
    assert "password" in body["errors"]


def test_session_login_for_the_spa(anon_client, user):
    resp = anon_client.post(
        "/api/v1/auth/token/", {"email": user.email, "password": "s3cret-pass", "session": True}, format="json"
    )
    assert resp.status_code == 200
    anon_client.credentials()  # no token: the session cookie alone authenticates
    assert anon_client.get("/api/v1/auth/me/").status_code == 200


def test_logout_revokes_token(api_client):
    assert api_client.post("/api/v1/auth/logout/").status_code == 204
    assert api_client.get("/api/v1/auth/me/").status_code == 401


@pytest.mark.parametrize(
    "path", ["/api/v1/properties/", "/api/v1/units/", "/api/v1/invoices/", "/api/v1/dashboard/stats/"]
)
def test_api_requires_authentication(anon_client, path):
    resp = anon_client.get(path)
    assert resp.status_code == 401
    assert "detail" in resp.json()


def test_bad_token_is_401(anon_client):
    anon_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    resp = anon_client.get("/api/v1/properties/")
    assert resp.status_code == 401
    assert resp.json() == {"detail": "Invalid token."}


def test_unknown_api_path_is_json_404(api_client):
    resp = api_client.get("/api/v1/no-such-thing/")
    assert resp.status_code == 404
    assert resp.json() == {"detail": "Not found."}


def test_schema_and_docs_are_public(anon_client):
    schema = anon_client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/properties/" in schema.content
    docs = anon_client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


@pytest.mark.parametrize("size", ["0", "501", "abc", "-3"])
def test_invalid_page_size_is_400(api_client, size):
    resp = api_client.get(f"/api/v1/properties/?page_size={size}")
    assert resp.status_code == 400
    assert "page_size" in resp.json()["errors"]


def test_page_size_500_is_allowed(api_client):
    resp = api_client.get("/api/v1/properties/?page_size=500")
    assert resp.status_code == 200
    assert set(resp.json()) == {"count", "next", "previous", "results"}


def test_run_task_unknown_name_fails_clearly():
    with pytest.raises(CommandError, match="Unknown task"):
        call_command("run_task", "nope.not_a_task")


def test_run_task_rejects_bad_kwargs():
    with pytest.raises(CommandError, match="JSON"):
        call_command("run_task", "tenants.classify_lease_statuses", "{not json")


def test_spa_fallback_serves_html(client):
    resp = client.get("/lifecycle/some-id")
    assert resp.status_code == 200
    assert b"<" in resp.content


def test_openapi_schema_generates_without_warnings(tmp_path):
    """Every endpoint must be describable: spectacular fails on any warning (enum collisions, untyped fields)."""
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yml"))
    assert (tmp_path / "schema.yml").stat().st_size > 10_000
