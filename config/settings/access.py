"""Access: API tokens (django-rest-knox), failed-login lockout (django-axes), password hashing (Argon2).

See docs/decisions.md, "Access: login, sessions, fenced tenant text".
"""

from datetime import timedelta

from config.env import env

# --- API tokens: one knox token per signed-in device, expiring -----------------------------------------
AUTH_TOKEN_TTL_HOURS = env.int("AUTH_TOKEN_TTL_HOURS", default=10)
KNOX_TOKEN_MODEL = "knox.AuthToken"  # knox's own model (swappable; migrations read this setting)
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=AUTH_TOKEN_TTL_HOURS),
    "AUTH_HEADER_PREFIX": "Token",  # what the SPA and the API docs have always sent: `Authorization: Token <t>`
    "AUTO_REFRESH": False,  # a token lives AUTH_TOKEN_TTL_HOURS from sign-in, then the user signs in again
    "TOKEN_LIMIT_PER_USER": None,
}

# --- Failed sign-ins: lock per account and per client IP (django-axes) ---------------------------------
# The axes backend goes first: it refuses a locked-out account/IP before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Either parameter alone locks: 10 failures on one account (from anywhere), or 10 from one IP (any accounts).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client IP: REMOTE_ADDR, or behind N trusted proxies (production: the TLS proxy in front of gunicorn) the
# address the nearest trusted proxy appended to X-Forwarded-For; never a left-hand value the client could forge.
TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=1 if env("DJANGO_ENV", default="development") == "production" else 0
)
AXES_CLIENT_IP_CALLABLE = "core.auth.client_ip"
# A success does not wipe the failures: it would let someone holding one valid account reset their IP's count.
AXES_RESET_ON_SUCCESS = False
# The lockout answer is the API's JSON error shape, 429, for the API and the admin alike.
AXES_LOCKOUT_CALLABLE = "core.auth.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# No log of successful sign-ins: it would force a session (and its cookie) onto every token sign-in.
AXES_DISABLE_ACCESS_LOG = True

# --- Password hashing: Argon2id first; the others only verify (and upgrade) older hashes ----------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# --- Portfolio scoping (core.scoping): which properties a person sees --------------------------------------
PORTFOLIO_SCOPE_RESOLVER = "properties.selectors.user_property_ids"
PORTFOLIO_SCOPE_DESCRIBER = "properties.selectors.properties_named"  # ids -> [{id, name}] by name
