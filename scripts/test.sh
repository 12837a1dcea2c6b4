#!/usr/bin/env bash
# `make test`: every suite the project has. Honours DATABASE_URL (PostgreSQL in CI, SQLite otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
echo "== lint (ruff check, ruff format --check)"
.venv/bin/ruff check . || status=$?
.venv/bin/ruff format --check . || status=$?
echo "== import contracts (lint-imports; pyproject.toml [tool.importlinter], docs/architecture.md)"
PYTHONPATH=. .venv/bin/lint-imports --no-cache || status=$?
echo "== backend (pytest) on ${DATABASE_URL:-sqlite}"
.venv/bin/python -m pytest || status=$?
if [ -f frontend/package.json ] && [ -x scripts/test_frontend.sh ]; then
  bash scripts/test_frontend.sh || status=$?
fi
exit $status
