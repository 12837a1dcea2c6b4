"""Test settings: fakes for every integration, no network, fast hashing."""

from . import *  # noqa: F401,F403

AI_PROVIDER = "offline"
ANTHROPIC_API_KEY = ""
TWILIO_ACCOUNT_SID = ""
TWILIO_AUTH_TOKEN = ""
SENDGRID_API_KEY = ""
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests run on the wall clock, so a text sent at 3 a.m. UTC must not be held by quiet hours in an unrelated test;
# the quiet-hours tests switch it on (`settings.MESSAGING_QUIET_HOURS = True`) with a fixed `now`.
MESSAGING_QUIET_HOURS = False
JOBS_RUN_INLINE = True  # background jobs run inside the request, deterministically (core.jobs)

# No outbound network in tests: only this machine and the database/broker hosts the environment names.
import os  # noqa: E402

from config.network_guard import block_outbound, hosts_of  # noqa: E402

block_outbound(allow_hosts=hosts_of(*(os.environ.get(k) for k in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"))))
