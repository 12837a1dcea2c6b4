"""Writes on tenants and leases.

Every change of `TenantLease.lease_status` goes through `lease_transition` (one lease) or
`lease_statuses_classify` (the nightly agent, set-based). Both enforce the transition table of
`tenants.lifecycle`, write a `LeaseStatusLog` row per move, keep the unit's status in step (through
`units.services`) and send `tenants.signals.lease_status_changed` after commit.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from core.exceptions import ApplicationError
from core.fields import date_in_window
from core.notifications.services import notification_create
from tenants import lifecycle
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT
from tenants.models import LeaseStatusLog, TenantLease
from tenants.signals import lease_status_changed_send_on_commit
from units.services import unit_status_set

# The database constraint behind "one lease in occupancy per unit" (tenants.models.TenantLease.Meta).
OCCUPANCY_CONSTRAINT = "tenant_lease_one_occupying_per_unit"

# Fields a transition may set besides the lifecycle columns it manages itself.
_ACTIVATION_FIELDS = {
    "tenant",
    "lease_number",
    "lease_begin_date",
    "lease_end_date",
    "move_in_date",
    "monthly_rent_amount",
    "security_deposit",
}
_ALLOWED_FIELDS = {
    MONTH_TO_MONTH: {"holdover_start_date"},
    NOTICE: {"notice_date", "notice_move_out_date"},
    VACANT: {"actual_move_out_date"},
    ACTIVE: _ACTIVATION_FIELDS,
}


def _iso(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _lock(lease: TenantLease) -> TenantLease:
    try:
        return TenantLease.objects.select_for_update().get(pk=lease.pk)
    except TenantLease.DoesNotExist:
        raise ApplicationError("Lease not found.", status_code=404)


def lease_transition(
    *,
    lease: TenantLease,
    to_status: str,
    actor: str,
    reason: str = "",
    when: datetime.datetime | None = None,
    metadata: dict | None = None,
    from_statuses: tuple[str, ...] | None = None,
    **fields,
) -> TenantLease:
    """Moves one lease to `to_status` and returns the updated lease (a fresh instance; `lease` is not mutated).

    In one transaction: locks the row, checks the transition table, sets the lifecycle fields, writes a
    LeaseStatusLog, sets the unit status (vacant -> 'vacant', active -> 'occupied'). After commit, sends
    `lease_status_changed`. Raises ApplicationError (400) for a refused move or invalid fields, 404 if the
    lease no longer exists. `from_statuses` narrows the allowed starting states further (checked under
    the lock), e.g. a renewal only starts from month_to_month.

    `fields` per target status:
      month_to_month  holdover_start_date (default lease_end_date + 1 day; today if no end date)
      notice          notice_date (default today), notice_move_out_date (required; >= notice_date + 30 days)
      vacant          actual_move_out_date (default today; not in the future)
      active          lease_end_date (required, in the future), monthly_rent_amount, lease_begin_date,
                      move_in_date, security_deposit, tenant, lease_number. Clears the holdover and
                      notice dates (and the move-out date when re-letting a vacant lease).
    """
    when = when or timezone.now()
    today = timezone.localdate(when)
    unknown = set(fields) - _ALLOWED_FIELDS.get(to_status, set())
    if to_status in lifecycle.STATUSES and unknown:
        raise ApplicationError(f"Cannot set {', '.join(sorted(unknown))} when moving a lease to {to_status}.")

    with transaction.atomic():
        locked = _lock(lease)
        previous = locked.lease_status
        error = lifecycle.transition_error(previous, to_status)
        if error is None and from_statuses and previous not in from_statuses:
            words = " or ".join(lifecycle.STATUS_WORDS[s] for s in from_statuses)
            error = f"Only a {words} lease can be moved to {lifecycle.STATUS_WORDS[to_status]} this way."
        if error:
            raise ApplicationError(error)

        changes, meta = _transition_changes(
            lease=locked, previous=previous, to_status=to_status, today=today, fields=fields
        )
        if previous not in lifecycle.OCCUPYING and to_status in lifecycle.OCCUPYING:
            _refuse_second_occupant(locked)
        changes.update(lease_status=to_status, lease_status_changed_at=when, lease_status_changed_by=actor[:100])
        for name, value in changes.items():
            setattr(locked, name, value)
        try:
            with transaction.atomic():
                locked.save(update_fields=[*changes, "updated_at"])
        except IntegrityError as exc:  # another lease took the unit between the check and the write
            if not is_occupancy_violation(exc):
                raise
            _refuse_second_occupant(locked)
            raise ApplicationError("This unit already has a lease in occupancy.") from exc

        LeaseStatusLog.objects.create(
            lease=locked,
            previous_status=previous,
            new_status=to_status,
            reason=(reason or "")[:200],
            changed_by=actor[:100],
            metadata={**meta, **(metadata or {})},
        )
        unit_status = lifecycle.UNIT_STATUS_AFTER[to_status]
        if unit_status:
            unit_status_set(unit_ids=[locked.unit_id], status=unit_status)
        lease_status_changed_send_on_commit(
            lease_ids=[locked.pk], previous_status=previous, new_status=to_status, actor=actor, reason=reason or ""
        )
    return locked


def is_occupancy_violation(exc: IntegrityError) -> bool:
    """Whether `exc` is the "one lease in occupancy per unit" constraint (PostgreSQL names the constraint,
    SQLite the column of its partial unique index)."""
    text = str(exc)
    return OCCUPANCY_CONSTRAINT in text or "tenant_lease.unit_id" in text


def _refuse_second_occupant(lease: TenantLease) -> None:
    """ApplicationError (400) naming the lease that already occupies `lease`'s unit, if there is one."""
    other = (
        TenantLease.objects.filter(unit_id=lease.unit_id, lease_status__in=lifecycle.OCCUPYING)
        .exclude(pk=lease.pk)
        .only("lease_number", "lease_status")
        .first()
    )
    if other is not None:
        raise ApplicationError(
            f"Lease {other.lease_number} is still {lifecycle.STATUS_WORDS[other.lease_status]} on this unit: "
            "move it out (notice, then vacant) before another lease can start."
        )


