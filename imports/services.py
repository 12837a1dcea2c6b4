"""Portfolio import: parse a CSV of one kind strictly, validate every row set-wise, then (not on a dry run)
write it in one transaction, idempotent by `external_id`.

Writes go straight to the owning apps' tables with bulk_create/bulk_update (properties, units, tenants and
leases have no create/update services; the demo seed writes them the same way), except unit statuses, which
go through `units.services.unit_status_set`, and the lifecycle, which is `tenants.services.lease_statuses_classify`.
A fixed number of queries per chunk of `CHUNK` rows; nothing per row.
"""

from __future__ import annotations

import csv
import datetime
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.utils import batched
from imports.columns import KINDS, ORDER, CellError
from imports.models import ImportKey, ImportRun
from properties.models import Properties
from tenants.models import TenantLease, Tenants
from tenants.services import is_occupancy_violation, lease_statuses_classify
from units.models import UnitsUnit
from units.services import unit_status_set

CHUNK = 1000
UPDATE_BATCH = 100
MODELS = {"properties": Properties, "units": UnitsUnit, "tenants": Tenants, "leases": TenantLease}
IMPORT_ACTOR = "system:import"
OCCUPIED_LEASE_STATUSES = {"active", "month_to_month", "notice"}


def max_rows() -> int:
    return int(getattr(settings, "IMPORT_MAX_ROWS", 20_000))


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_BYTES", 10 * 1024 * 1024))


def max_errors() -> int:
    return int(getattr(settings, "IMPORT_MAX_ERRORS", 1000))


def background_rows() -> int:
    return int(getattr(settings, "IMPORT_BACKGROUND_ROWS", 2000))


