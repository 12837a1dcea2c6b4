from config.env import env

# SMS through Twilio, email through SendGrid; unset -> messages land in the outbox table.
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM_NUMBER = env("TWILIO_FROM_NUMBER", default="")
SENDGRID_API_KEY = env("SENDGRID_API_KEY", default="")
SENDGRID_WEBHOOK_PUBLIC_KEY = env("SENDGRID_WEBHOOK_PUBLIC_KEY", default="")
FROM_EMAIL = env("FROM_EMAIL", default="noreply@unitcycle.local")
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