def _transition_changes(*, lease: TenantLease, previous: str, to_status: str, today: datetime.date, fields: dict):
    """The column values for a move and the log metadata describing it. Raises ApplicationError on bad input."""
    if to_status == MONTH_TO_MONTH:
        start = fields.get("holdover_start_date") or lifecycle.holdover_start(lease.lease_end_date, today=today)
        return {"holdover_start_date": start}, {
            "holdover_start_date": _iso(start),
            "lease_end_date": _iso(lease.lease_end_date),
        }

    if to_status == NOTICE:
        notice_date = fields.get("notice_date") or today
        move_out = fields.get("notice_move_out_date")
        if move_out is None:
            raise ApplicationError("A move-out date is required to record a notice.")
        date_in_window(notice_date, "The notice date", field="notice_date")
        date_in_window(move_out, "The move-out date", field="notice_move_out_date")
        error = lifecycle.notice_period_error(
            notice_date=notice_date, move_out_date=move_out
        ) or lifecycle.lease_dates_error(
            lease_begin_date=lease.lease_begin_date, notice_date=notice_date, move_out_date=move_out
        )
        if error:
            raise ApplicationError(error)
        changes = {"notice_date": notice_date, "notice_move_out_date": move_out, "actual_move_out_date": None}
        return changes, {"notice_date": _iso(notice_date), "notice_move_out_date": _iso(move_out)}

    if to_status == VACANT:
        move_out = fields.get("actual_move_out_date") or today
        if move_out > today:
            raise ApplicationError("The move-out date cannot be in the future.")
        date_in_window(move_out, "The move-out date", field="actual_move_out_date")
        error = lifecycle.lease_dates_error(
            lease_begin_date=lease.lease_begin_date,
            move_out_date=move_out,
            lease_notice_date=lease.notice_date if previous == NOTICE else None,
        )
        if error:
            raise ApplicationError(error)
        return {"actual_move_out_date": move_out}, {
            "actual_move_out_date": _iso(move_out),
            "notice_move_out_date": _iso(lease.notice_move_out_date),
        }

    # ACTIVE: a renewal (from month-to-month) or a new lease on the unit (from vacant).
    end = fields.get("lease_end_date")
    if end is None:
        raise ApplicationError("A new lease end date is required.")
    if end <= today:
        raise ApplicationError("The new lease end date must be in the future.")
    date_in_window(end, "The lease end date", field="lease_end_date")
    date_in_window(fields.get("lease_begin_date"), "The lease begin date", field="lease_begin_date")
    begin = fields.get("lease_begin_date") or lease.lease_begin_date
    if begin and begin >= end:
        raise ApplicationError("The lease begin date must be before its end date.")
    rent = fields.get("monthly_rent_amount")
    if rent is not None and rent <= 0:
        raise ApplicationError("The monthly rent must be greater than zero.")
    changes = {k: v for k, v in fields.items() if v is not None}
    number = changes.get("lease_number")
    if number and TenantLease.objects.filter(lease_number=number).exclude(pk=lease.pk).exists():
        raise ApplicationError(f"Lease number {number} is already in use.")
    changes.update(
        lease_begin_date=begin, lease_end_date=end, status=TenantLease.Status.ACTIVE, holdover_start_date=None
    )
    changes.update(notice_date=None, notice_move_out_date=None)
    if previous == VACANT:
        changes["actual_move_out_date"] = None
    meta = {
        "kind": "renewal" if previous == MONTH_TO_MONTH else "new_lease",
        "previous_lease_end_date": _iso(lease.lease_end_date),
        "lease_end_date": _iso(end),
        "previous_monthly_rent_amount": _iso(lease.monthly_rent_amount),
        "monthly_rent_amount": _iso(changes.get("monthly_rent_amount", lease.monthly_rent_amount)),
    }
    if "tenant" in changes:
        meta["previous_tenant_id"] = str(lease.tenant_id)
        meta["tenant_id"] = str(changes["tenant"].pk)
    return changes, meta


