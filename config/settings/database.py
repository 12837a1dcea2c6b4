from config.env import BASE_DIR, env

# No DATABASE_URL -> an SQLite file in the project folder, so `make run` works on a bare machine.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL + a busy timeout keep the dev server and an in-process agent from locking each other out. IMMEDIATE
    # transactions take the write lock when they begin, so the busy timeout applies: a deferred transaction that
    # reads and then writes while another process writes fails at once with "database is locked" (a 500 seen
    # when concurrent sign-ins each count failed attempts), whatever the timeout.
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 30, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
