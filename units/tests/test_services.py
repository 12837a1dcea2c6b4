import pytest

from core.exceptions import ApplicationError
from units.models import UnitsUnit
from units.services import unit_status_set
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_unit_status_set_is_one_update_and_skips_units_already_there(django_assert_num_queries):
    units = [UnitFactory(status="occupied") for _ in range(3)] + [UnitFactory(status="vacant")]
    before = UnitsUnit.objects.get(pk=units[3].pk).updated_at
    with django_assert_num_queries(1):
        changed = unit_status_set(unit_ids=[u.pk for u in units], status="vacant")
    assert changed == 3
    assert set(UnitsUnit.objects.values_list("status", flat=True)) == {"vacant"}
    assert UnitsUnit.objects.get(pk=units[3].pk).updated_at == before


def test_unit_status_set_with_nothing_to_do(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert unit_status_set(unit_ids=[], status="vacant") == 0


def test_unit_status_set_refuses_an_unknown_status():
    with pytest.raises(ApplicationError, match="Unknown unit status"):
        unit_status_set(unit_ids=[UnitFactory().pk], status="haunted")
