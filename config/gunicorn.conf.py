"""gunicorn settings for `make run`, docker-compose and the Dockerfile (one file, one server command).

gthread workers: each worker process serves up to `threads` requests at once, so a long-lived response
(the SSE streaming chat of phase 3) holds one thread, not a whole process, and the worker's heartbeat
runs apart from requests, so a stream longer than `timeout` is not killed. Override with the
environment: WEB_CONCURRENCY (processes, default 2 = the cores of the reference machine),
GUNICORN_THREADS (default 8), PORT / BIND.
"""

import os

import gunicorn.http.wsgi

bind = os.environ.get("BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (with jitter so they do not restart together): bounds slow leaks.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# Forwarded headers are trusted only from the local reverse proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No version banner: gunicorn's own `Server: gunicorn` becomes a plain product name.
gunicorn.http.wsgi.SERVER = "UnitCycle"
