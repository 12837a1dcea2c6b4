"""The demo's workflow data (demo.turnover, demo.invoices): the turnover board at every stage and the invoice AI
queue in every review state, seeded by `seed_demo` through the features' services."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from collections_app.models import CollectionCase
from demo.seed import portfolio_digest
from invoices.models import InvoiceAIExtraction, Invoices
from invoices.selectors import extraction_stage
from tenants.models import LeaseStatusLog, TenantLease
from turnover import pipeline
from turnover.models import TurnoverCase, TurnoverDeduction, TurnoverEvent
from turnover.selectors import is_delayed
from units.models import UnitsMaintenance

TODAY = datetime.date(2026, 3, 18)


def _seed(*args):
    out = StringIO()
    call_command("seed_demo", "--leases", "1000", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    """One seeded 1,000-lease demo for the module, in a transaction rolled back at the end (the tests' own
    transactions nest inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _seed()
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db]


def test_the_summary_names_the_stages_and_the_queue(seeded):
    assert "turnover" in seeded and "Make Ready" in seeded and "Leased" in seeded
    assert "vendor bills uploaded and read" in seeded and "Opened" in seeded.split("collections")[-1]


def test_the_lifecycle_counts_are_the_planned_ones():
    """Re-let units replay their previous tenancy on the lease row and end as seeded: 653/263/20/64 at 1,000."""
    counts = dict(TenantLease.objects.values_list("lease_status").annotate(n=Count("id")))
    assert counts == {"active": 916, "notice": 20, "vacant": 64}


def test_cases_at_every_stage_with_dates_in_order():
    stages = dict(TurnoverCase.objects.values_list("stage").annotate(n=Count("id")))
    assert set(stages) == set(pipeline.STAGES), stages
    assert stages["notice"] == TenantLease.objects.filter(lease_status="notice").count()
    for case in TurnoverCase.objects.exclude(stage="notice"):
        assert case.actual_move_out is not None and case.actual_move_out <= TODAY
        dates = [case.inspection_date, case.make_ready_start, case.listed_date, case.leased_date]
        reached = dates[: pipeline.index(case.stage)]
        assert all(d is not None and d <= TODAY for d in reached), case.stage
        assert reached == sorted(reached)
    assert any(is_delayed(c) for c in TurnoverCase.objects.all())
    assert TurnoverCase.objects.filter(delayed_at__isnull=False).exists()


def test_leased_cases_closed_by_the_new_lease_of_the_unit():
    leased = list(TurnoverCase.objects.filter(stage="leased").select_related("lease", "new_lease"))
    assert leased
    for case in leased:
        lease = case.new_lease
        assert lease == case.lease and lease.lease_status == "active" and lease.lease_begin_date == case.leased_date
        assert case.listed_date < case.leased_date and case.letter_sent_at is not None
        assert case.letter_message.to != case.lease.tenant.email  # to the tenant who left
        assert [s.new_status for s in LeaseStatusLog.objects.filter(lease=lease).order_by("created_at")] == [
            "notice",
            "vacant",
            "active",
        ]


def test_the_log_is_dated_when_it_happened():
    events = TurnoverEvent.objects.select_related("case")
    assert events.filter(kind="forward", to_stage="make_ready").exists()
    for e in events.filter(kind="forward", to_stage="listed"):
        assert e.created_at.date() == e.case.listed_date
    for e in events.filter(kind="opened", to_stage="notice"):
        assert e.created_at.date() == e.case.notice_date
    latest = max(e.created_at.date() for e in events)
    assert latest <= TODAY or latest == datetime.date.today()


def test_deductions_checklists_and_inspections_worked():
    assert TurnoverDeduction.objects.filter(approved=True, life_item="").exists()
    assert TurnoverDeduction.objects.exclude(life_item="").exists()
    assert not TurnoverDeduction.objects.filter(case__stage__in=("notice", "inspect")).exists()
    make_ready = TurnoverCase.objects.filter(stage="make_ready")
    assert make_ready.filter(checklist_items__completed=True).exists()
    done = UnitsMaintenance.objects.filter(turnover_inspection__stage__in=("make_ready", "listed", "leased"))
    assert done.filter(status="completed").exists()


def test_the_invoice_queue_has_every_review_state():
    extractions = list(InvoiceAIExtraction.objects.select_related("invoice"))
    stages = {extraction_stage(x) for x in extractions}
    assert {"review", "flagged", "duplicate", "approved", "rejected"} <= stages
    assert all(x.status == "extracted" and x.provider == "offline" for x in extractions)
    assert all(x.source_file_id for x in extractions)
    approved = Invoices.objects.filter(ai_extraction__review_state="approved")
    assert approved.exists() and all(i.line_items.exists() and i.total_amount > 0 for i in approved)
    pending = [x for x in extractions if extraction_stage(x) == "review"]
    assert any(x.matched_work_order_id for x in pending)
    flagged = next(x for x in extractions if extraction_stage(x) == "flagged")
    assert flagged.price_anomaly_detected and flagged.flag_reason


def test_the_collections_scan_ran():
    overdue = CollectionCase.objects.filter(status="open")
    assert overdue.exists() and overdue.count() == CollectionCase.objects.count()


def test_reseeding_gives_the_same_board_and_portfolio():
    def board():
        return sorted(
            TurnoverCase.objects.values_list("unit__unit_number", "stage", "listed_date", "total_deductions")
        ), sorted(Invoices.objects.filter(ai_extraction__isnull=False).values_list("status", "total_amount"))

    first, digest = board(), portfolio_digest()
    _seed("--reset")
    assert board() == first and portfolio_digest() == digest