@dataclass
class Plan:
    kind: str
    rows: list[tuple[int, str, dict]] = field(default_factory=list)  # (row number, external_id, model fields)
    existing: dict[str, uuid.UUID] = field(default_factory=dict)  # external_id -> record id (updates)
    errors: list[dict] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    total: int = 0

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})
        self.bad_rows.add(row)

    @property
    def created(self) -> int:
        return sum(1 for _, ext, _ in self.rows if ext not in self.existing)

    @property
    def updated(self) -> int:
        return sum(1 for _, ext, _ in self.rows if ext in self.existing)


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 (a byte-order mark is dropped); anything else is a clear 400."""
    if len(raw) > max_bytes():
        raise ApplicationError(f"The file is larger than {max_bytes() // (1024 * 1024)} MB; split it.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError("The file is not UTF-8 text; save it from your spreadsheet as 'CSV UTF-8'.")


# --- parsing -------------------------------------------------------------------------------------------------


def _parse(kind: str, content: str, plan: Plan) -> list[tuple[int, dict]]:
    """Cells -> values, per row; the rows without errors as (row number, values). Header = row 1."""
    spec = KINDS[kind]
    try:
        records = list(csv.reader(io.StringIO(content, newline="")))
    except csv.Error as exc:
        plan.error(1, "", f"The file is not a readable CSV ({exc}).")
        return []
    if not records or not any(c.strip() for c in records[0]):
        plan.error(1, "", f"The file is empty: row 1 must be the header ({', '.join(spec.header)}).")
        return []
    header = [c.strip().lower() for c in records[0]]
    known = {c.name: c for c in spec.columns}
    for name in header:
        if name not in known:
            plan.error(1, name, f"Unknown column '{name}'; the {kind} columns are: {', '.join(spec.header)}.")
    dupes = {h for h in header if header.count(h) > 1}
    for name in sorted(dupes):
        plan.error(1, name, f"Column '{name}' appears more than once.")
    for col in spec.columns:
        if col.required and col.name not in header:
            plan.error(1, col.name, f"Required column '{col.name}' is missing.")
    data = records[1:]
    if len(data) > max_rows():
        plan.error(1, "", f"The file has {len(data)} rows; at most {max_rows()} per file (split it).")
    if plan.errors:
        return []
    out = []
    for number, cells in enumerate(data, start=2):
        if not any(c.strip() for c in cells):
            continue  # a blank line (spreadsheets leave them at the end)
        plan.total += 1
        if len(cells) > len(header):
            plan.error(number, "", f"The row has {len(cells)} cells but the header has {len(header)}.")
            continue
        raw = dict(zip(header, cells, strict=False))
        values, ok = {}, True
        for col in spec.columns:
            cell = (raw.get(col.name) or "").strip()
            if not cell:
                if col.required:
                    plan.error(number, col.name, "Required: this cell is empty.")
                    ok = False
                values[col.name] = col.default
                continue
            try:
                values[col.name] = col.parse(cell)
            except CellError as exc:
                plan.error(number, col.name, str(exc))
                ok = False
        if ok:
            out.append((number, values))
    return out


def _in_file_unique(plan: Plan, rows, key: Callable, column: str, what: str) -> list:
    seen: dict = {}
    kept = []
    for number, values in rows:
        k = key(values)
        if k in seen:
            plan.error(number, column, f"Duplicate {what} '{_show(k)}' (also on row {seen[k]}).")
            continue
        seen[k] = number
        kept.append((number, values))
    return kept


def _show(k) -> str:
    return k[-1] if isinstance(k, tuple) else str(k)


def resolve(kind: str, external_ids) -> dict[str, uuid.UUID]:
    """external_id -> id of a live record of `kind`: from ImportKey, else the record whose own id it is (a file
    exported from UnitCycle carries the record ids). Keys pointing at deleted records are ignored."""
    model = MODELS[kind]
    out: dict[str, uuid.UUID] = {}
    for chunk in batched(sorted(set(external_ids)), CHUNK):
        keys = dict(ImportKey.objects.filter(kind=kind, external_id__in=chunk).values_list("external_id", "object_id"))
        own = {}
        for ext in chunk:
            if ext not in keys:
                try:
                    own[ext] = uuid.UUID(ext)
                except ValueError:
                    pass
        candidates = set(keys.values()) | set(own.values())
        alive = set(model._base_manager.filter(pk__in=candidates).values_list("pk", flat=True))
        out.update({e: o for e, o in keys.items() if o in alive})
        out.update({e: o for e, o in own.items() if o in alive and e not in out})
    return out


def _claims(plan: Plan, rows, *, taken: dict, key: Callable, column: str, what: str) -> list:
    """Drops rows whose natural key (`taken`: key -> record id) belongs to another record than the row's own."""
    kept = []
    for number, values in rows:
        holder = taken.get(key(values))
        mine = plan.existing.get(values["external_id"])
        if holder is not None and holder != mine:
            plan.error(number, column, f"{what} '{_show(key(values))}' already belongs to another record.")
            continue
        kept.append((number, values))
    return kept


# --- per kind: references and natural keys -------------------------------------------------------------------


def _fields(kind: str, values: dict) -> dict:
    return {(c.field or c.name): values[c.name] for c in KINDS[kind].columns if c.field != ""}


def _check_properties(plan: Plan, rows):
    rows = _in_file_unique(plan, rows, lambda v: v["name"], "name", "name")
    rows = _in_file_unique(plan, rows, lambda v: v["code"], "code", "code")
    existing = list(Properties._base_manager.values_list("id", "name", "code"))
    rows = _claims(
        plan, rows, taken={n: i for i, n, _ in existing}, key=lambda v: v["name"], column="name", what="Name"
    )
    rows = _claims(
        plan, rows, taken={c: i for i, _, c in existing}, key=lambda v: v["code"], column="code", what="Code"
    )
    return [(n, v, _fields("properties", v)) for n, v in rows]


