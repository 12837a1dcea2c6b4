"""Load benchmark: 20 concurrent clients on the three busiest lists at 100,000 leases, against a live server
on loopback, single client vs concurrent, for Django's development server ("before") and gunicorn
(config/gunicorn.conf.py, "after").

The lists: the lease lifecycle list (/api/v1/tenants/leases/), the command center
(/api/v1/portfolio/command-center/, month-to-month first page of 100) and the renewals list
(/api/v1/renewals/). Seeding 100,000 leases takes minutes, so the database is prepared once and reused:

    createdb uc_bench_load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/uc_bench_load .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py seed_demo --leases 100000
    DATABASE_URL=... .venv/bin/python manage.py run_task tenants.classify_lease_statuses   # + renewals.nightly_renewal_scan,
                                                                                           # portfolio.generate_ai_action_queue
    .venv/bin/python benchmarks/bench_load.py --database-url postgres://postgres@127.0.0.1:5432/uc_bench_load

Bounded: each phase sends a fixed number of requests (--single N per list, --concurrent N per client)
with a 60 s timeout each, only to 127.0.0.1, and stops the server it started. Reads only.
Results: benchmarks/results/load-<vendor>-latest.json and a table on stdout.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LISTS = {
    "leases": "/api/v1/tenants/leases/?page_size=25",
    "command_center": "/api/v1/portfolio/command-center/?lifecycle_state=month_to_month&page_size=100",
    "renewals": "/api/v1/renewals/?page_size=25",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(server: str, port: int, env: dict) -> subprocess.Popen:
    py = str(ROOT / ".venv" / "bin" / "python")
    if server == "runserver":
        cmd = [py, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    else:
        cmd = [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi:application", "-c", "config/gunicorn.conf.py"]
    return subprocess.Popen(
        cmd, cwd=ROOT, env={**env, "PORT": str(port)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def _phase(base: str, token: str, clients: int, per_client: int) -> dict:
    import requests

    lat: dict[str, list[float]] = {k: [] for k in LISTS}
    errors = []
    lock = threading.Lock()

    def client(i: int):
        s = requests.Session()
        s.headers["Authorization"] = f"Token {token}"
        names = list(LISTS)
        for n in range(per_client):
            name = names[(i + n) % len(names)]
            t = time.perf_counter()
            r = s.get(base + LISTS[name], timeout=60)
            dt = time.perf_counter() - t
            with lock:
                (lat[name] if r.status_code == 200 else errors).append(dt if r.status_code == 200 else r.status_code)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    every = [x for v in lat.values() for x in v]
    out = {
        "clients": clients,
        "requests": len(every),
        "errors": len(errors),
        "seconds": round(wall, 2),
        "throughput_rps": round(len(every) / wall, 2),
        "p50_ms": round(1000 * statistics.median(every), 1),
        "p95_ms": round(1000 * _pct(every, 95), 1),
        "per_list": {
            k: {"p50_ms": round(1000 * statistics.median(v), 1), "p95_ms": round(1000 * _pct(v, 95), 1), "n": len(v)}
            for k, v in lat.items()
            if v
        },
    }
    return out


def run(server: str, db_url: str, clients: int, single: int, concurrent: int) -> dict:
    import requests

    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_ENV")}
    env.update(DATABASE_URL=db_url, DJANGO_SETTINGS_MODULE="config.settings", LOG_LEVEL="WARNING")
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "ensure_demo_user"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    proc = _start(server, port, env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if requests.get(base + "/api/v1/health/", timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        token = requests.post(
            base + "/api/v1/auth/token/",
            json={
                "email": os.environ.get("DEMO_EMAIL", "demo@unitcycle.local"),
                "password": os.environ.get("DEMO_PASSWORD", "unitcycle"),
            },
            timeout=60,
        ).json()["token"]
        _phase(base, token, 1, len(LISTS))  # warm-up: one of each
        one = _phase(base, token, 1, single * len(LISTS))
        many = _phase(base, token, clients, concurrent)
        return {"server": server, "single_client": one, "concurrent": many}
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    ap.add_argument("--servers", default="runserver,gunicorn")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--single", type=int, default=5, help="requests per list for the single client")
    ap.add_argument("--concurrent", type=int, default=6, help="requests per concurrent client")
    args = ap.parse_args()
    if not args.database_url:  # `make bench` runs every script: this one needs a pre-seeded database
        print("bench_load: skipped (needs --database-url of a database seeded with 100,000 leases; see its docstring)")
        return
    if not args.database_url.startswith(("postgres://", "postgresql://", "sqlite://")):
        ap.error("unsupported DATABASE_URL")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from benchmarks._util import write_result
    from tenants.models import TenantLease

    leases = TenantLease.objects.count()
    results = [run(s, args.database_url, args.clients, args.single, args.concurrent) for s in args.servers.split(",")]
    print(f"\n{leases:,} leases; {args.clients} concurrent clients; lists: {', '.join(LISTS)}")
    print(f"{'server':<10} {'clients':>7} {'req':>5} {'err':>4} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for r in results:
        for key in ("single_client", "concurrent"):
            m = r[key]
            print(
                f"{r['server']:<10} {m['clients']:>7} {m['requests']:>5} {m['errors']:>4} {m['throughput_rps']:>7} "
                f"{m['p50_ms']:>8} {m['p95_ms']:>8}"
            )
    path = write_result("load", {"leases": leases, "clients": args.clients, "lists": LISTS, "results": results})
    print(f"-> {path}")


if __name__ == "__main__":
    main()