def lease_convert_mtm(*, lease: TenantLease, actor: str, reason: str = "") -> TenantLease:
    """Active -> month-to-month by hand (the nightly agent does it when the end date passes)."""
    return lease_transition(
        lease=lease, to_status=MONTH_TO_MONTH, actor=actor, reason=reason or "Converted to month-to-month"
    )


def lease_give_notice(
    *,
    lease: TenantLease,
    actor: str,
    notice_move_out_date: datetime.date,
    notice_date: datetime.date | None = None,
    reason: str = "",
) -> TenantLease:
    """Active or month-to-month -> notice. Move-out at least 30 days after the notice date (default today)."""
    return lease_transition(
        lease=lease,
        to_status=NOTICE,
        actor=actor,
        reason=reason or "Notice given",
        notice_date=notice_date,
        notice_move_out_date=notice_move_out_date,
    )


def lease_mark_vacant(
    *, lease: TenantLease, actor: str, actual_move_out_date: datetime.date | None = None, reason: str = ""
) -> TenantLease:
    """Notice -> vacant after the move-out (default today); the unit becomes 'vacant'."""
    return lease_transition(
        lease=lease,
        to_status=VACANT,
        actor=actor,
        reason=reason or "Tenant moved out",
        actual_move_out_date=actual_move_out_date,
    )


def lease_renew(
    *,
    lease: TenantLease,
    actor: str,
    lease_end_date: datetime.date,
    monthly_rent_amount: Decimal | None = None,
    lease_begin_date: datetime.date | None = None,
    reason: str = "",
) -> TenantLease:
    """Month-to-month -> active on a signed renewal (feature 1.2): new end date and, optionally, rent."""
    return lease_transition(
        lease=lease,
        to_status=ACTIVE,
        actor=actor,
        reason=reason or "Lease renewed",
        from_statuses=(MONTH_TO_MONTH,),
        lease_end_date=lease_end_date,
        monthly_rent_amount=monthly_rent_amount,
        lease_begin_date=lease_begin_date,
    )


def lease_activate_new(
    *,
    lease: TenantLease,
    actor: str,
    lease_begin_date: datetime.date,
    lease_end_date: datetime.date,
    monthly_rent_amount: Decimal,
    tenant=None,
    move_in_date: datetime.date | None = None,
    security_deposit: Decimal | None = None,
    lease_number: str | None = None,
    reason: str = "",
) -> TenantLease:
    """Vacant -> active when a new lease is signed for the unit; the unit becomes 'occupied'."""
    return lease_transition(
        lease=lease,
        to_status=ACTIVE,
        actor=actor,
        reason=reason or "New lease signed",
        from_statuses=(VACANT,),
        lease_begin_date=lease_begin_date,
        lease_end_date=lease_end_date,
        monthly_rent_amount=monthly_rent_amount,
        tenant=tenant,
        move_in_date=move_in_date,
        security_deposit=security_deposit,
        lease_number=lease_number,
    )


# --- the nightly agent -------------------------------------------------------------------------------


