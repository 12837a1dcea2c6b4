import datetime
import importlib
import io
import random
from collections import Counter

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Notification
from demo.seed import seed_portfolio
from tenants import lifecycle
from tenants.models import LeaseStatusLog, TenantLease
from tenants.services import lease_statuses_classify
from tenants.signals import lease_status_changed
from tenants.tasks import classify_lease_statuses, initial_lease_reclassification
from tenants.tests.factories import LeaseFactory
from tenants.tests.spec_reference import reference_classify
from units.models import UnitsUnit
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    lease_status_changed.connect(receiver, dispatch_uid="test_tasks.receiver")
    yield calls
    lease_status_changed.disconnect(dispatch_uid="test_tasks.receiver")


@pytest.fixture
def book():
    """Leases on both sides of every rule of the algorithm."""
    return {
        "expired": [LeaseFactory(lease_end_date=TODAY - d * DAY) for d in (1, 2, 30, 400, 2)],
        "ends_today": LeaseFactory(lease_end_date=TODAY),
        "current": LeaseFactory(lease_end_date=TODAY + 100 * DAY),
        "no_end_date": LeaseFactory(lease_end_date=None),
        "moved_out": [
            LeaseFactory(notice=True, notice_move_out_date=TODAY - d * DAY, unit=UnitFactory(status="occupied"))
            for d in (1, 15, 3)
        ],
        "moving_today": LeaseFactory(notice=True, notice_move_out_date=TODAY),
        "moving_later": LeaseFactory(notice=True, notice_move_out_date=TODAY + 20 * DAY),
        "notice_with_actual": LeaseFactory(
            notice=True, notice_move_out_date=TODAY - 3 * DAY, actual_move_out_date=TODAY - 4 * DAY
        ),
        "mtm": LeaseFactory(month_to_month=True),
        "vacant": LeaseFactory(vacant=True),
    }


def test_agent_on_a_factory_built_book(book, django_capture_on_commit_callbacks, received):
    untouched = [
        book[k]
        for k in (
            "ends_today",
            "current",
            "no_end_date",
            "moving_today",
            "moving_later",
            "notice_with_actual",
            "mtm",
            "vacant",
        )
    ]
    before = {lease.pk: TenantLease.objects.values().get(pk=lease.pk) for lease in untouched}

    with django_capture_on_commit_callbacks(execute=True):
        summary = lease_statuses_classify(chunk_size=2)  # several chunks per step

    assert summary == "Transitioned 5 to MTM, 3 to vacant."
    for lease in book["expired"]:
        lease.refresh_from_db()
        assert lease.lease_status == "month_to_month"
        assert lease.holdover_start_date == lease.lease_end_date + DAY
        assert lease.lease_status_changed_by == "system:daily_classify"
        assert lease.lease_status_changed_at is not None
        assert UnitsUnit.objects.get(pk=lease.unit_id).status == "occupied"
    for lease in book["moved_out"]:
        lease.refresh_from_db()
        assert lease.lease_status == "vacant"
        assert lease.actual_move_out_date == lease.notice_move_out_date
        assert UnitsUnit.objects.get(pk=lease.unit_id).status == "vacant"
    for pk, row in before.items():
        assert TenantLease.objects.values().get(pk=pk) == row
    assert UnitsUnit.objects.get(pk=book["moving_later"].unit_id).status == "occupied"

    logs = Counter(LeaseStatusLog.objects.values_list("previous_status", "new_status", "reason", "changed_by"))
    assert logs == {
        ("active", "month_to_month", "Lease end date passed without renewal", "system:daily_classify"): 5,
        ("notice", "vacant", "Move-out date passed", "system:daily_classify"): 3,
    }
    assert set(LeaseStatusLog.objects.values_list("lease_id", flat=True)) == {
        lease.pk for lease in book["expired"] + book["moved_out"]
    }
    one = LeaseStatusLog.objects.get(lease=book["expired"][0])
    assert one.metadata == {
        "lease_end_date": (TODAY - DAY).isoformat(),
        "holdover_start_date": TODAY.isoformat(),
    }

    # The hook: one send per chunk and move, covering every lease exactly once, after commit.
    assert [(c["previous_status"], c["new_status"], len(c["lease_ids"])) for c in received] == [
        ("active", "month_to_month", 2),
        ("active", "month_to_month", 2),
        ("active", "month_to_month", 1),
        ("notice", "vacant", 2),
        ("notice", "vacant", 1),
    ]
    sent = [i for c in received for i in c["lease_ids"]]
    assert sorted(sent) == sorted(lease.pk for lease in book["expired"] + book["moved_out"])
    assert {c["actor"] for c in received} == {"system:daily_classify"}


