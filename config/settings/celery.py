from config.env import env

# With REDIS_URL set, tasks go to Celery workers; without it they run in-process (eagerly).
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"
# A task is acknowledged after it finishes (acks_late), and a task whose worker process died (SIGKILL,
# OOM) is put back on the queue (reject_on_worker_lost): every agent commits chunk by chunk and is
# idempotent, so the redelivered run finishes what the dead one left. See docs/decisions.md.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Scheduled agents hold a Redis lock while they run (core/agent_lock.py): its lifetime, renewed by a
# heartbeat, and how often a run that finds it held retries (after AGENT_LOCK_TTL seconds each time).
AGENT_LOCK_TTL = env.int("AGENT_LOCK_TTL", default=60)
AGENT_LOCK_RETRIES = env.int("AGENT_LOCK_RETRIES", default=3)
# With Redis, an unacknowledged task of a worker that vanished whole is redelivered after this long.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
