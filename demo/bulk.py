"""BulkWriter: batched INSERTs of plain rows for loaders that write hundreds of thousands of rows.

A row is a dict of field attnames (`tenant_id`, not `tenant`). Rows are buffered per model and written
`batch_size` at a time, the buffered rows of referenced models first (within one model, add a row
after the rows it references): one `executemany` on SQLite, one `COPY ... FROM STDIN` on PostgreSQL
(psycopg 3), multi-row INSERTs elsewhere. Values are adapted the way Django's bulk_create adapts them
(the backend's `connection.ops.adapt_*` functions; `get_db_prep_save` for anything else, e.g. JSON),
without its per-value compiler overhead: bulk_create measured ~7,500 rows/s on SQLite and ~3,000 on
PostgreSQL here, too slow for 100k-lease portfolios. `mode="orm"` writes the same rows through
`Model.objects.bulk_create` instead; the demo tests check that both modes store identical rows.

Missing fields take the field's default; `auto_now`/`auto_now_add` fields get one increasing
timestamp per row (like bulk_create, so created_at keeps insertion order). No signals, no save().
"""

from __future__ import annotations

import contextlib
import datetime
import operator
from collections import Counter
from decimal import Decimal

from django.db import connections, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone

_PASSTHROUGH = {"CharField", "TextField", "EmailField", "SlugField", "URLField", "FloatField", "BooleanField"}
_INTEGER = {
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
_MICROSECOND = datetime.timedelta(microseconds=1)


class BulkWriter:
    def __init__(self, *, batch_size: int = 2000, using: str = "default", mode: str = "fast", order=()):
        if mode not in ("fast", "orm"):
            raise ValueError("mode must be 'fast' or 'orm'")
        self.batch_size = batch_size
        self.using = using
        self.mode = mode
        self.order = list(order)  # flush() writes these models first, in this order
        self.buffers: dict[type[models.Model], list[dict]] = {}
        self.counts: Counter = Counter()  # rows written per db_table
        self.statements = 0
        self._plans: dict[type[models.Model], tuple] = {}
        self._parents: dict[type[models.Model], list] = {}
        self._stamp = timezone.now()

    # -- public

    def add(self, model: type[models.Model], row: dict) -> None:
        buf = self.buffers.get(model)
        if buf is None:
            buf = self.buffers[model] = []
        buf.append(row)
        if len(buf) >= self.batch_size:
            self._flush_with_parents(model)

    def extend(self, model: type[models.Model], rows) -> None:
        for row in rows:
            self.add(model, row)

    def flush(self) -> None:
        for model in self.order + [m for m in self.buffers if m not in self.order]:
            self._flush_with_parents(model)

    # -- internals

    def _flush_with_parents(self, model, seen=None) -> None:
        """Writes buffered rows of the models `model` references first, so a row never arrives before
        its parent: SQLite then never records a (deferred) violation, which would make every later
        parent insert scan the child table for rows it resolves."""
        seen = seen if seen is not None else set()
        seen.add(model)
        parents = self._parents.get(model)
        if parents is None:
            parents = self._parents[model] = [
                f.related_model for f in model._meta.concrete_fields if f.is_relation and f.related_model is not model
            ]
        for parent in parents:
            if parent not in seen and self.buffers.get(parent):
                self._flush_with_parents(parent, seen)
        self._flush(model)

    def _flush(self, model) -> None:
        rows = self.buffers.get(model)
        if not rows:
            return
        self.buffers[model] = []
        if self.mode == "orm":
            model.objects.using(self.using).bulk_create([model(**r) for r in rows], batch_size=self.batch_size)
            self.statements += 1
        else:
            self._insert(model, rows)
        self.counts[model._meta.db_table] += len(rows)

    def _stamps(self, conn, adapter, n: int) -> list:
        """n increasing created_at/updated_at values (1 microsecond apart), adapted for `conn`."""
        start = self._stamp
        self._stamp = start + n * _MICROSECOND
        if adapter is None:
            return [start + i * _MICROSECOND for i in range(1, n + 1)]
        if conn.vendor == "sqlite" and timezone.is_aware(start):
            # SQLite's adapter is make_naive(value, conn.timezone) + str(): do the conversion once.
            naive = timezone.make_naive(start, conn.timezone)
            if adapter(start) == str(naive):
                out = []
                for _ in range(n):
                    naive += _MICROSECOND
                    out.append(str(naive))
                return out
        return [adapter(start + i * _MICROSECOND) for i in range(1, n + 1)]

    def _plan(self, model):
        plan = self._plans.get(model)
        if plan is None:
            conn = connections[self.using]
            fields = [f for f in model._meta.concrete_fields if not f.generated]
            qn = conn.ops.quote_name
            cols = ", ".join(qn(f.column) for f in fields)
            one = "(" + ", ".join(["%s"] * len(fields)) + ")"
            sql = f"INSERT INTO {qn(model._meta.db_table)} ({cols}) VALUES "
            copy_sql = f"COPY {qn(model._meta.db_table)} ({cols}) FROM STDIN"
            stamp_field = next((f for f in fields if _is_auto_stamp(f)), None)
            stamp_adapter = _adapter(stamp_field, conn) if stamp_field else None
            names = frozenset(f.attname for f in fields)
            plan = self._plans[model] = (
                names,
                _row_converter(model, fields, conn),
                sql,
                one,
                copy_sql,
                conn,
                stamp_adapter,
                len(fields),
            )
        return plan

    def _insert(self, model, rows: list[dict]) -> None:
        names, convert, sql, one, copy_sql, conn, stamp_adapter, width = self._plan(model)
        params = []
        stamps = self._stamps(conn, stamp_adapter, len(rows))
        for row, stamp in zip(rows, stamps, strict=True):
            if not names.issuperset(row):
                raise TypeError(f"{model.__name__} has no field(s) {sorted(set(row) - names)}")
            params.append(convert(row, stamp))
        with conn.cursor() as cursor:
            raw = cursor.cursor
            if conn.vendor == "sqlite":  # a prepared statement reused per row is fastest on SQLite
                cursor.executemany(sql + one, params)
                self.statements += 1
            elif conn.vendor == "postgresql" and hasattr(raw, "copy"):  # psycopg 3: COPY ... FROM STDIN
                with raw.copy(copy_sql) as copy:
                    for values in params:
                        copy.write_row(values)
                self.statements += 1
            else:  # multi-row VALUES, as bulk_create does, within the backend's parameter limit
                per = max(1, min(len(params), (conn.features.max_query_params or 65535) // width))
                for i in range(0, len(params), per):
                    chunk = params[i : i + per]
                    cursor.execute(sql + ", ".join([one] * len(chunk)), [v for row in chunk for v in row])
                    self.statements += 1


_MISSING = object()


def _is_auto_stamp(field) -> bool:
    return isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add)


def _row_converter(model, fields, conn):
    """Compiles `convert(row, stamp) -> tuple` for one model: straight-line code, one slot per column."""
    adapters, defaults, body = [], [], []
    for i, f in enumerate(fields):
        adapter = _adapter(f, conn)
        adapters.append(adapter)
        default = None
        if not (_is_auto_stamp(f) or f.primary_key):
            default = f.get_default()
            if default is not None and adapter is not None:
                default = adapter(default)
        defaults.append(default)
        name = repr(f.attname)
        if _is_auto_stamp(f):
            body.append(f"    c{i} = stamp")
        elif f.primary_key:
            body.append(f"    c{i} = A[{i}](row[{name}])" if adapter else f"    c{i} = row[{name}]")
        elif adapter is None:
            body.append(f"    c{i} = row.get({name}, D[{i}])")
        else:
            body.append(f"    v = row.get({name}, M)")
            body.append(f"    c{i} = D[{i}] if v is M else (None if v is None else A[{i}](v))")
    src = (
        "def convert(row, stamp):\n"
        + "\n".join(body)
        + "\n    return ("
        + ", ".join(f"c{i}" for i in range(len(fields)))
        + ",)\n"
    )
    namespace = {"A": adapters, "D": defaults, "M": _MISSING}
    exec(compile(src, f"<BulkWriter {model._meta.label}>", "exec"), namespace)  # source built from field names only
    return namespace["convert"]


def _adapter(field: models.Field, conn):
    """A function adapting a Python value for `field` on `conn` like get_db_prep_save, or None for identity."""
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    ops = conn.ops
    if kind in _PASSTHROUGH:
        return None
    if kind == "UUIDField":
        return None if conn.features.has_native_uuid_field else _uuid_hex
    if kind == "DateField":
        if type(ops).adapt_datefield_value is BaseDatabaseOperations.adapt_datefield_value:
            return str  # the base implementation is str() (None is handled by the caller)
        fn, probe = ops.adapt_datefield_value, datetime.date(2000, 1, 1)
    elif kind == "DateTimeField":
        fn, probe = ops.adapt_datetimefield_value, timezone.now()
    elif kind == "DecimalField":
        max_digits, places = target.max_digits, target.decimal_places

        def fn(v):
            return ops.adapt_decimalfield_value(v, max_digits, places)

        probe = Decimal("1.00")
    elif kind in _INTEGER:

        def fn(v):
            return ops.adapt_integerfield_value(v, kind)

        probe = 1
    else:  # JSON and anything unusual: Django's own path

        def fn(v):
            return field.get_db_prep_save(v, conn)

        return fn
    return None if fn(probe) is probe else fn


_uuid_hex = operator.attrgetter("hex")  # what UUIDField.get_db_prep_value stores without a native uuid type


@contextlib.contextmanager
def bulk_load(models_, *, using: str = "default", sqlite_cache_kib: int = 512 * 1024):
    """Speeds up loading many rows into the tables of `models_` within the current transaction.

    - Plain (non-unique) secondary indexes are dropped for the block and rebuilt afterwards: one
      sorted build per index instead of an index update per row. Primary keys and unique indexes stay,
      so duplicates still fail immediately.
    - PostgreSQL: FOREIGN KEY constraints are dropped and re-added afterwards, which validates every
      row with one join per constraint. Django declares them DEFERRABLE INITIALLY DEFERRED, so
      otherwise PostgreSQL queues a trigger event per row and reference and runs them all at COMMIT
      (2.5 minutes of a 100k-lease seed). SQLite keeps checking them per row (they cannot be switched
      off inside a transaction) — cheap there.
    - SQLite: a larger page cache for the block.

    Runs in its own savepoint; DDL is transactional on both, so if the block fails, everything dropped
    is restored by the rollback. The tables are locked until commit (PostgreSQL: ACCESS EXCLUSIVE): meant for seeding, not for a
    live database under traffic. Other backends: no-op.
    """
    conn = connections[using]
    if conn.vendor not in ("postgresql", "sqlite"):
        yield
        return
    tables = [m._meta.db_table for m in models_]
    qn = conn.ops.quote_name
    # Our own savepoint: if the block raises, rolling back to it restores whatever was dropped, even
    # when the caller catches the exception and commits its outer transaction.
    with transaction.atomic(using=using), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            regclasses = [[qn(t) for t in tables]]
            cursor.execute(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
                regclasses,
            )
            foreign_keys = cursor.fetchall()
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
                regclasses,
            )
            indexes = cursor.fetchall()
            # Deferred foreign-key checks already queued in this transaction (rows written or deleted before the
            # block, e.g. portfolio_delete or an earlier seed) would make ALTER TABLE refuse ("pending trigger
            # events"): run them now; they are the same checks COMMIT would run.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name, _ in foreign_keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {qn(name)}")
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {name}")
        else:
            foreign_keys = []
            placeholders = ", ".join(["%s"] * len(tables))
            cursor.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({placeholders}) AND upper(sql) NOT LIKE 'CREATE UNIQUE%%' ORDER BY name",
                tables,
            )
            indexes = cursor.fetchall()
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {qn(name)}")
            cursor.execute("PRAGMA cache_size")
            previous_cache = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA cache_size = {-int(sqlite_cache_kib)}")
        try:
            yield
        finally:
            if conn.vendor == "sqlite":  # a connection setting, not rolled back: always restore it
                cursor.execute(f"PRAGMA cache_size = {int(previous_cache)}")
        for _, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {qn(name)} {definition}")
        if conn.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to Django's INITIALLY DEFERRED for the rest
