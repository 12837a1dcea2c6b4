from config.env import BASE_DIR, env

# The development key; DJANGO_ENV=production refuses to start with it (config/settings/security.py).
DEV_SECRET_KEY = "dev-insecure-unitcycle-change-me"
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    # ours, in dependency order: core <- properties <- units <- tenants <- features
    "core",
    "core.files",  # uploaded files: its own app label ("files") and migrations
    "properties",
    "units",
    "tenants",
    "invoices",
    "predictive_maintenance",
    "turnover",
    "inspections",  # 3.1 move-out photo AI (reads and writes the turnover case through its services)
    "responsibility",
    "pricing",
    "demo",
    # phase 1 features
    "renewals",
    "collections_app",
    "portfolio",
    # phase 5 features
    "communications",
    # read models over the apps above (dashboard cards, property honeycomb)
    "dashboard",
    # portfolio import from CSV (writes properties, units, tenants, leases)
    "imports",
    # portfolio chat and daily digest (3.3): reads every feature through its selectors
    "chat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.bodies.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.scoping.ScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # last: turns a login the axes backend refused (account/IP locked) into the JSON 429 (core.auth)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The built Angular app (frontend/dist/.../browser) is served at / by core.spa.
FRONTEND_DIST = env.path("FRONTEND_DIST", default=str(BASE_DIR / "frontend" / "dist" / "unitcycle" / "browser"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DEMO_EMAIL = env("DEMO_EMAIL", default="demo@unitcycle.local")
DEMO_PASSWORD = env("DEMO_PASSWORD", default="unitcycle")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # weasyprint logs every step of every PDF at INFO
    "loggers": {"django.db.backends": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# Notifications (core.notifications): critical ones are emailed and texted to the on-call manager; links in
# those messages start with APP_BASE_URL. Empty address = that channel is not used.
APP_BASE_URL = env("APP_BASE_URL", default="http://127.0.0.1:8000")
ONCALL_MANAGER_EMAIL = env("ONCALL_MANAGER_EMAIL", default="oncall@unitcycle.local")
ONCALL_MANAGER_PHONE = env("ONCALL_MANAGER_PHONE", default="+12065550100")
# Tenants owing at least this many months' rent are critical (collections scan: one notification per property a day).
NOTIFY_CRITICAL_BALANCE_MONTHS = env.int("NOTIFY_CRITICAL_BALANCE_MONTHS", default=3)
