"""`Requires(any_of(a, b))`: either permission will do (the vendor list: invoices people and maintenance people)."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from core.permissions import Requires, alternatives, any_of
from core.schema import AccessAutoSchema


def test_any_of_joins_and_alternatives_splits():
    assert any_of("view_invoices", "view_maintenance") == "view_invoices|view_maintenance"
    assert alternatives("view_invoices|view_maintenance") == ("view_invoices", "view_maintenance")
    assert alternatives("view_ledger") == ("view_ledger",)
    with pytest.raises(ValueError):
        any_of("view_invoices")


def test_unknown_permissions_are_refused_at_declaration():
    with pytest.raises(ValueError, match="view_nothing"):
        Requires(any_of("view_invoices", "view_nothing"))


class _Either(APIView):
    permission_classes = [Requires(any_of("view_ledger", "view_maintenance"), write="manage_maintenance")]
    schema = AccessAutoSchema()

    def get(self, request):
        from rest_framework.response import Response

        return Response({"ok": True})


def _call(user, method="get"):
    request = getattr(APIRequestFactory(), method)("/api/v1/either/")
    force_authenticate(request, user=user)
    return _Either.as_view()(request)


@pytest.mark.parametrize(
    ("role", "code"),
    [("accountant", 200), ("maintenance_coordinator", 200), ("leasing_agent", 403)],
)
def test_either_permission_lets_in_a_role_holding_one_of_them(db, role, code):
    from core.services import user_role_set

    user = get_user_model().objects.create(username=f"{role}@example.com", email=f"{role}@example.com")
    user_role_set(user=user, role=role)
    response = _call(user)
    assert response.status_code == code
    if code == 403:
        assert response.data["detail"] == (
            "Your role (Leasing agent) can't see tenants' ledger rows or see work orders, equipment and failure "
            "predictions."
        )


def test_the_write_permission_is_still_one(db):
    from core.services import user_role_set

    user = get_user_model().objects.create(username="acct@example.com", email="acct@example.com")
    user_role_set(user=user, role="accountant")
    assert _call(user, "post").status_code == 403  # reads through view_ledger, but can't manage maintenance


def test_the_schema_names_both():
    perm = _Either.permission_classes[0]
    assert perm.needed("GET") == "view_ledger|view_maintenance" and perm.needed("POST") == "manage_maintenance"
    assert perm.describe() == "view_ledger|view_maintenance (read), manage_maintenance (write)"
