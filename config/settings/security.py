"""Security headers, CSP and the production switch (DJANGO_ENV=production).

Development (the default) keeps plain-HTTP cookies so `make run` / `make dev` work on http://127.0.0.1.
DJANGO_ENV=production turns on HSTS, the HTTPS redirect and secure cookies, and refuses to start with the
development SECRET_KEY; `DJANGO_ENV=production manage.py check --deploy` reports no warnings.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from config.env import env

from .base import DEV_SECRET_KEY, SECRET_KEY

DJANGO_ENV = env("DJANGO_ENV", default="development")
if DJANGO_ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

# Always on (harmless over HTTP).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp), in every environment so the browser tests run the app under it.
# Scripts only from our origin (Angular's bundles; no inline script: index.html has none and
# inlineCritical is off). <style> elements need the per-request nonce: core.spa writes it into
# <app-root ngCspNonce="…">, and Angular puts it on the component styles it inserts. Inline style
# *attributes* ([style.x] bindings, static style="…") are allowed by style-src-attr; they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        # PDFs open in the browser's own viewer from a blob: URL our script made of an authenticated download
        # (frontend file viewer); a blob: URL can only be created by a script already allowed to run here.
        "frame-src": [SELF, "blob:"],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

if PRODUCTION:
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs SECRET_KEY set to a random value of 50+ characters, e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    if env.bool("DEBUG", default=False):
        raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production.")
    DEBUG = False
    # TLS terminates at the proxy in front of gunicorn, which sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
