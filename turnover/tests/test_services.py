"""Turnover services: opening on notice (through the lifecycle's signal), stage moves, deductions, the letter and
its send (PDF, email, ledger charge), exact to the cent."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.exceptions import ApplicationError
from core.models import OutboxMessage
from tenants.models import TenantLedgerEntry
from tenants.services import lease_activate_new, lease_give_notice, lease_mark_vacant
from tenants.tests.factories import LeaseFactory, TenantFactory
from turnover.models import TurnoverCase, TurnoverEvent
from turnover.services import (
    deduction_add,
    deduction_approve,
    deduction_delete,
    letter_generate,
    letter_send,
    turnover_cases_backfill,
    turnover_cases_open,
    turnover_stage_move,
)
from units.models import UnitsMaintenance
from units.selectors import MOVE_OUT_INSPECTION_TITLE
from units.tests.factories import WorkOrderFactory

pytestmark = pytest.mark.django_db(transaction=False)
D = Decimal


def _give_notice(lease=None, *, days=40):
    lease = lease or LeaseFactory(unit__square_feet=800, unit__bedrooms=2)
    today = timezone.localdate()
    lease_give_notice(
        lease=lease, actor="user:test@example.com", notice_move_out_date=today + datetime.timedelta(days=days)
    )
    return lease


def test_giving_notice_opens_a_case_with_an_inspection_and_eight_checklist_items(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lease = _give_notice()
    case = TurnoverCase.objects.get(lease=lease)
    today = timezone.localdate()
    assert case.stage == "notice" and case.notice_date == today
    assert case.expected_move_out == today + datetime.timedelta(days=40)
    assert case.security_deposit == D("1700.00") and case.refund_amount == D("1700.00")
    wo = case.inspection_work_order
    assert wo.title == MOVE_OUT_INSPECTION_TITLE and wo.category == "turnover"
    assert wo.scheduled_date == case.expected_move_out - datetime.timedelta(days=2)
    items = list(case.checklist_items.all())
    assert len(items) == 8
    assert case.make_ready_estimated_cost == sum(i.estimated_cost for i in items)  # no unit history yet
    assert TurnoverEvent.objects.filter(case=case, kind="opened").count() == 1


def test_opening_is_idempotent_and_reuses_the_command_centers_open_inspection():
    lease = LeaseFactory(notice=True)
    existing = WorkOrderFactory(unit=lease.unit, title=MOVE_OUT_INSPECTION_TITLE, category="turnover", status="open")
    first = turnover_cases_open(lease_ids=[lease.pk])
    again = turnover_cases_open(lease_ids=[lease.pk])
    assert len(first) == 1 and again == []
    assert first[0].inspection_work_order_id == existing.pk
    assert UnitsMaintenance.objects.filter(unit=lease.unit, title=MOVE_OUT_INSPECTION_TITLE).count() == 1


def test_a_lease_vacant_without_a_case_opens_at_inspect():
    lease = LeaseFactory(vacant=True)
    (case,) = turnover_cases_open(lease_ids=[lease.pk])
    assert case.stage == "inspect" and case.actual_move_out == lease.actual_move_out_date
    assert case.inspection_date == timezone.localdate()


def test_moving_out_stamps_the_actual_move_out(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lease = _give_notice()
    with django_capture_on_commit_callbacks(execute=True):
        lease_mark_vacant(lease=lease, actor="user:x", actual_move_out_date=timezone.localdate())
    case = TurnoverCase.objects.get(lease=lease)
    assert case.actual_move_out == timezone.localdate() and case.stage == "notice"


def test_stage_moves_forward_one_at_a_time_and_back_only_with_a_reason():
    case = turnover_cases_open(lease_ids=[LeaseFactory(notice=True).pk])[0]
    with pytest.raises(ApplicationError) as refused:
        turnover_stage_move(case=case, stage="listed", actor="user:x")
    assert refused.value.extra["allowed"][0] == {"stage": "inspect", "direction": "forward", "reason_required": False}
    case = turnover_stage_move(case=case, stage="inspect", actor="user:x")
    case = turnover_stage_move(case=case, stage="make_ready", actor="user:x")
    assert case.inspection_date == case.make_ready_start == timezone.localdate()
    with pytest.raises(ApplicationError, match="needs a reason"):
        turnover_stage_move(case=case, stage="inspect", actor="user:x")
    case = turnover_stage_move(case=case, stage="inspect", actor="user:x", reason="Missed the bathroom")
    assert case.stage == "inspect" and case.make_ready_start is None
    back = TurnoverEvent.objects.get(case=case, kind="back")
    assert back.reason == "Missed the bathroom" and back.from_stage == "make_ready"


def test_leased_needs_the_new_lease_and_a_new_lease_on_the_unit_closes_the_case(django_capture_on_commit_callbacks):
    lease = LeaseFactory(vacant=True)
    case = turnover_cases_open(lease_ids=[lease.pk])[0]
    for stage in ("make_ready", "listed"):
        case = turnover_stage_move(case=case, stage=stage, actor="user:x")
    with pytest.raises(ApplicationError, match="new lease"):
        turnover_stage_move(case=case, stage="leased", actor="user:x")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        lease_activate_new(
            lease=lease,
            actor="user:x",
            tenant=TenantFactory(),
            lease_begin_date=today,
            lease_end_date=today + datetime.timedelta(days=365),
            monthly_rent_amount=D("1800.00"),
        )
    case.refresh_from_db()
    assert case.stage == "leased" and case.new_lease_id == lease.pk and case.leased_date == today


def _moved_out_case(deposit="1500.00"):
    lease = LeaseFactory(
        vacant=True, security_deposit=D(deposit), property__state="CA", property__jurisdiction_state="CA"
    )
    return turnover_cases_open(lease_ids=[lease.pk])[0]


def test_deposit_math_is_exact_to_the_cent_with_depreciation():
    case = _moved_out_case("1500.00")
    deduction_add(case=case, category="cleaning", description="Oven and fridge", amount="120.10", approved=True)
    carpet = deduction_add(
        case=case,
        category="carpet",
        description="Carpet replaced (pet stains)",
        amount="2333.33",
        life_item="carpet",
        item_age_years="8",
        approved=True,
    )
    assert carpet.chargeable_amount == D("466.67")  # 2333.33 x 2/10 = 466.666 -> 466.67 half-up
    unapproved = deduction_add(case=case, category="other", description="Scuffed door", amount="40.00")
    case.refresh_from_db()
    assert case.total_deductions == D("586.77") and case.refund_amount == D("913.23") and case.balance_owed == 0
    deduction_approve(deduction=unapproved)
    case.refresh_from_db()
    assert case.total_deductions == D("626.77") and case.refund_amount == D("873.23")
    deduction_delete(deduction=unapproved)
    case.refresh_from_db()
    assert case.total_deductions == D("586.77")


@pytest.mark.parametrize("amount", ["0", "-5", "12.345", "50000.01", "abc", None, "1e3"])
def test_deduction_amounts_are_positive_bounded_cents(amount):
    case = _moved_out_case()
    with pytest.raises(ApplicationError):
        deduction_add(case=case, category="cleaning", description="x", amount=amount)


def test_letter_names_each_deduction_the_totals_and_the_state_deadline_and_sends_once_with_the_balance_charged():
    case = _moved_out_case("500.00")
    move_out = case.actual_move_out
    deduction_add(
        case=case, category="cleaning", description="Deep clean of the kitchen", amount="300.00", approved=True
    )
    deduction_add(
        case=case,
        category="paint",
        description="Repaint of the living room",
        amount="900.00",
        life_item="interior_paint",
        item_age_years="1",
        approved=True,
    )  # 900 x 2/3 = 600.00
    case = letter_generate(case=case, actor="user:x")
    text = case.letter_text
    deadline = move_out + datetime.timedelta(days=21)  # Cal. Civ. Code §1950.5(g)(1): 21 days after vacating
    for figure in (
        "Deep clean of the kitchen",
        "Repaint of the living room",
        "$300.00",
        "$600.00",
        "$500.00",
        "$900.00",
        "Balance you owe: $400.00",
        f"{deadline:%B} {deadline.day}, {deadline.year}",
        "Cal. Civ. Code §1950.5(g)(1)",
    ):
        assert figure in text, figure
    assert case.letter_deadline == deadline and case.letter_provider == "offline"
    case = letter_send(case=case, actor="user:x")
    again = letter_send(case=case, actor="user:x")
    assert again.letter_sent_at == case.letter_sent_at
    assert OutboxMessage.objects.filter(feature="turnover").count() == 1
    charges = TenantLedgerEntry.objects.filter(tenant=case.lease.tenant, trans_type="Charge", charge_code="damage")
    assert [c.amount for c in charges] == [D("400.00")]
    assert case.balance_charge_id == charges[0].pk
    with pytest.raises(ApplicationError, match="final"):
        deduction_add(case=case, category="other", description="late", amount="1.00")


def test_backfill_opens_notice_and_recently_vacated_once():
    notice = LeaseFactory(notice=True)
    recent = LeaseFactory(vacant=True)
    old = LeaseFactory(vacant=True, actual_move_out_date=timezone.localdate() - datetime.timedelta(days=200))
    turnover_cases_backfill()
    turnover_cases_backfill()
    assert set(TurnoverCase.objects.values_list("lease_id", flat=True)) == {notice.pk, recent.pk}
    assert old.pk not in set(TurnoverCase.objects.values_list("lease_id", flat=True))


def test_opening_reads_a_fixed_number_of_queries_before_each_case():
    leases = [LeaseFactory(notice=True).pk for _ in range(3)]
    with CaptureQueriesContext(connection) as ctx:
        turnover_cases_open(lease_ids=leases)
    three = len(ctx.captured_queries)
    more = [LeaseFactory(notice=True).pk for _ in range(6)]
    with CaptureQueriesContext(connection) as ctx:
        turnover_cases_open(lease_ids=more)
    assert len(ctx.captured_queries) <= three * 2 + 5
