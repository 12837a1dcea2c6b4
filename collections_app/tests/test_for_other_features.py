"""Selectors and the note service other features (the portfolio command center) call."""

from decimal import Decimal

import pytest
from django.db.models import CharField, OuterRef, Subquery

from collections_app.models import CollectionAction
from collections_app.selectors import case_is_high_risk, unresolved_case_risk_profile, unresolved_cases_by_tenant
from collections_app.services import case_note_add
from collections_app.tests.factories import CaseFactory
from core.exceptions import ApplicationError
from tenants.models import Tenants

pytestmark = pytest.mark.django_db


def test_unresolved_cases_by_tenant_and_risk_subquery(django_assert_num_queries):
    open_case = CaseFactory(tenant_risk_profile="chronic")
    paid = CaseFactory(status="paid")
    with django_assert_num_queries(1):
        found = unresolved_cases_by_tenant(tenant_ids=[open_case.tenant_id, paid.tenant_id])
    assert found == {open_case.tenant_id: open_case}
    assert unresolved_cases_by_tenant(tenant_ids=[]) == {}
    risk = Tenants.objects.annotate(
        risk=Subquery(unresolved_case_risk_profile(tenant_ref=OuterRef("pk")), output_field=CharField())
    )
    assert dict(risk.values_list("id", "risk")) == {open_case.tenant_id: "chronic", paid.tenant_id: None}


@pytest.mark.parametrize(
    "kwargs,high",
    [
        ({"escalation_level": 4}, True),
        ({"status": "escalated", "escalation_level": 5}, True),
        ({"tenant_risk_profile": "chronic", "escalation_level": 1}, True),
        ({"tenant_risk_profile": "chronic", "current_balance": Decimal("0")}, False),
        ({"escalation_level": 3, "tenant_risk_profile": "repeat_offender"}, False),
        ({"status": "paid", "escalation_level": 5}, False),
    ],
)
def test_case_is_high_risk(kwargs, high):
    assert case_is_high_risk(CaseFactory.build(**kwargs)) is high


def test_case_note_add():
    case = CaseFactory()
    note = case_note_add(case=case, text="  Eviction prep memo.  ", actor="user:pat@example.com")
    assert (note.action_type, note.message_text, note.created_by, note.ai_generated) == (
        "note",
        "Eviction prep memo.",
        "user:pat@example.com",
        False,
    )
    assert CollectionAction.objects.count() == 1
    with pytest.raises(ApplicationError, match="cannot be empty"):
        case_note_add(case=case, text=" ", actor="x")
