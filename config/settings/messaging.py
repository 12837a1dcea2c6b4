from config.env import env

# SMS through Twilio, email through SendGrid; unset -> messages land in the outbox table.
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM_NUMBER = env("TWILIO_FROM_NUMBER", default="")
# Optional: send through a Messaging Service instead of a single From number.
TWILIO_MESSAGING_SERVICE_SID = env("TWILIO_MESSAGING_SERVICE_SID", default="")
# Optional: another base URL for Twilio's REST API (a proxy, or a local stub in tests).
TWILIO_API_BASE_URL = env("TWILIO_API_BASE_URL", default="")
SENDGRID_API_KEY = env("SENDGRID_API_KEY", default="")
SENDGRID_API_HOST = env("SENDGRID_API_HOST", default="https://api.sendgrid.com")
SENDGRID_WEBHOOK_PUBLIC_KEY = env("SENDGRID_WEBHOOK_PUBLIC_KEY", default="")
# Inbound Parse is not signed by SendGrid: its URL carries ?token=<this> (or basic-auth password).
SENDGRID_INBOUND_SECRET = env("SENDGRID_INBOUND_SECRET", default="")
FROM_EMAIL = env("FROM_EMAIL", default="noreply@unitcycle.local")
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
# "auto" picks Twilio / SendGrid when configured, else the outbox. Also: "twilio", "outbox",
# (email) "sendgrid", "django" (Django's EMAIL_BACKEND), or a dotted path to a backend class.
MESSAGING_SMS_BACKEND = env("MESSAGING_SMS_BACKEND", default="auto")
MESSAGING_EMAIL_BACKEND = env("MESSAGING_EMAIL_BACKEND", default="auto")
MESSAGING_TIMEOUT_SECONDS = env.float("MESSAGING_TIMEOUT_SECONDS", default=15.0)
# SendGrid Event Webhook: a signature whose timestamp is further than this from now is refused (replays);
# SendGrid signs each delivery attempt afresh, so a genuine retry is never stale. None disables the check.
SENDGRID_WEBHOOK_TOLERANCE_SECONDS = env.int("SENDGRID_WEBHOOK_TOLERANCE_SECONDS", default=600)
# Quiet hours: a non-urgent automated text sent with a contact window (the recipient property's
# `sms_contact_hours` rules) outside it is scheduled for the window's next opening, not sent.
MESSAGING_QUIET_HOURS = env.bool("MESSAGING_QUIET_HOURS", default=True)