def _check_units(plan: Plan, rows):
    props = resolve("properties", [v["property_external_id"] for _, v in rows])
    kept = []
    for number, values in rows:
        pid = props.get(values["property_external_id"])
        if pid is None:
            plan.error(
                number,
                "property_external_id",
                f"No property with external_id '{values['property_external_id']}' (import the properties first).",
            )
            continue
        values["_property_id"] = pid
        kept.append((number, values))
    kept = _in_file_unique(
        plan, kept, lambda v: (v["_property_id"], v["unit_number"]), "unit_number", "unit number in this property"
    )
    taken = {}
    for chunk in batched(sorted({v["_property_id"] for _, v in kept}), CHUNK):
        for uid, pid, num in UnitsUnit._base_manager.filter(property_id__in=chunk).values_list(
            "id", "property_id", "unit_number"
        ):
            taken[(pid, num)] = uid
    kept = _claims(
        plan, kept, taken=taken, key=lambda v: (v["_property_id"], v["unit_number"]), column="unit_number", what="Unit"
    )
    return [(n, v, {**_fields("units", v), "property_id": v["_property_id"]}) for n, v in kept]


def _check_tenants(plan: Plan, rows):
    return [(n, v, _fields("tenants", v)) for n, v in rows]


def _check_leases(plan: Plan, rows):
    tenants = resolve("tenants", [v["tenant_external_id"] for _, v in rows])
    units = resolve("units", [v["unit_external_id"] for _, v in rows])
    unit_property = {}
    for chunk in batched(sorted(set(units.values())), CHUNK):
        unit_property.update(UnitsUnit._base_manager.filter(pk__in=chunk).values_list("id", "property_id"))
    kept = []
    for number, v in rows:
        ok = True
        if v["tenant_external_id"] not in tenants:
            plan.error(number, "tenant_external_id", f"No tenant with external_id '{v['tenant_external_id']}'.")
            ok = False
        if v["unit_external_id"] not in units:
            plan.error(number, "unit_external_id", f"No unit with external_id '{v['unit_external_id']}'.")
            ok = False
        begin, end = v["lease_begin_date"], v["lease_end_date"]
        if end is not None and end < begin:
            plan.error(number, "lease_end_date", f"The end date {end} is before the begin date {begin}.")
            ok = False
        if v["lease_status"] == "notice" and v["notice_move_out_date"] is None:
            plan.error(number, "notice_move_out_date", "Required when lease_status is 'notice'.")
            ok = False
        if v["notice_move_out_date"] and v["notice_move_out_date"] < begin:
            plan.error(number, "notice_move_out_date", "The move-out date is before the begin date.")
            ok = False
        if ok:
            kept.append((number, v))
    kept = _in_file_unique(plan, kept, lambda v: v["lease_number"], "lease_number", "lease number")
    taken = {}
    for chunk in batched(sorted({v["lease_number"] for _, v in kept}), CHUNK):
        taken.update(
            (num, i)
            for i, num in TenantLease._base_manager.filter(lease_number__in=chunk).values_list("id", "lease_number")
        )
    kept = _claims(plan, kept, taken=taken, key=lambda v: v["lease_number"], column="lease_number", what="Lease number")
    kept = _one_occupant_per_unit(plan, kept, units)
    out = []
    for number, v in kept:
        unit_id = units[v["unit_external_id"]]
        fields = {
            **_fields("leases", v),
            "tenant_id": tenants[v["tenant_external_id"]],
            "unit_id": unit_id,
            "property_id": unit_property[unit_id],
            "status": "terminated" if v["lease_status"] == "vacant" else "active",
        }
        out.append((number, v, fields))
    return out


