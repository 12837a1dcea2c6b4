"""DJANGO_ENV=production: `check --deploy` is clean, the default SECRET_KEY is refused, CSP is sent."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_ENV")}
    full_env.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production():
    out = _manage(
        "check", "--deploy", "--fail-level", "WARNING", DJANGO_ENV="production", SECRET_KEY=secrets.token_urlsafe(50)
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_production_refuses_the_default_secret_key():
    out = _manage("check", DJANGO_ENV="production")
    assert out.returncode != 0
    assert "SECRET_KEY" in out.stderr


def test_production_refuses_debug():
    out = _manage("check", DJANGO_ENV="production", SECRET_KEY=secrets.token_urlsafe(50), DEBUG="true")
    assert out.returncode != 0
    assert "DEBUG" in out.stderr


def test_index_carries_the_csp_nonce(client, settings, tmp_path):
    (tmp_path / "index.html").write_text("<html><body><app-root></app-root></body></html>")
    settings.FRONTEND_DIST = tmp_path
    resp = client.get("/dashboard")
    csp = resp["Content-Security-Policy"]
    nonce = csp.split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<app-root ngCspNonce="{nonce}">' in resp.content.decode()
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    assert resp["X-Frame-Options"] == "DENY"


def test_swagger_ui_has_no_inline_script(client, django_user_model):
    user = django_user_model.objects.create_user(username="csp", email="csp@example.com", password="x")
    client.force_login(user)
    resp = client.get("/api/docs/")
    assert resp.status_code == 200
    assert "<script>" not in resp.content.decode()
