"""Shared helpers for benchmark scripts: a throwaway database, timing, query counting, results.

A benchmark is a standalone script (`.venv/bin/python benchmarks/bench_x.py`). It enters `bench_db()`
(or `seeded()`) *before* anything imports Django models: the helper points DATABASE_URL at a fresh
database, runs django.setup() and the migrations, and drops the database afterwards.

    import sys, pathlib; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from benchmarks._util import count_queries, seeded, timed, write_result

    with seeded(100_000, with_history=False, name="unitcycle_bench_lifecycle") as run:
        from tenants.services import lease_statuses_classify
        with timed() as t, count_queries() as q:
            lease_statuses_classify()
        write_result("lifecycle", {"leases": 100_000, "seconds": t.seconds, "queries": q.count})

Database choice: a temporary SQLite file unless DATABASE_URL (or `database_url=`) is PostgreSQL, in
which case database `name` is created on that server (dropped first if left over) and dropped at
the end; the URL's own database is never touched. Names must contain "bench" so a typo cannot drop
a real database. Give each benchmark its own name so concurrent runs do not collide.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
DEFAULT_SETTINGS = "config.settings"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------------------------------------------
# database


@dataclass
class BenchDB:
    vendor: str  # "sqlite" | "postgresql"
    name: str  # database name, or the SQLite file path
    url: str  # DATABASE_URL in use (password removed)
    migrate_seconds: float = 0.0


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def _is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgres", "postgresql", "pgsql", "postgis")


def _pg_admin(url: str):
    import psycopg

    p = urlsplit(url)
    return psycopg.connect(
        host=p.hostname or "localhost",
        port=p.port or 5432,
        user=p.username or None,
        password=p.password or None,
        dbname="postgres",
        autocommit=True,
    )


def pg_create_database(url: str, name: str) -> str:
    """(Re)creates database `name` on the server of `url`; returns a URL pointing at it."""
    from psycopg import sql

    with _pg_admin(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def pg_drop_database(url: str, name: str) -> None:
    from psycopg import sql

    with _pg_admin(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _django_configured() -> bool:
    from django.conf import settings

    return settings.configured


@contextlib.contextmanager
def bench_db(
    name: str = "unitcycle_bench",
    *,
    database_url: str | None = None,
    migrate: bool = True,
    keep: bool = False,
    settings_module: str = DEFAULT_SETTINGS,
):
    """Sets Django up against a fresh throwaway database (migrated) and yields a BenchDB.

    Must be entered before Django is set up (once per process). `keep=True` leaves the database
    (or SQLite file) behind for inspection.
    """
    if "bench" not in name:
        raise ValueError(f"benchmark database names must contain 'bench' (got {name!r})")
    if _django_configured():
        raise RuntimeError("bench_db() must be entered before Django is set up (once per process)")
    original_url = database_url if database_url is not None else os.environ.get("DATABASE_URL", "")
    tmpdir = None
    if original_url and _is_postgres(original_url):
        if urlsplit(original_url).path.lstrip("/") == name:
            raise ValueError(f"refusing to use the DATABASE_URL's own database {name!r} as a scratch database")
        url = pg_create_database(original_url, name)
        db = BenchDB(vendor="postgresql", name=name, url=_redact(url))
    else:
        tmpdir = tempfile.mkdtemp(prefix=f"{name}-")
        path = Path(tmpdir) / f"{name}.sqlite3"
        url = f"sqlite:///{path}"
        db = BenchDB(vendor="sqlite", name=str(path), url=url)

    saved_env = {k: os.environ.get(k) for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    saved_sigterm = _exit_on_sigterm()  # `kill <pid>` still drops the scratch database
    try:
        import django

        django.setup()
        if migrate:
            from django.core.management import call_command

            started = time.perf_counter()
            call_command("migrate", verbosity=0, interactive=False)
            db.migrate_seconds = round(time.perf_counter() - started, 2)
        yield db
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if not keep:
            if db.vendor == "postgresql":
                pg_drop_database(original_url, name)
            elif tmpdir:
                shutil.rmtree(tmpdir, ignore_errors=True)
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        if saved_sigterm is not None:
            signal.signal(signal.SIGTERM, saved_sigterm)


def _exit_on_sigterm():
    """Turns SIGTERM into SystemExit (so `finally` blocks run); returns the previous handler."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, handler)


