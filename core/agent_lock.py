"""One run of an agent at a time across every Celery worker: a Redis lock per scheduled agent.

`AgentTask` is the Celery app's base task class (config/celery.py). For the agents in the beat schedule,
when a broker (Redis) is configured, each run takes the lock `unitcycle:agent-lock:<task name>` (SET NX
with a token, released by a compare-and-delete script; redis-py's Lock). The lock lives AGENT_LOCK_TTL
seconds and a heartbeat thread extends it while the run goes on, so a worker killed mid-run (SIGKILL,
OOM) holds it at most AGENT_LOCK_TTL seconds more.

A second worker that starts the same agent while the lock is held does not run it: it retries after
AGENT_LOCK_TTL seconds (up to AGENT_LOCK_RETRIES times), which is also how the copy of a task redelivered
after its worker died (acks_late + reject_on_worker_lost) finishes the run once the dead run's lock
expires. The agents are idempotent besides (each chunk is one transaction, a second run finds nothing to
do), so a run that does get through twice changes nothing twice; the lock saves the duplicate work.
In-process runs (tests, `run_task`, eager mode without a broker) take no lock.
"""

from __future__ import annotations

import logging
import threading

from celery import Task
from django.conf import settings

from core.scoping import unscoped

logger = logging.getLogger(__name__)

LOCK_PREFIX = "unitcycle:agent-lock:"
_redis_client = None


def _redis():
    global _redis_client
    if _redis_client is None:
        import redis

        _redis_client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    return _redis_client


def agent_task_names(app) -> set[str]:
    return {entry["task"] for entry in (app.conf.beat_schedule or {}).values()}


class _Heartbeat(threading.Thread):
    def __init__(self, lock, ttl: float):
        super().__init__(daemon=True, name=f"agent-lock-heartbeat:{lock.name}")
        self.lock, self.ttl, self.stopped = lock, ttl, threading.Event()

    def run(self):
        while not self.stopped.wait(self.ttl / 3):
            try:
                self.lock.reacquire()
            except Exception:  # lost (expired) or Redis away: the run goes on; the agent is idempotent
                logger.warning("agent lock %s could not be extended", self.lock.name, exc_info=True)
                return


class AgentTask(Task):
    """Base task: scheduled agents run under a cross-worker Redis lock (see the module docstring)."""

    def __call__(self, *args, **kwargs):
        # Tasks see the whole portfolio, even when run eagerly inside a scoped request (core.scoping).
        with unscoped():
            return self._call(*args, **kwargs)

    def _call(self, *args, **kwargs):
        if (
            self.request.is_eager
            or self.request.id is None  # called directly, not through a worker
            or not str(settings.CELERY_BROKER_URL).startswith(("redis://", "rediss://"))
            or self.name not in agent_task_names(self.app)
        ):
            return super().__call__(*args, **kwargs)
        ttl = float(getattr(settings, "AGENT_LOCK_TTL", 60))
        lock = _redis().lock(LOCK_PREFIX + self.name, timeout=ttl, blocking=False)
        if not lock.acquire(blocking=False):
            retries = int(getattr(settings, "AGENT_LOCK_RETRIES", 3))
            if self.request.retries < retries:
                logger.info("%s is already running on another worker; retrying in %ss", self.name, ttl)
                raise self.retry(countdown=ttl, max_retries=retries)
            return f"Skipped: {self.name} was already running on another worker."
        beat = _Heartbeat(lock, ttl)
        beat.start()
        try:
            return super().__call__(*args, **kwargs)
        finally:
            beat.stopped.set()
            try:
                lock.release()
            except Exception:  # expired meanwhile: nothing to release
                pass