def _one_occupant_per_unit(plan: Plan, rows, units: dict) -> list:
    """A unit has at most one lease in occupancy (active, month-to-month or notice; a database constraint): a
    row that would give a unit a second one is an error, whether the other is on an earlier row of the file or
    already in the database (and not changed by this file)."""
    first: dict = {}  # unit id -> (row, lease number, unit external id) of the file's occupying lease
    bad: set[int] = set()
    for number, v in rows:
        if v["lease_status"] not in OCCUPIED_LEASE_STATUSES:
            continue
        unit_id = units[v["unit_external_id"]]
        if unit_id in first:
            row, lease_number, _ = first[unit_id]
            plan.error(
                number,
                "lease_status",
                f"Unit '{v['unit_external_id']}' already has lease {lease_number} in occupancy on row {row}; a "
                "unit has one active, month-to-month or notice lease at a time.",
            )
            bad.add(number)
        else:
            first[unit_id] = (number, v["lease_number"], v["unit_external_id"])
    in_file = {plan.existing[v["external_id"]] for _, v in rows if v["external_id"] in plan.existing}
    held: dict = {}  # unit id -> (lease number, status) of a lease in occupancy this file leaves alone
    for chunk in batched(sorted(first), CHUNK):
        for lease_id, unit_id, lease_number, status in TenantLease._base_manager.filter(
            unit_id__in=chunk, lease_status__in=OCCUPIED_LEASE_STATUSES
        ).values_list("id", "unit_id", "lease_number", "lease_status"):
            if lease_id not in in_file:
                held[unit_id] = (lease_number, status)
    for unit_id, (number, _, ext) in first.items():
        if unit_id in held and number not in bad:
            lease_number, status = held[unit_id]
            plan.error(
                number,
                "lease_status",
                f"Unit '{ext}' already has lease {lease_number} in occupancy ({status.replace('_', '-')}); "
                "add that lease to this file as vacant (with its move-out date), or move it out first.",
            )
            bad.add(number)
    return [(n, v) for n, v in rows if n not in bad]


CHECKS = {"properties": _check_properties, "units": _check_units, "tenants": _check_tenants, "leases": _check_leases}


def import_check(*, kind: str, content: str) -> Plan:
    """Parses and validates a file of `kind`: every error with its spreadsheet row; no writes."""
    if kind not in KINDS:
        raise ApplicationError(f"Unknown import kind '{kind}'; one of: {', '.join(ORDER)}.")
    plan = Plan(kind=kind)
    rows = _parse(kind, content, plan)
    rows = _in_file_unique(plan, rows, lambda v: v["external_id"], "external_id", "external_id")
    plan.existing = resolve(kind, [v["external_id"] for _, v in rows])
    checked = CHECKS[kind](plan, rows)
    plan.rows = [(n, v["external_id"], f) for n, v, f in checked]
    plan.errors.sort(key=lambda e: (e["row"], e["column"]))
    return plan


# --- writing -------------------------------------------------------------------------------------------------