def test_second_run_changes_nothing(book, django_capture_on_commit_callbacks, received):
    lease_statuses_classify()
    state = list(TenantLease.objects.order_by("id").values())
    units = list(UnitsUnit.objects.order_by("id").values_list("id", "status"))
    logs = LeaseStatusLog.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        assert lease_statuses_classify() == "Transitioned 0 to MTM, 0 to vacant."
    assert list(TenantLease.objects.order_by("id").values()) == state
    assert list(UnitsUnit.objects.order_by("id").values_list("id", "status")) == units
    assert LeaseStatusLog.objects.count() == logs
    assert received == []


def test_an_empty_database():
    assert lease_statuses_classify() == "Transitioned 0 to MTM, 0 to vacant."


@pytest.mark.parametrize(("chunk_size", "chunks"), [(2000, (1, 1)), (25, (2, 2))])
def test_query_count_is_per_chunk_not_per_lease(chunk_size, chunks):
    LeaseFactory.create_batch(40, lease_end_date=TODAY - 10 * DAY)
    for _ in range(30):
        LeaseFactory(notice=True, notice_move_out_date=TODAY - 2 * DAY)
    with CaptureQueriesContext(connection) as ctx:
        assert lease_statuses_classify(chunk_size=chunk_size) == "Transitioned 40 to MTM, 30 to vacant."
    statements = Counter(
        q["sql"].split(" ", 1)[0] + (" units" if "units_unit" in q["sql"].split("WHERE")[0] else "")
        for q in ctx.captured_queries
        if "SAVEPOINT" not in q["sql"]  # the test's own transaction; none in production
    )
    to_mtm, to_vacant = chunks
    # per chunk: SELECT ids FOR UPDATE, UPDATE leases, INSERT logs, and (move-outs) UPDATE units;
    # plus one empty SELECT per step when the last chunk was full; plus, once per run, the manager's notification
    # (SELECT its dedupe key, INSERT it).
    extra_selects = int(40 % chunk_size == 0) + int(30 % chunk_size == 0)
    assert statements == {
        "SELECT": to_mtm + to_vacant + extra_selects + 1,
        "UPDATE": to_mtm + to_vacant,
        "INSERT": to_mtm + to_vacant + 1,
        "UPDATE units": to_vacant,
    }
    note = Notification.objects.get(kind="tenants.lifecycle")
    assert note.title.endswith("40 to month-to-month, 30 vacant") and note.severity == "info"
    assert lease_statuses_classify(chunk_size=chunk_size) == "Transitioned 0 to MTM, 0 to vacant."
    assert Notification.objects.count() == 1  # nothing changed, nothing to say


def _random_book(rng: random.Random, n: int):
    for _ in range(n):
        kind = rng.choice(["active", "active", "mtm", "notice", "vacant", "no_end"])
        end = TODAY + rng.randint(-400, 400) * DAY
        if kind == "active":
            LeaseFactory(lease_end_date=end)
        elif kind == "no_end":
            LeaseFactory(lease_end_date=None)
        elif kind == "mtm":
            LeaseFactory(month_to_month=True)
        elif kind == "notice":
            move_out = TODAY + rng.randint(-40, 40) * DAY
            actual = move_out if rng.random() < 0.2 else None
            LeaseFactory(notice=True, lease_end_date=end, notice_move_out_date=move_out, actual_move_out_date=actual)
        else:
            LeaseFactory(vacant=True)


def _snapshot():
    leases = {
        row["id"]: row
        for row in TenantLease.objects.values(
            "id", "lease_status", "holdover_start_date", "actual_move_out_date", "notice_date",
            "notice_move_out_date", "lease_end_date", "lease_status_changed_by",
        )
    }  # fmt: skip
    units = dict(UnitsUnit.objects.values_list("id", "status"))
    logs = Counter(
        LeaseStatusLog.objects.values_list("lease_id", "previous_status", "new_status", "reason", "changed_by")
    )
    return leases, units, logs


def test_same_result_as_the_spec_per_row_loop():
    _random_book(random.Random(7), 120)
    with transaction.atomic():
        expected_summary = reference_classify()
        expected = _snapshot()
        transaction.set_rollback(True)
    assert LeaseStatusLog.objects.count() == 0  # rolled back

    summary = lease_statuses_classify(chunk_size=17)
    assert summary == expected_summary
    assert _snapshot() == expected
    assert expected_summary != "Transitioned 0 to MTM, 0 to vacant."


def test_the_celery_task_calls_the_service(book):
    assert classify_lease_statuses.delay().get() == "Transitioned 5 to MTM, 3 to vacant."
    assert classify_lease_statuses.delay().get() == "Transitioned 0 to MTM, 0 to vacant."


