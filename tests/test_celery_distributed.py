"""The distributed path: real Celery workers and beat on Redis, the test database on PostgreSQL.

Marked `celery_e2e`; runs when the database is PostgreSQL and Redis answers at CELERY_E2E_REDIS_URL
(default redis://127.0.0.1:6379/15, a database of its own), as in CI (`.ci/run` starts both); skipped
otherwise. Workers are subprocesses (`celery -A config worker`) pointed at pytest's test database;
tasks go through the broker from a separate Celery client, never eagerly.
"""

import os
import shelve
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("CELERY_E2E_REDIS_URL", "redis://127.0.0.1:6379/15")
LOCK_TTL = 4  # seconds: the workers' AGENT_LOCK_TTL, short so the tests do not wait long
FUTURE = "2040-01-01"  # every active lease has ended by then -> month-to-month


def _redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


pytestmark = [
    pytest.mark.celery_e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (workers share the test DB)"),
    pytest.mark.skipif(not _redis_up(), reason=f"needs Redis at {REDIS_URL}"),
]


def _db_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=_db_url(),
        REDIS_URL=REDIS_URL,
        CELERY_BROKER_URL=REDIS_URL,
        CELERY_RESULT_BACKEND=REDIS_URL,
        CELERY_TASK_ALWAYS_EAGER="false",
        AGENT_LOCK_TTL=str(LOCK_TTL),
        AI_PROVIDER="offline",
        ANTHROPIC_API_KEY="",
        TWILIO_ACCOUNT_SID="",
        SENDGRID_API_KEY="",
        DB_CONN_MAX_AGE="0",
        **extra,
    )
    return env


class Worker:
    def __init__(self, name: str):
        self.name = f"{name}-{uuid.uuid4().hex[:6]}@localhost"
        self.log = tempfile.NamedTemporaryFile(prefix="uc-worker-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--prefetch-multiplier",
                "1",
                "-n",
                self.name,
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=_env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def children(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        for child in self.children():
            os.kill(child, signal.SIGKILL)


@pytest.fixture
def client_app():
    """A Celery client on the broker (the test process's own app runs tasks eagerly)."""
    from celery import Celery

    # Not the current app: shared tasks called later in this process (other test files) must keep binding to the
    # project's app, which runs them eagerly; a current client app would send them to the broker instead.
    app = Celery("uc-e2e-client", broker=REDIS_URL, backend=REDIS_URL, set_as_current=False)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # db 15 is ours: no leftover tasks or agent locks
    yield app
    app.close()


@pytest.fixture
def workers(client_app):
    started: list[Worker] = []

    def start(n: int = 1) -> list[Worker]:
        new = [Worker(f"w{len(started) + i}") for i in range(n)]
        started.extend(new)
        deadline = time.time() + 90
        while time.time() < deadline:
            replies = client_app.control.ping(destination=[w.name for w in new], timeout=1) or []
            if len(replies) == len(new):
                return new
        raise AssertionError("workers did not start:\n" + "\n".join(w.output()[-2000:] for w in new))

    yield start
    for w in started:
        w.stop()


def _seed(leases: int):
    from demo.seed import seed_portfolio

    seed_portfolio(leases=leases, with_history=False)


def _counts():
    """(month-to-month leases, their status-log rows, those without one), read in ONE statement so the three
    numbers come from one snapshot even while a worker is committing chunks."""
    from django.db import connection

    from tenants.models import LeaseStatusLog, TenantLease

    lease, log = TenantLease._meta.db_table, LeaseStatusLog._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT (SELECT count(*) FROM {lease} WHERE lease_status = 'month_to_month'),"
            f" (SELECT count(*) FROM {log} WHERE new_status = 'month_to_month'),"
            f" (SELECT count(*) FROM {lease} l WHERE l.lease_status = 'month_to_month' AND NOT EXISTS"
            f" (SELECT 1 FROM {log} g WHERE g.lease_id = l.id AND g.new_status = 'month_to_month'))"
        )
        mtm, logs, unlogged = cur.fetchone()
    return mtm, logs, unlogged


def _active_before(today: str) -> int:
    from tenants.models import TenantLease

    return TenantLease.objects.filter(lease_status="active", lease_end_date__lt=today).count()


def test_beat_schedule_loads_and_matches_config(client_app, workers, tmp_path):
    """`celery beat` starts, loads config/celery.py's schedule into its store, and every entry names a
    task the worker has registered."""
    from config.celery import app as project_app

    expected = {name: (e["task"], str(e["schedule"])) for name, e in project_app.conf.beat_schedule.items()}
    assert expected, "config/celery.py has no beat schedule"
    store = tmp_path / "beat-schedule"
    beat = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "--loglevel",
            "INFO",
            "-s",
            str(store),
            "--max-interval",
            "1",
        ],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.time() + 60
        loaded = {}
        while time.time() < deadline and not expected.keys() <= loaded.keys():
            time.sleep(1)
            try:
                with shelve.open(str(store), flag="r") as db:
                    loaded = {n: (e.task, str(e.schedule)) for n, e in db.get("entries", {}).items()}
            except Exception:
                continue
        assert beat.poll() is None, beat.stdout.read()
    finally:
        beat.terminate()
        beat.wait(20)
    for name, (task, schedule) in expected.items():
        assert loaded.get(name) == (task, schedule), f"{name}: beat has {loaded.get(name)}, config {task} {schedule}"

    (worker,) = workers(1)
    registered = client_app.control.inspect(destination=[worker.name], timeout=5).registered() or {}
    names = set(registered.get(worker.name, []))
    missing = {task for task, _ in expected.values()} - names
    assert not missing, f"beat schedules tasks no worker registers: {missing}"