def import_apply(plan: Plan, *, today: datetime.date | None = None, progress: Callable | None = None) -> dict:
    """Writes a valid plan (call inside a transaction): updates by external_id, creates the rest, records the
    keys; after leases, sets their units occupied/vacant and runs the lifecycle classification."""
    if plan.errors:
        raise ApplicationError("The file has errors; nothing was written.")
    model = MODELS[plan.kind]
    now = timezone.now()
    done, total, changed = 0, max(len(plan.rows), 1), 0
    names = list(plan.rows[0][2].keys()) if plan.rows else []
    chunks = list(batched(plan.rows, CHUNK))
    if plan.kind == "leases":
        # Leases leaving their unit are written before leases taking one, in separate statements: the database
        # allows one lease in occupancy per unit and checks it row by row.
        leaving = [r for r in plan.rows if r[2]["lease_status"] not in OCCUPIED_LEASE_STATUSES]
        taking = [r for r in plan.rows if r[2]["lease_status"] in OCCUPIED_LEASE_STATUSES]
        chunks = [*batched(leaving, CHUNK), *batched(taking, CHUNK)]
    for chunk in chunks:
        new, old, keys = [], [], []
        ids = [plan.existing[ext] for _, ext, _ in chunk if ext in plan.existing]
        current = {row[0]: row[1:] for row in model._base_manager.filter(pk__in=ids).values_list("pk", *names)}
        for _, ext, fields in chunk:
            oid = plan.existing.get(ext)
            if oid is None:
                oid = uuid.uuid4()
                new.append(model(id=oid, **fields))
            elif current.get(oid) != tuple(fields[n] for n in names):  # unchanged rows are not written
                old.append(model(id=oid, updated_at=now, **fields))
            keys.append(ImportKey(kind=plan.kind, external_id=ext, object_id=oid))
        if old:
            # small batches: bulk_update's CASE WHEN grows with the batch, and costs batch^2 per field
            model._base_manager.bulk_update(old, [*names, "updated_at"], batch_size=UPDATE_BATCH)
            changed += len(old)
        if new:
            model._base_manager.bulk_create(new, batch_size=CHUNK)
        ImportKey.objects.bulk_create(
            keys,
            update_conflicts=True,
            unique_fields=["kind", "external_id"],
            update_fields=["object_id", "updated_at"],
        )
        done += len(chunk)
        if progress is not None:
            progress(5 + int(85 * done / total), f"Wrote {done} of {len(plan.rows)} rows")
    summary: dict = {"changed": changed}
    if plan.kind == "leases" and plan.rows:
        summary["units"] = _unit_statuses_from_leases({f["unit_id"] for _, _, f in plan.rows})
        if progress is not None:
            progress(92, "Classifying the imported leases")
        summary["lifecycle"] = lease_statuses_classify(today=today, actor=IMPORT_ACTOR)
    return summary


def _unit_statuses_from_leases(unit_ids: set) -> dict:
    """A unit whose latest lease is active, month-to-month or on notice is occupied; otherwise vacant. Units in
    maintenance or offline keep that status."""
    occupied, vacant = [], []
    for chunk in batched(sorted(unit_ids), CHUNK):
        latest: dict = {}
        for unit_id, lease_status in (
            TenantLease._base_manager.filter(unit_id__in=chunk, unit__status__in=["vacant", "occupied"])
            .order_by("unit_id", "-lease_begin_date", "-created_at")
            .values_list("unit_id", "lease_status")
        ):
            latest.setdefault(unit_id, lease_status)
        occupied += [u for u, s in latest.items() if s in OCCUPIED_LEASE_STATUSES]
        vacant += [u for u, s in latest.items() if s not in OCCUPIED_LEASE_STATUSES]
    changed = 0
    for chunk in batched(occupied, CHUNK):
        changed += unit_status_set(unit_ids=chunk, status="occupied")
    for chunk in batched(vacant, CHUNK):
        changed += unit_status_set(unit_ids=chunk, status="vacant")
    return {"occupied": len(occupied), "vacant": len(vacant), "changed": changed}


# --- runs ----------------------------------------------------------------------------------------------------


def import_run_start(*, kind: str, raw: bytes, file_name: str, dry_run: bool, requested_by: str = "") -> ImportRun:
    """Creates the run and executes it: a dry run and a small commit now; a commit of more than
    IMPORT_BACKGROUND_ROWS rows as a background job (core.jobs) that the screen polls through the run."""
    if kind not in KINDS:
        raise ApplicationError(f"Unknown import kind '{kind}'; one of: {', '.join(ORDER)}.")
    content = decode(raw)
    run = ImportRun.objects.create(
        kind=kind, dry_run=dry_run, file_name=file_name[:255], requested_by=requested_by[:150], content=content
    )
    rows = content.count("\n")
    if dry_run or rows <= background_rows():
        import_run_execute(run_id=run.pk)
    else:
        from core.jobs import job_start
        from imports.jobs import IMPORT_JOB

        job, _ = job_start(kind=IMPORT_JOB, scope=str(run.pk), requested_by=requested_by)
        ImportRun.objects.filter(pk=run.pk).update(job_id=job.pk, message="Waiting to start")
    run.refresh_from_db()
    return run