def test_the_task_takes_an_iso_date_for_replays(book):
    # As of 10 days ago, only the lease that expired 30 and 400 days ago had passed its end date.
    as_of = (TODAY - 10 * DAY).isoformat()
    assert classify_lease_statuses(today=as_of) == "Transitioned 2 to MTM, 1 to vacant."


def test_run_task_command(book):
    out, err = io.StringIO(), io.StringIO()
    call_command("run_task", "tenants.classify_lease_statuses", stdout=out, stderr=err)
    assert out.getvalue().strip() == "Transitioned 5 to MTM, 3 to vacant."


def test_beat_schedule_runs_the_task_daily_at_2am_utc():
    from config.celery import app

    entry = app.conf.beat_schedule["classify-lease-statuses"]
    assert entry["task"] == "tenants.classify_lease_statuses"
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {0}
    assert "tenants.classify_lease_statuses" in app.tasks
    assert "tenants.initial_lease_reclassification" in app.tasks


def test_initial_reclassification_command(book):
    out = io.StringIO()
    call_command("initial_lease_reclassification", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "Would transition 5 to MTM, 3 to vacant."
    assert not LeaseStatusLog.objects.exists()

    out = io.StringIO()
    call_command("initial_lease_reclassification", stdout=out)
    assert out.getvalue().strip() == "Transitioned 5 to MTM, 3 to vacant."
    assert set(LeaseStatusLog.objects.values_list("changed_by", flat=True)) == {lifecycle.INITIAL_ACTOR}

    out = io.StringIO()
    call_command("initial_lease_reclassification", stdout=out)
    assert out.getvalue().strip() == "Transitioned 0 to MTM, 0 to vacant."


def test_initial_reclassification_command_rejects_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today"):
        call_command("initial_lease_reclassification", "--today", "tomorrow")


def test_initial_reclassification_task(book):
    assert initial_lease_reclassification.delay().get() == "Transitioned 5 to MTM, 3 to vacant."


def test_data_migration_classifies_existing_rows(book):
    migration = importlib.import_module("tenants.migrations.0003_initial_lease_reclassification")
    migration.reclassify(django_apps, None)
    for lease in book["expired"]:
        lease.refresh_from_db()
        assert (lease.lease_status, lease.holdover_start_date) == ("month_to_month", lease.lease_end_date + DAY)
        assert lease.lease_status_changed_by == "system:initial_reclassification"
    for lease in book["moved_out"]:
        lease.refresh_from_db()
        assert (lease.lease_status, lease.actual_move_out_date) == ("vacant", lease.notice_move_out_date)
        assert UnitsUnit.objects.get(pk=lease.unit_id).status == "vacant"
    assert LeaseStatusLog.objects.filter(changed_by="system:initial_reclassification").count() == 8
    migration.reclassify(django_apps, None)  # idempotent
    assert LeaseStatusLog.objects.count() == 8
    assert lease_statuses_classify() == "Transitioned 0 to MTM, 0 to vacant."


def test_data_migration_on_an_empty_database():
    migration = importlib.import_module("tenants.migrations.0003_initial_lease_reclassification")
    migration.reclassify(django_apps, None)
    assert not LeaseStatusLog.objects.exists()


# --- the seeded demo portfolio ---------------------------------------------------------------------------


@pytest.mark.slow
def test_agent_on_the_seeded_demo_portfolio(api_client, django_capture_on_commit_callbacks, received):
    seed_portfolio(with_history=False)
    assert TenantLease.objects.filter(lease_status="active", lease_end_date__lt=TODAY).count() == 1146

    with django_capture_on_commit_callbacks(execute=True):
        assert lease_statuses_classify() == "Transitioned 1146 to MTM, 0 to vacant."
    assert sum(len(c["lease_ids"]) for c in received) == 1146

    response = api_client.get("/api/v1/tenants/leases/lifecycle-stats/")
    assert response.json() == {
        "total_leases": 4353,
        "active": 2841,
        "month_to_month": 1146,
        "notice": 87,
        "vacant": 279,
        "expiring_30_days": 142,
        "expiring_60_days": 298,
        "expiring_90_days": 451,
    }
    assert (
        LeaseStatusLog.objects.filter(
            previous_status="active", new_status="month_to_month", changed_by="system:daily_classify"
        ).count()
        == 1146
    )
    assert not TenantLease.objects.filter(lease_status="month_to_month", holdover_start_date__isnull=True).exists()
    vacant_units = UnitsUnit.objects.filter(leases__lease_status="vacant").values_list("status", flat=True)
    assert set(vacant_units) == {"vacant"}

    before = list(TenantLease.objects.order_by("id").values())
    assert lease_statuses_classify() == "Transitioned 0 to MTM, 0 to vacant."
    assert list(TenantLease.objects.order_by("id").values()) == before
    assert LeaseStatusLog.objects.count() == 1146