def lease_statuses_classify(
    *, today: datetime.date | None = None, chunk_size: int = 2000, actor: str = lifecycle.AGENT_ACTOR
) -> str:
    """Spec 1.1 daily classification, set-based. Returns "Transitioned X to MTM, Y to vacant."

    1. active leases whose lease_end_date < today -> month_to_month, holdover_start_date = end + 1 day;
    2. notice leases whose notice_move_out_date < today and no actual_move_out_date -> vacant,
       actual_move_out_date = notice_move_out_date, and their units -> 'vacant'.
    Per chunk of up to `chunk_size` leases, in one transaction: one SELECT ... FOR UPDATE of the ids,
    one UPDATE of the leases, one bulk INSERT of LeaseStatusLog rows, (step 2) one UPDATE of the units,
    then `lease_status_changed` after commit. Same end state as the spec's per-row loop; a second run
    finds nothing to do.
    """
    if chunk_size < 1:
        raise ApplicationError("chunk_size must be at least 1.")
    today = today or timezone.localdate()
    now = timezone.now()
    to_mtm = _classify_in_chunks(
        where=Q(lease_status=ACTIVE, lease_end_date__lt=today),
        previous=ACTIVE,
        new=MONTH_TO_MONTH,
        updates={"holdover_start_date": F("lease_end_date") + datetime.timedelta(days=1)},
        metadata=lambda row: {
            "lease_end_date": _iso(row["lease_end_date"]),
            "holdover_start_date": _iso(row["lease_end_date"] + datetime.timedelta(days=1)),
        },
        reason=lifecycle.REASON_END_DATE_PASSED,
        unit_status=None,
        actor=actor,
        now=now,
        chunk_size=chunk_size,
    )
    to_vacant = _classify_in_chunks(
        where=Q(lease_status=NOTICE, notice_move_out_date__lt=today, actual_move_out_date__isnull=True),
        previous=NOTICE,
        new=VACANT,
        updates={"actual_move_out_date": F("notice_move_out_date")},
        metadata=lambda row: {"actual_move_out_date": _iso(row["notice_move_out_date"])},
        reason=lifecycle.REASON_MOVE_OUT_PASSED,
        unit_status=lifecycle.UNIT_STATUS_AFTER[VACANT],
        actor=actor,
        now=now,
        chunk_size=chunk_size,
    )
    _notify_classification(to_mtm=to_mtm, to_vacant=to_vacant, today=today)
    return f"Transitioned {to_mtm} to MTM, {to_vacant} to vacant."


def _notify_classification(*, to_mtm: int, to_vacant: int, today: datetime.date) -> None:
    """Tells the manager (the bell, portfolio-wide) what the night's classification changed; nothing if nothing."""
    if not (to_mtm or to_vacant):
        return
    parts = []
    if to_mtm:
        parts.append(f"{to_mtm:,} lease{'s' if to_mtm != 1 else ''} passed their end date and are now month-to-month")
    if to_vacant:
        parts.append(f"{to_vacant:,} unit{'s' if to_vacant != 1 else ''} became vacant after the move-out date")
    notification_create(
        kind="tenants.lifecycle",
        severity="info",
        title=f"Lease lifecycle on {today:%b %-d}: {to_mtm:,} to month-to-month, {to_vacant:,} vacant",
        body="; ".join(parts) + ". Review renewals and listings for them.",
        link="/lifecycle" if to_mtm else "/portfolio/command-center",
        dedupe_key=f"tenants:lifecycle:{today.isoformat()}",
    )


def _classify_in_chunks(
    *, where: Q, previous, new, updates, metadata, reason, unit_status, actor, now, chunk_size
) -> int:
    total = 0
    while True:
        with transaction.atomic():
            rows = list(
                TenantLease.objects.select_for_update()
                .filter(where)
                .order_by()
                .values("id", "unit_id", "lease_end_date", "notice_move_out_date")[:chunk_size]
            )
            if not rows:
                break
            fetched = len(rows)
            ids = [r["id"] for r in rows]
            moved = TenantLease.objects.filter(where, id__in=ids).update(
                lease_status=new,
                lease_status_changed_at=now,
                lease_status_changed_by=actor[:100],
                updated_at=now,
                **updates,
            )
            if moved != len(ids):  # a row changed under us (no row locks on SQLite): log only what moved
                still = set(
                    TenantLease.objects.filter(id__in=ids, lease_status=new, lease_status_changed_at=now).values_list(
                        "id", flat=True
                    )
                )
                rows = [r for r in rows if r["id"] in still]
                ids = [r["id"] for r in rows]
            LeaseStatusLog.objects.bulk_create(
                [
                    LeaseStatusLog(
                        lease_id=r["id"],
                        previous_status=previous,
                        new_status=new,
                        reason=reason,
                        changed_by=actor[:100],
                        metadata=metadata(r),
                    )
                    for r in rows
                ]
            )
            if unit_status:
                unit_status_set(unit_ids=[r["unit_id"] for r in rows], status=unit_status)
            lease_status_changed_send_on_commit(
                lease_ids=ids, previous_status=previous, new_status=new, actor=actor, reason=reason
            )
        total += len(ids)
        if fetched < chunk_size:
            break
    return total