def test_agent_enqueued_through_the_broker_completes_on_a_worker(client_app, workers):
    _seed(300)
    due = _active_before(FUTURE)
    assert due > 0
    workers(1)
    result = client_app.send_task("tenants.classify_lease_statuses", kwargs={"today": FUTURE})
    summary = result.get(timeout=120)
    assert summary.startswith(f"Transitioned {due} to MTM"), summary
    mtm, logs, unlogged = _counts()
    assert unlogged == 0 and logs == mtm
    assert _active_before(FUTURE) == 0


def test_manual_scan_started_from_the_api_completes_on_the_worker(client_app, workers, tmp_path):
    """POST /api/v1/portfolio/ai-queue/run/ on a server configured with the broker queues the agent; a
    worker runs it and the AI action queue fills."""
    from portfolio.models import AIActionQueue

    _seed(200)
    subprocess.run(
        [sys.executable, "manage.py", "run_task", "tenants.classify_lease_statuses"],
        cwd=ROOT,
        env=_env(),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "ensure_demo_user"], cwd=ROOT, env=_env(), check=True, capture_output=True
    )
    workers(1)
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import requests

        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                if requests.get(f"{base}/api/v1/health/", timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        token = requests.post(
            f"{base}/api/v1/auth/token/", json={"email": "demo@unitcycle.local", "password": "unitcycle"}, timeout=30
        ).json()["token"]
        assert AIActionQueue.objects.count() == 0
        resp = requests.post(
            f"{base}/api/v1/portfolio/ai-queue/run/", headers={"Authorization": f"Token {token}"}, timeout=30
        )
        assert resp.status_code in (200, 202), resp.text
        deadline = time.time() + 120
        while time.time() < deadline and AIActionQueue.objects.count() == 0:
            time.sleep(1)
        assert AIActionQueue.objects.count() > 0
    finally:
        server.terminate()
        server.wait(20)


def test_two_workers_running_the_same_agent_at_once_change_nothing_twice(client_app, workers):
    _seed(400)
    due = _active_before(FUTURE)
    workers(2)
    kwargs = {"today": FUTURE, "chunk_size": 25}
    results = [client_app.send_task("tenants.classify_lease_statuses", kwargs=kwargs) for _ in range(2)]
    summaries = sorted(r.get(timeout=180) for r in results)
    # One run did the work; the other found the lock held, retried after it was released, found nothing.
    assert any(s.startswith(f"Transitioned {due} to MTM") for s in summaries), summaries
    assert any(s.startswith("Transitioned 0 to MTM") or s.startswith("Skipped") for s in summaries), summaries
    mtm, logs, unlogged = _counts()
    assert logs == mtm and unlogged == 0  # one status-log row per transition, none twice


def _wait_gone(pids, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        alive = []
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat") as f:
                    if f.read().split(") ", 1)[1][0] != "Z":  # a zombie runs nothing any more
                        alive.append(pid)
            except (FileNotFoundError, IndexError):
                pass
        if not alive:
            return
        time.sleep(0.02)


def test_a_worker_killed_mid_chunk_leaves_consistent_state_the_next_run_finishes(client_app, workers):
    from tenants.models import LeaseStatusLog

    _seed(600)
    due = _active_before(FUTURE)
    (worker,) = workers(1)
    client_app.send_task("tenants.classify_lease_statuses", kwargs={"today": FUTURE, "chunk_size": 5})
    deadline = time.time() + 120
    while time.time() < deadline and LeaseStatusLog.objects.filter(new_status="month_to_month").count() == 0:
        time.sleep(0.05)
    done_at_kill = LeaseStatusLog.objects.filter(new_status="month_to_month").count()
    assert 0 < done_at_kill < due, f"not mid-run: {done_at_kill} of {due}"
    children = list(worker.children())
    for child in children:  # the pool process running the task dies (like an OOM kill)
        os.kill(child, signal.SIGKILL)
    _wait_gone(children)  # SIGKILL lands asynchronously: a chunk could still commit between two counts below
    # Consistent right away: every committed chunk is whole (a transition always has its log row).
    mtm, logs, unlogged = _counts()
    assert unlogged == 0 and logs == mtm
    # acks_late + reject_on_worker_lost: the task goes back on the queue; once the dead run's lock
    # expires the redelivered run finishes the rest.
    deadline = time.time() + 180
    while time.time() < deadline and _active_before(FUTURE) > 0:
        time.sleep(1)
    assert _active_before(FUTURE) == 0, worker.output()[-3000:]
    mtm, logs, unlogged = _counts()
    assert unlogged == 0 and logs == mtm
    assert LeaseStatusLog.objects.filter(new_status="month_to_month").values("lease").distinct().count() == logs
    # A further run changes nothing.
    summary = client_app.send_task("tenants.classify_lease_statuses", kwargs={"today": FUTURE}).get(timeout=120)
    assert summary.startswith("Transitioned 0 to MTM"), summary
