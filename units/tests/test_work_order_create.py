import datetime

import pytest

from core.exceptions import ApplicationError
from units.models import UnitsMaintenance
from units.selectors import open_work_orders_by_unit
from units.services import work_order_create
from units.tests.factories import UnitFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_work_order_create_numbers_after_the_highest_and_copies_the_property():
    unit = UnitFactory()
    WorkOrderFactory(work_order_number="WO-0000041")
    WorkOrderFactory(work_order_number="WO-T000099")  # other shapes are ignored
    wo = work_order_create(
        unit=unit,
        title="Move-out inspection",
        category="turnover",
        priority="high",
        description="Walk-through",
        scheduled_date=TODAY + datetime.timedelta(days=5),
        reported_by="user:pat@example.com",
    )
    wo.refresh_from_db()
    assert wo.work_order_number == "WO-0000042"
    assert (wo.unit_id, wo.property_id, wo.category, wo.priority, wo.status) == (
        unit.pk,
        unit.property_id,
        "turnover",
        "high",
        "open",
    )
    assert wo.requested_date == TODAY and wo.scheduled_date == TODAY + datetime.timedelta(days=5)
    assert work_order_create(unit=unit, title="Second").work_order_number == "WO-0000043"


def test_work_order_create_starts_at_one():
    assert work_order_create(unit=UnitFactory(), title="First").work_order_number == "WO-0000001"


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"title": "  "}, "needs a title"),
        ({"title": "x", "category": "magic"}, "Unknown work order category"),
        ({"title": "x", "priority": "whenever"}, "Unknown work order priority"),
        ({"title": "x", "scheduled_date": TODAY - datetime.timedelta(days=1)}, "cannot be before"),
    ],
)
def test_work_order_create_validates(kwargs, message):
    with pytest.raises(ApplicationError, match=message):
        work_order_create(unit=UnitFactory(), **kwargs)
    assert not UnitsMaintenance.objects.exists()


def test_open_work_orders_by_unit_filters_category_titles_and_status(django_assert_num_queries):
    a, b = UnitFactory(), UnitFactory()
    inspection = WorkOrderFactory(unit=a, title="Move-out inspection", category="turnover")
    WorkOrderFactory(unit=a, title="Move-out inspection", category="turnover", status="completed")
    WorkOrderFactory(unit=b, title="Leaking faucet", category="plumbing")
    with django_assert_num_queries(1):
        found = open_work_orders_by_unit(unit_ids=[a.pk, b.pk], category="turnover", titles=["Move-out inspection"])
    assert found == {a.pk: {"Move-out inspection": inspection.pk}}