@dataclass
class SeedRun:
    db: BenchDB
    summary: dict
    seconds: float
    queries: int
    cpu_seconds: float = 0.0  # this process only (the database server's work is not included for PostgreSQL)
    rows: dict[str, int] = field(default_factory=dict)


@contextlib.contextmanager
def seeded(
    leases: int = 100_000,
    *,
    seed: int = 42,
    with_history: bool = True,
    today: datetime.date | None = None,
    name: str = "unitcycle_bench",
    database_url: str | None = None,
    keep: bool = False,
    stdout=None,
):
    """bench_db() plus demo.seed.seed_portfolio(): yields a SeedRun (summary, seconds, queries, rows)."""
    with bench_db(name, database_url=database_url, keep=keep) as db:
        from demo.seed import seed_portfolio

        with timed() as t, count_queries() as q:
            summary = seed_portfolio(seed=seed, leases=leases, today=today, with_history=with_history, stdout=stdout)
        yield SeedRun(
            db=db,
            summary=summary,
            seconds=round(t.seconds, 2),
            queries=q.count,
            rows=dict(summary["rows"]),
            cpu_seconds=round(t.cpu_seconds, 2),
        )


def table_counts(models=None) -> dict[str, int]:
    """{db_table: row count} for the given models (default: every model of the project's apps)."""
    from django.apps import apps
    from django.db import connection

    if models is None:
        ours = [
            a for a in apps.get_app_configs() if Path(a.path).is_relative_to(ROOT) and ".venv" not in Path(a.path).parts
        ]
        models = [m for a in ours for m in a.get_models()]
    out = {}
    with connection.cursor() as cursor:
        for m in models:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(m._meta.db_table)}")
            out[m._meta.db_table] = cursor.fetchone()[0]
    return out


# ---------------------------------------------------------------------------------------------------
# measuring


@dataclass
class Timer:
    label: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0


@contextlib.contextmanager
def timed(label: str | None = None, *, stdout=None):
    """Wall-clock and process CPU time of the block: `with timed("seed") as t: ...; t.seconds`."""
    t = Timer(label)
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield t
    finally:
        t.seconds = time.perf_counter() - wall
        t.cpu_seconds = time.process_time() - cpu
        if stdout is not None and label:
            stdout.write(f"{label}: {t.seconds:.2f}s\n")


@dataclass
class QueryCount:
    count: int = 0
    seconds: float = 0.0  # time spent inside the database driver

    def __int__(self):
        return self.count


@contextlib.contextmanager
def count_queries(using: str = "default"):
    """Counts statements sent to the database (executemany counts once) without recording SQL —
    cheap enough for 100k-row runs. Use `capture_queries()` when you need the SQL itself."""
    from django.db import connections

    qc = QueryCount()

    def wrapper(execute, sql, params, many, context):
        qc.count += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            qc.seconds += time.perf_counter() - started

    with connections[using].execute_wrapper(wrapper):
        yield qc


@contextlib.contextmanager
def capture_queries(using: str = "default"):
    """Django's CaptureQueriesContext: `len(ctx)` and `ctx.captured_queries` (SQL + time). Keeps SQL
    in memory and formats every statement — for small blocks, not for seeding 100k leases."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connections[using]) as ctx:
        yield ctx


# ---------------------------------------------------------------------------------------------------
# results


def machine_info() -> dict:
    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "git_commit": _git_commit(),
    }
    with contextlib.suppress(Exception):
        import django
        from django.db import connection

        info["django"] = django.get_version()
        info["db_vendor"] = connection.vendor
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SHOW server_version")
            else:
                cursor.execute("SELECT sqlite_version()")
            info["db_version"] = cursor.fetchone()[0]
    return info


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=5
        )
        return out.stdout.strip() or None
    except Exception:
        return None


def write_result(name: str, payload: dict) -> Path:
    """Writes benchmarks/results/<name>-<vendor>-<UTC timestamp>.json (and <name>-<vendor>-latest.json)."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    meta = machine_info()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    body = {"benchmark": name, "timestamp": stamp, "machine": meta, **payload}
    vendor = meta.get("db_vendor", "db")
    path = RESULTS_DIR / f"{name}-{vendor}-{stamp}.json"
    text = json.dumps(body, indent=2, sort_keys=False, default=str) + "\n"
    path.write_text(text)
    (RESULTS_DIR / f"{name}-{vendor}-latest.json").write_text(text)
    return path
