# UnitCycle — the two commands: `make run` (gunicorn) and `make test`; `make dev` auto-reloads.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run dev test test-backend test-frontend test-browser install build frontend migrate seed bench lint clean

$(VENV)/.installed: requirements.txt constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt -c constraints.txt
	@command -v tesseract >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && apt-get install -y -qq tesseract-ocr >/dev/null; } \
	  || echo "tesseract-ocr is not installed (sudo apt-get install tesseract-ocr): scanned invoices can't be OCR'd"
	@touch $@

install: $(VENV)/.installed

# The Angular app, built into frontend/dist and served by Django at /.
build: frontend
frontend:
	@bash scripts/build_frontend.sh

migrate: install
	$(PY) manage.py migrate --noinput

run: install frontend
	@bash scripts/run.sh

# Django's auto-reloading development server (same setup steps as `make run`).
dev: install frontend
	@DEV=1 bash scripts/run.sh

test: install
	@bash scripts/test.sh

test-backend: install
	$(PY) -m pytest

seed: migrate
	$(PY) manage.py seed_demo

bench: install
	$(PY) benchmarks/run_all.py

# What `make test` checks before the suites: lint, formatting, and the import contracts (docs/architecture.md).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf $(VENV) frontend/dist frontend/node_modules db.sqlite3 db.sqlite3-wal db.sqlite3-shm
