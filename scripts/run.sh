#!/usr/bin/env bash
# `make run`: migrate, seed the demo portfolio if the database is empty, classify leases, then serve the
# web app and the API through gunicorn (config/gunicorn.conf.py). `make dev` (DEV=1) uses Django's
# auto-reloading development server instead.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export PORT="${PORT:-8000}"

$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput -v0
$PY manage.py seed_demo --if-empty
$PY manage.py run_task tenants.classify_lease_statuses || echo "(lease classification skipped: $?)"
$PY manage.py pricing_backfill --if-empty || echo "(pricing history skipped: $?)"
$PY manage.py ensure_demo_user
# the renewal scan and the command center's AI actions (nightly agents; idempotent, so a restart adds nothing): the
# Renewals screen and the Command Center have their recommendations on first run, before the first night
$PY manage.py run_task renewals.nightly_renewal_scan || echo "(renewal scan skipped: $?)"
$PY manage.py run_task portfolio.generate_ai_action_queue || echo "(command-center actions skipped: $?)"
# today's daily digest (the 06:00 UTC agent; once per date, so a restart does not make another): the dashboard card
# and /chat/digest have a briefing on first run, whatever the hour
$PY manage.py run_task chat.generate_daily_digest || echo "(daily digest skipped: $?)"

pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
if [ -n "${REDIS_URL:-}" ]; then
  echo "REDIS_URL set: starting a Celery worker with beat."
  .venv/bin/celery -A config worker --beat --loglevel=info --concurrency=2 &
  pids+=($!)
else
  echo "No REDIS_URL: background tasks run in-process."
fi

cat <<TXT

  UnitCycle is running on http://127.0.0.1:${PORT}  ($([ -n "${DEV:-}" ] && echo "development server, auto-reload" || echo "gunicorn"))
  Log in as ${DEMO_EMAIL:-demo@unitcycle.local} / ${DEMO_PASSWORD:-unitcycle}  (per-role logins: README, "Roles and access")
  API docs: http://127.0.0.1:${PORT}/api/docs/

TXT
if [ -n "${DEV:-}" ]; then
  $PY manage.py runserver "127.0.0.1:${PORT}"
else
  .venv/bin/gunicorn config.wsgi:application -c config/gunicorn.conf.py
fi