def import_run_execute(*, run_id, progress: Callable | None = None, today: datetime.date | None = None) -> ImportRun:
    """Validates the run's file and, unless a dry run, writes it in one transaction. Errors: nothing written."""
    run = ImportRun.objects.get(pk=run_id)

    def report(pct: int, message: str) -> None:
        ImportRun.objects.filter(pk=run.pk).update(progress=pct, message=message[:255], updated_at=timezone.now())
        if progress is not None:
            progress(pct, message)

    report(2, "Checking the rows")
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    summary, failure = {}, ""
    plan = Plan(kind=run.kind)
    try:
        with transaction.atomic():
            plan = import_check(kind=run.kind, content=run.content)
            if not plan.errors and not run.dry_run:
                summary = import_apply(plan, today=today, progress=report)
    except (IntegrityError, ApplicationError) as exc:  # a row changed under us between the checks and the writes
        if isinstance(exc, IntegrityError) and is_occupancy_violation(exc):
            exc = "two leases would occupy one unit at once (a lease was changed while the file was checked)"
        failure = f"Nothing was written: {exc}"[:255]
    if failure:
        status = ImportRun.Status.FAILED
    elif plan.errors:
        status = ImportRun.Status.INVALID
    else:
        status = ImportRun.Status.VALIDATED if run.dry_run else ImportRun.Status.COMMITTED
    ImportRun.objects.filter(pk=run.pk).update(
        status=status,
        total_rows=plan.total if not failure else 0,
        created_count=plan.created if not failure else 0,
        updated_count=plan.updated if not failure else 0,
        error_count=len(plan.bad_rows) if not failure else 0,
        errors=plan.errors[: max_errors()] if not failure else [],
        summary=summary,
        progress=100,
        message=failure or _message(status, plan),
        content="",  # only a background commit needed it, and it has read it
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    run.refresh_from_db()
    return run


def _message(status: str, plan: Plan) -> str:
    if plan.errors:
        return f"{len(plan.bad_rows)} of {plan.total} rows have errors; nothing was written."
    verb = "would create" if status == ImportRun.Status.VALIDATED else "created"
    verb2 = "would update" if status == ImportRun.Status.VALIDATED else "updated"
    rows = f"{plan.total} row{'' if plan.total == 1 else 's'}"
    return f"{rows}: {verb} {plan.created}, {verb2} {plan.updated}."


def import_directory(
    *, directory, dry_run: bool = False, today: datetime.date | None = None, requested_by: str = "command"
) -> list[dict]:
    """Imports properties.csv, units.csv, tenants.csv, leases.csv found in `directory`, in that order (one
    transaction per file); stops at the first file with errors (later files reference its rows). A dry run
    imports them all inside one transaction and rolls it back, so units can refer to the properties of the same
    directory. Returns each run as a dict (status, counts, errors)."""
    from pathlib import Path

    files = [(kind, Path(directory) / f"{kind}.csv") for kind in ORDER]
    files = [(kind, path) for kind, path in files if path.exists()]
    if not files:
        raise ApplicationError(f"No properties.csv, units.csv, tenants.csv or leases.csv in {directory}.")
    results = []
    with transaction.atomic():
        for kind, path in files:
            content = decode(path.read_bytes())
            run = ImportRun.objects.create(
                kind=kind, dry_run=False, file_name=path.name, requested_by=requested_by, content=content
            )
            run = import_run_execute(run_id=run.pk, today=today)
            results.append(
                {
                    "kind": kind,
                    "status": ImportRun.Status.VALIDATED if dry_run and run.status == "committed" else run.status,
                    "total_rows": run.total_rows,
                    "created": run.created_count,
                    "updated": run.updated_count,
                    "error_rows": run.error_count,
                    "errors": run.errors,
                    "message": run.message,
                    "summary": run.summary,
                }
            )
            if run.status in (ImportRun.Status.INVALID, ImportRun.Status.FAILED):
                break
        if dry_run:
            transaction.set_rollback(True)
    return results
