"""Turnover records: scoped by property like every property record, and their invariants held by the database."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import scoping
from invoices.tests.factories import VendorFactory
from turnover.models import TurnoverCase, TurnoverChecklist, TurnoverDeduction
from turnover.tests.factories import TurnoverCaseFactory, TurnoverChecklistFactory, TurnoverDeductionFactory
from units.tests.factories import WorkOrderFactory

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_scoped_manager_sees_only_their_properties_cases_deductions_and_checklist(make_user):
    mine, theirs = TurnoverCaseFactory(), TurnoverCaseFactory()
    for case in (mine, theirs):
        TurnoverDeductionFactory(case=case)
        TurnoverChecklistFactory(case=case)
    scoped = make_user("property_manager", properties=[mine.property]).user
    with scoping.scoped_to(scoped):
        assert list(TurnoverCase.objects.all()) == [mine]
        assert not TurnoverCase.objects.filter(pk=theirs.pk).exists()
        assert {d.case_id for d in TurnoverDeduction.objects.all()} == {mine.pk}
        assert {c.case_id for c in TurnoverChecklist.objects.all()} == {mine.pk}
    everyone = make_user("property_manager").user
    with scoping.scoped_to(everyone):
        assert TurnoverCase.objects.count() == 2
    assert TurnoverCase.objects.count() == 2  # no scope outside a request (agents, tasks)


def test_one_open_case_per_lease_and_a_new_one_once_leased():
    case = TurnoverCaseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TurnoverCaseFactory(lease=case.lease)
    case.stage = TurnoverCase.Stage.LEASED
    case.save()
    again = TurnoverCaseFactory(lease=case.lease)  # the lease re-let and given notice again
    assert set(case.lease.turnover_cases.all()) == {case, again}


def test_full_clean_reports_the_open_case_in_words():
    case = TurnoverCaseFactory()
    duplicate = TurnoverCaseFactory.build(lease=case.lease)
    with pytest.raises(ValidationError, match="already has an open turnover case"):
        duplicate.full_clean()


@pytest.mark.parametrize(
    "changes",
    [
        {"refund_amount": D("10.00"), "balance_owed": D("5.00")},  # both a refund and a balance
        {"security_deposit": D("-1.00")},
        {"balance_owed": D("-0.01"), "refund_amount": 0},
        {"make_ready_estimated_cost": D("-1")},
        {"days_vacant": -1},
        {"target_days_to_lease": 0},
    ],
)
def test_case_amounts_and_days_are_checked(changes):
    case = TurnoverCaseFactory()
    for field, value in changes.items():
        setattr(case, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        case.save()


def test_move_out_not_before_notice():
    case = TurnoverCaseFactory()
    case.expected_move_out = case.notice_date - timezone.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        case.save()
    case.expected_move_out = case.notice_date  # same day is allowed
    case.save()


def test_balance_owed_instead_of_a_negative_refund():
    case = TurnoverCaseFactory(
        security_deposit=D("300"), total_deductions=D("450"), refund_amount=0, balance_owed=D("150")
    )
    case.refresh_from_db()
    assert (case.refund_amount, case.balance_owed) == (D("0.00"), D("150.00"))


@pytest.mark.parametrize(
    "fields",
    [
        {"amount": D("-1"), "chargeable_amount": D("0")},
        {"amount": D("100"), "chargeable_amount": D("100.01")},  # more than the cost
        {"life_item": "carpet"},  # item without age and life
        {"item_age_years": D("2"), "useful_life_years": D("10")},  # age without an item
        {"life_item": "carpet", "item_age_years": D("-1"), "useful_life_years": D("10")},
        {"life_item": "carpet", "item_age_years": D("2"), "useful_life_years": D("0")},
    ],
)
def test_deduction_invariants(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        TurnoverDeductionFactory(**fields)


def test_depreciated_deduction_with_its_life():
    deduction = TurnoverDeductionFactory(
        category=TurnoverDeduction.Category.CARPET,
        amount=D("1000"),
        life_item="carpet",
        item_age_years=D("8"),
        useful_life_years=D("10"),
        chargeable_amount=D("200"),
        approved=True,
    )
    assert deduction.case.deductions.get().chargeable_amount == D("200.00")


def test_checklist_links_an_invoices_vendor_and_a_work_order_and_checks_itself():
    item = TurnoverChecklistFactory(vendor=VendorFactory())
    item.work_order = WorkOrderFactory(unit=item.case.unit)
    item.completed, item.completed_at, item.completed_by = True, timezone.now(), "user:pm@example.com"
    item.save()
    assert item.vendor.turnover_checklist_items.get() == item
    with pytest.raises(IntegrityError), transaction.atomic():
        TurnoverChecklistFactory(case=item.case, category=item.category, item=item.item)  # once per case
    with pytest.raises(IntegrityError), transaction.atomic():
        TurnoverChecklistFactory(completed=True)  # completed without a time
    with pytest.raises(IntegrityError), transaction.atomic():
        TurnoverChecklistFactory(actual_cost=D("-0.01"))


def test_vendor_deleted_leaves_the_item():
    item = TurnoverChecklistFactory(vendor=VendorFactory())
    item.vendor.delete()
    item.refresh_from_db()
    assert item.vendor_id is None
