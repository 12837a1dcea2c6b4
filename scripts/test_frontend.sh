#!/usr/bin/env bash
# Frontend suites: Angular unit tests (Vitest, jsdom), production build, then browser tests
# (playwright-core + Debian Chromium) against a real Django server on a fresh seeded SQLite DB.
#
#   bash scripts/test_frontend.sh            # everything
#   SKIP_E2E=1 bash scripts/test_frontend.sh # unit tests + build only
#   E2E_BASE_URL=http://127.0.0.1:8000 ...   # browser tests against a server you run (freshly seeded!)
#   E2E_ONLY=portfolio,app ...               # only those e2e files (development)
#
# The browser tests run in file-name order: app.e2e.mjs (asserts the seeded lifecycle counts), then
# collections.e2e.mjs and renewals.e2e.mjs, which press "Scan Now" / "Run Scan" in the UI themselves (the
# first collections scan sends each overdue tenant at most one message, ~190) and then change data.
# Screenshots land in test-artifacts/screenshots/. Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
export CHROMIUM_PATH

status=0
server_pid=""
db_file=""
log_file=""

now() { date +%s; }
elapsed() { echo "$(( $(now) - $1 ))s"; }

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  [ -n "$db_file" ] && rm -f "$db_file" "$db_file-wal" "$db_file-shm"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: the frontend tests need Node 20.19+ (or 22.12+)." >&2
  exit 1
fi

echo "== frontend: install"
t=$(now)
cd frontend
# node_modules/.installed holds the hash of the package-lock.json it was installed from: npm ci (which
# deletes node_modules first) runs only when the lock file's content changed, not when a fresh checkout
# or a git worktree sharing node_modules merely gave it a newer mtime.
stamp=node_modules/.installed
lock_hash=$(sha256sum package-lock.json | cut -d" " -f1)
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  { npm ci --no-audit --no-fund --loglevel=error && echo "$lock_hash" >"$stamp"; } || { echo "npm ci failed" >&2; exit 1; }
fi
echo "   install: $(elapsed "$t")"

echo "== frontend: unit tests (ng test, Vitest + jsdom)"
t=$(now)
# tools/ng-ci.mjs runs `ng test --watch=false` and stops it if it hangs after its results
# (angular/angular-cli#32832), exiting with the results' verdict.
if ! node tools/ng-ci.mjs test; then
  echo "!! unit tests failed" >&2
  status=1
fi
echo "   unit tests: $(elapsed "$t")"

echo "== frontend: lint (ESLint with the Angular rules) and format (prettier --check)"
t=$(now)
if ! npx eslint src; then
  echo "!! eslint found errors" >&2
  status=1
fi
# Formatting is part of the check: `cd frontend && npx prettier --write src e2e tools eslint.config.js` fixes it.
if ! npx prettier --check src e2e tools eslint.config.js --log-level warn; then
  echo "!! prettier --check: the files above need formatting (npx prettier --write <files>)" >&2
  status=1
fi
echo "   lint: $(elapsed "$t")"
cd "$ROOT"

echo "== frontend: build"
t=$(now)
if ! bash scripts/build_frontend.sh; then
  echo "!! build failed" >&2
  exit 1
fi
echo "   build: $(elapsed "$t")"

if [ "${SKIP_E2E:-}" = "1" ]; then
  echo "== frontend: browser tests skipped (SKIP_E2E=1)"
  exit $status
fi

if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "!! Chromium not found at $CHROMIUM_PATH — the browser tests need Debian's Chromium:" >&2
  echo "!!     sudo apt-get install -y chromium" >&2
  exit 1
fi

base_url=${E2E_BASE_URL:-}
if [ -z "$base_url" ]; then
  echo "== frontend: starting a seeded Django server"
  t=$(now)
  port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  db_file=$(mktemp /tmp/uc_e2e_XXXXXX.sqlite3)
  log_file=${E2E_SERVER_LOG:-$ROOT/test-artifacts/e2e-server.log}
  mkdir -p "$(dirname "$log_file")"
  export DATABASE_URL="sqlite:///$db_file"
  if ! { "$PY" manage.py collectstatic --noinput -v0 &&
         "$PY" manage.py migrate --noinput -v0 &&
         "$PY" manage.py seed_demo &&
         "$PY" manage.py run_task tenants.classify_lease_statuses &&
         "$PY" manage.py ensure_demo_user; } >"$log_file" 2>&1; then
    echo "!! seeding the e2e database failed; see $log_file" >&2
    tail -20 "$log_file" >&2
    exit 1
  fi
  "$PY" manage.py runserver "127.0.0.1:$port" --noreload >>"$log_file" 2>&1 &
  server_pid=$!
  base_url="http://127.0.0.1:$port"
  for _ in $(seq 1 60); do
    curl -fsS "$base_url/api/v1/health/" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  if ! curl -fsS "$base_url/api/v1/health/" >/dev/null 2>&1; then
    echo "!! the server did not start; see $log_file" >&2
    tail -20 "$log_file" >&2
    exit 1
  fi
  echo "   server on $base_url (db $db_file): $(elapsed "$t")"
fi

echo "== frontend: browser tests (playwright-core + $CHROMIUM_PATH)"
t=$(now)
if ! BASE_URL="$base_url" SCREENSHOT_DIR="$ROOT/test-artifacts/screenshots" node frontend/e2e/run.mjs; then
  echo "!! browser tests failed" >&2
  status=1
fi
echo "   browser tests: $(elapsed "$t")"

exit $status
