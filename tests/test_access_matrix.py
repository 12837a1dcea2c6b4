"""Who may see and do what (issue 12 §1), generated from the OpenAPI schema and the URL conf.

- every operation declares its permission (`x-permission`), every API view in the URL conf declares one, and a
  view that declares none refuses everyone;
- each role gets 403 on exactly the operations whose permission it lacks (core.roles is the matrix);
- a property manager scoped to two properties sees only their records in every list, detail, export, search
  and bulk action: nothing of the other properties' appears, and their ids answer 404.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient, APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from core import scoping
from core.permissions import alternatives, declared_permissions
from core.roles import PERMISSIONS, ROLES
from core.scoping import ScopedManager

METHODS = ("get", "post", "put", "patch", "delete")
SCHEMA = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
OPERATIONS = [
    (path, method, op)
    for path, item in sorted(SCHEMA["paths"].items())
    for method, op in item.items()
    if method in METHODS
]


def _is_role_permission(value) -> bool:
    """A permission codename, or several of which any one will do ("view_invoices|view_maintenance")."""
    return isinstance(value, str) and all(c in PERMISSIONS for c in alternatives(value))


ROLE_OPERATIONS = [(p, m, op["x-permission"]) for p, m, op in OPERATIONS if _is_role_permission(op.get("x-permission"))]
# Plain Django views under /api/: provider webhooks, each verified by the provider's signature (core.messaging).
SIGNED_WEBHOOKS = {
    "TwilioInboundSmsWebhook",
    "TwilioStatusWebhook",
    "SendGridInboundWebhook",
    "SendGridEventWebhook",
}


def _url(path: str, ids: dict | None = None) -> str:
    """A schema path with its parameters filled: given ids, else a fresh uuid (a record that does not exist)."""
    ids = ids or {}
    return re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), uuid.uuid4())), path)


def _person(role: str, properties=None):
    """A person with `role` and their client (force-authenticated: the permission check still runs)."""
    from core.services import user_role_set
    from properties.services import user_properties_assign

    user = get_user_model().objects.create(username=f"{role}-{uuid.uuid4().hex[:8]}@example.com")
    user.email = user.username
    user.save(update_fields=["email"])
    user_role_set(user=user, role=role)
    if properties is None:
        user_properties_assign(user=user, all_properties=True)
    else:
        user_properties_assign(user=user, property_ids=[p.pk for p in properties])
    client = APIClient()
    client.force_authenticate(user)
    return user, client


# --- every operation declares who may call it ---------------------------------------------------------------


@pytest.mark.parametrize(("path", "method", "op"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m, _ in OPERATIONS])
def test_every_operation_declares_its_permission(path, method, op):
    value = op.get("x-permission")
    assert value in {"public", "signed_in"} or _is_role_permission(value), f"{method.upper()} {path}"
    assert "Requires the" in op["description"] or "Access:" in op["description"]


def _api_views(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from _api_views(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if route.startswith(("api/v1/", "^api/")):
                cls = getattr(entry.callback, "cls", None) or getattr(entry.callback, "view_class", None)
                yield route, cls


def test_every_api_view_in_the_url_conf_declares_who_may_call_it():
    undeclared, unscoped_querysets, unknown = [], [], []
    for route, cls in _api_views():
        if cls is None or not issubclass(cls, APIView):
            if cls is None or cls.__name__ not in SIGNED_WEBHOOKS:
                unknown.append(route)
            continue
        if not declared_permissions(cls):
            undeclared.append(route)
        qs = cls.__dict__.get("queryset")
        # A class-level queryset is built once at import, outside any request: it would bypass the scope.
        if qs is not None and isinstance(qs.model._default_manager, ScopedManager) and qs.query.is_empty() is False:
            unscoped_querysets.append(route)
    assert not undeclared, f"views without permission_classes: {undeclared}"
    assert not unscoped_querysets, f"class-level querysets of scoped models (use get_queryset): {unscoped_querysets}"
    assert not unknown, f"non-DRF views under /api/ that are not signed webhooks: {unknown}"


def test_a_view_that_declares_nothing_refuses_everyone(db):
    class Forgot(APIView):
        def get(self, request):
            return None

    admin = get_user_model().objects.create(username="root@example.com", is_superuser=True, is_staff=True)
    request = APIRequestFactory().get("/api/v1/forgot/")
    force_authenticate(request, user=admin)
    response = Forgot.as_view()(request)
    assert response.status_code == 403
    assert "declares no permission" in str(response.data["detail"])


def test_signed_in_operations_refuse_anonymous_callers(anon_client):
    for path, method, op in OPERATIONS:
        if op["x-permission"] == "public":
            continue
        response = getattr(anon_client, method)(_url(path), {}, format="json")
        assert response.status_code == 401, f"{method.upper()} {path}: {response.status_code}"


# --- the roles matrix -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "method", "permission"), ROLE_OPERATIONS, ids=[f"{m.upper()} {p}" for p, m, _ in ROLE_OPERATIONS]
)
def test_each_role_is_refused_exactly_what_it_lacks(db, path, method, permission):
    for role, (label, held) in ROLES.items():
        _user, client = _person(role)
        response = getattr(client, method)(_url(path), {}, format="json")
        where = f"{role} {method.upper()} {path}"
        if any(codename in held for codename in alternatives(permission)):
            assert response.status_code not in (401, 403), f"{where}: {response.status_code} {response.content[:200]}"
        else:
            assert response.status_code == 403, f"{where}: {response.status_code}"
            assert f"Your role ({label}) can't" in response.json()["detail"], where


def test_a_person_without_a_role_can_do_nothing_but_see_their_own_account(db):
    user = get_user_model().objects.create(username="norole@example.com", email="norole@example.com")
    client = APIClient()
    client.force_authenticate(user)
    assert client.get("/api/v1/tenants/").status_code == 403
    me = client.get("/api/v1/auth/me/").json()
    assert me["role"] is None and me["permissions"] == [] and me["properties"] == []


def test_leasing_agent_cannot_read_the_ledger_or_take_payments(make_user):
    leasing = make_user("leasing_agent")
    assert leasing.get("/api/v1/tenants/ledger/").status_code == 403
    case_id = uuid.uuid4()
    response = leasing.post(f"/api/v1/collections/{case_id}/record-payment/", {"amount": "10.00"}, format="json")
    assert response.status_code == 403
    response = leasing.post(f"/api/v1/collections/{case_id}/accept-plan/", {}, format="json")
    assert response.status_code == 403
    # what the role is for still works
    assert leasing.get("/api/v1/renewals/").status_code == 200


def test_read_only_sees_everything_and_runs_nothing(make_user):
    readonly = make_user("read_only")
    for path in ("/api/v1/tenants/ledger/", "/api/v1/collections/", "/api/v1/renewals/", "/api/v1/invoices/"):
        assert readonly.get(path).status_code == 200, path
    for path in ("/api/v1/renewals/run-scan/", "/api/v1/collections/run-scan/", "/api/v1/portfolio/ai-queue/run/"):
        response = readonly.post(path, {}, format="json")
        assert response.status_code == 403, path
        assert "Your role (Read-only) can't run the agents" in response.json()["detail"]


def test_me_lists_the_role_its_permissions_and_the_properties(make_user):
    from properties.tests.factories import PropertyFactory

    a, b = PropertyFactory(name="Birch Court"), PropertyFactory(name="Alder Row")
    me = make_user("property_manager", properties=[a, b]).get("/api/v1/auth/me/").json()
    assert me["role"] == "property_manager" and me["role_label"] == "Property manager"
    assert me["permissions"] == list(PERMISSIONS)
    assert [p["name"] for p in me["properties"]] == ["Alder Row", "Birch Court"]
    me = make_user("accountant").get("/api/v1/auth/me/").json()
    assert me["properties"] is None
    assert "record_payments" in me["permissions"] and "run_agents" not in me["permissions"]


def test_a_changed_role_takes_effect_on_the_next_request(make_user):
    from core.services import user_role_set

    client = make_user("read_only")
    assert client.post("/api/v1/renewals/run-scan/", {}, format="json").status_code == 403
    user_role_set(user=client.user, role="property_manager")
    assert client.post("/api/v1/renewals/run-scan/", {}, format="json").status_code == 202


# --- portfolio scoping ------------------------------------------------------------------------------------------


@pytest.fixture
def portfolio(db):
    """A small seeded portfolio with the agents run, messages sent and a bulk action by an all-properties manager;
    `inside` is two properties (one with a collection case, one with a renewal), `outside` the other 21."""
    from collections_app.models import CollectionCase
    from collections_app.services import collections_scan
    from core.messaging.services import send_email
    from demo.seed import seed_portfolio
    from portfolio.services import ai_action_queue_generate
    from predictive_maintenance.services import risk_scores_compute
    from pricing.services import pricing_engine_run
    from properties.models import Properties
    from renewals.models import RenewalRecommendation
    from renewals.services import renewal_scan
    from tenants.models import TenantLease
    from turnover.services import turnover_cases_backfill

    seed_portfolio(leases=200, with_history=True)
    turnover_cases_backfill()
    renewal_scan()
    collections_scan()
    ai_action_queue_generate()
    risk_scores_compute()
    pricing_engine_run()
    from inspections.services import inspection_create

    for prop in Properties.objects.order_by("name"):  # one move-out inspection per property (3.1)
        lease = TenantLease.objects.filter(property=prop).order_by("lease_number").first()
        inspection_create(lease=lease, inspector_name="J. Smith", inspection_date=lease.lease_begin_date)
    inside_ids = {CollectionCase.objects.order_by("created_at").first().property_id}
    inside_ids.add(RenewalRecommendation.objects.exclude(property_id__in=inside_ids).first().property_id)
    inside = list(Properties.objects.filter(pk__in=inside_ids))
    outside = list(Properties.objects.exclude(pk__in=inside_ids))
    for lease in TenantLease.objects.select_related("tenant").order_by("lease_number")[:60]:
        send_email(to=lease.tenant.email, subject="Hello", text="A note.", feature="test")
    return {"inside": inside, "outside": outside}


def _scoped_records(properties) -> dict[str, list]:
    """Every scoped model's records that belong to `properties`: {model label: [pk, ...]}."""
    from django.apps import apps

    scope = scoping.Scope.__new__(scoping.Scope)
    scope.user, scope.user_id, scope.email = None, 0, "nobody@example.com"
    scope._ids = frozenset(p.pk for p in properties)
    found = {}
    for model in apps.get_models():
        if isinstance(model._default_manager, ScopedManager):
            pks = list(scoping.restrict(model._base_manager.all(), scope).values_list("pk", flat=True)[:200])
            if pks:
                found[model._meta.label] = pks
    return found


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _leaks(text: str, portfolio) -> list[str]:
    names = [p.name for p in portfolio["outside"]]
    return [n for n in names if n in text]


LIST_OPS = [(p, m) for p, m, op in OPERATIONS if m == "get" and "{" not in p and op["x-permission"] != "public"]
DETAIL_OPS = [(p, m) for p, m, op in OPERATIONS if "{" in p and op["x-permission"] != "public"]


def test_scoped_manager_lists_exports_and_stats_show_only_their_properties(portfolio):
    _user, client = _person("property_manager", properties=portfolio["inside"])
    _all, everyone = _person("property_manager")
    inside_all = {str(pk) for pks in _scoped_records(portfolio["inside"]).values() for pk in pks}
    # portfolio-wide records (a notification about no property) belong to both sides: not a leak
    outside_ids = {str(pk) for pks in _scoped_records(portfolio["outside"]).values() for pk in pks} - inside_all
    problems = []
    for path, _method in LIST_OPS:
        response = client.get(path, {"page_size": 100})
        text = _text(response)
        if response.status_code != 200:
            problems.append(f"{path}: {response.status_code}")
            continue
        leaked = _leaks(text, portfolio) + [i for i in outside_ids if i in text]
        if leaked:
            problems.append(f"{path}: shows {leaked[:3]}")
    assert not problems, problems
    # not vacuous: the scoped lists hold the inside records, and fewer than the whole portfolio's
    for path in (
        "/api/v1/units/",
        "/api/v1/tenants/",
        "/api/v1/tenants/leases/",
        "/api/v1/tenants/ledger/",
        "/api/v1/renewals/",
        "/api/v1/collections/",
        "/api/v1/portfolio/command-center/",
        "/api/v1/units/work-orders/",
        "/api/v1/invoices/",
        "/api/v1/messages/outbox/",
        "/api/v1/turnover/",
        "/api/v1/inspections/",
        "/api/v1/predictive-maintenance/risk-scores/",
        "/api/v1/pricing/snapshots/",
    ):
        mine, all_ = client.get(path).json()["count"], everyone.get(path).json()["count"]
        assert 0 < mine < all_, f"{path}: {mine} of {all_}"
    assert {p["name"] for p in client.get("/api/v1/properties/").json()["results"]} == {
        p.name for p in portfolio["inside"]
    }


def test_scoped_manager_gets_404_for_every_record_outside_and_200_inside(portfolio):
    _user, client = _person("property_manager", properties=portfolio["inside"])
    inside = _scoped_records(portfolio["inside"])
    both = {pk for pks in inside.values() for pk in pks}
    outside = {
        label: [pk for pk in pks if pk not in both] for label, pks in _scoped_records(portfolio["outside"]).items()
    }
    outside_ids = [pk for pks in outside.values() for pk in pks[:2]]
    inside_ids = [pk for pks in inside.values() for pk in pks[:5]]
    problems, reached = [], set()
    for path, method in DETAIL_OPS:
        for pk in outside_ids:
            response = getattr(client, method)(
                _url(path, {k: pk for k in re.findall(r"\{(\w+)\}", path)}), {}, format="json"
            )
            if response.status_code < 400 or response.status_code == 500:
                problems.append(f"{method.upper()} {path} with an outside id: {response.status_code}")
                break
        if method == "get":
            for pk in inside_ids:
                if client.get(_url(path, {k: pk for k in re.findall(r"\{(\w+)\}", path)})).status_code == 200:
                    reached.add(path)
                    break
    assert not problems, problems
    # every detail read of a property's record is reachable inside the scope (the check above is not vacuous)
    for path in (
        "/api/v1/tenants/{tenant_id}/",
        "/api/v1/tenants/leases/{lease_id}/",
        "/api/v1/tenants/ledger/{entry_id}/",
        "/api/v1/units/{id}/",
        "/api/v1/units/work-orders/{id}/",
        "/api/v1/collections/{case_id}/",
        "/api/v1/renewals/{recommendation_id}/",
        "/api/v1/portfolio/ai-queue/{item_id}/",
        "/api/v1/properties/{id}/",
        "/api/v1/invoices/{id}/",
        "/api/v1/messages/outbox/{id}/",
        "/api/v1/turnover/{case_id}/",
        "/api/v1/inspections/{inspection_id}/",
        "/api/v1/predictive-maintenance/risk-scores/{id}/",
        "/api/v1/pricing/units/{unit_id}/history/",
    ):
        assert path in reached, f"{path} never answered 200 for an inside record ({sorted(reached)})"


def test_scoped_manager_search_finds_nothing_outside(portfolio):
    from tenants.models import TenantLease

    _user, client = _person("property_manager", properties=portfolio["inside"])
    outsider = TenantLease.objects.filter(property__in=portfolio["outside"]).select_related("tenant").first().tenant
    for path in (
        "/api/v1/tenants/",
        "/api/v1/tenants/leases/",
        "/api/v1/portfolio/command-center/",
        "/api/v1/renewals/",
        "/api/v1/collections/",
        "/api/v1/messages/outbox/",
    ):
        for term in (outsider.last_name, outsider.email):
            response = client.get(path, {"search": term})
            assert response.status_code == 200, path
            assert outsider.email not in response.content.decode(), f"{path}?search={term}"


def test_scoped_manager_bulk_actions_reach_only_their_units(portfolio):
    from portfolio.models import BulkActionBatch
    from units.models import UnitsUnit

    _user, client = _person("property_manager", properties=portfolio["inside"])
    _all, everyone = _person("property_manager")
    outside_unit = UnitsUnit.objects.filter(property__in=portfolio["outside"]).first()
    inside_unit = UnitsUnit.objects.filter(property__in=portfolio["inside"]).first()
    body = {"action_type": "move_out_inspection", "unit_ids": [str(outside_unit.pk)], "method": "manual"}
    preview = client.post("/api/v1/portfolio/bulk-actions/preview/", body, format="json")
    assert preview.status_code in (400, 404), preview.content
    assert "action type" not in preview.content.decode()  # refused for the unit, not for the request's shape
    created = client.post("/api/v1/portfolio/bulk-actions/", body, format="json")
    assert created.status_code in (400, 404), created.content
    assert not BulkActionBatch.objects.exists()
    # select-all covers only their units
    ids = client.get("/api/v1/portfolio/command-center/select-all/").json()
    text = str(ids)
    assert str(outside_unit.pk) not in text and str(inside_unit.pk) in text
    # a batch another manager ran across the portfolio is not theirs to read
    everyone_body = {**body, "unit_ids": [str(outside_unit.pk), str(inside_unit.pk)]}
    batch = everyone.post("/api/v1/portfolio/bulk-actions/", everyone_body, format="json")
    assert batch.status_code in (201, 202), batch.content
    batch_id = batch.json()["id"]
    assert client.get(f"/api/v1/portfolio/bulk-actions/{batch_id}/").status_code == 404
    assert client.get("/api/v1/portfolio/bulk-actions/").json()["count"] == 0


def test_agents_started_by_a_scoped_manager_still_run_portfolio_wide(portfolio):
    from renewals.models import RenewalRecommendation

    _user, client = _person("property_manager", properties=portfolio["inside"])
    RenewalRecommendation.objects.all().delete()
    response = client.post("/api/v1/renewals/run-scan/", {}, format="json")
    assert response.status_code == 202, response.content
    assert RenewalRecommendation.objects.filter(property__in=portfolio["outside"]).exists()


def test_chat_conversations_belong_to_their_creator_whatever_the_role(make_user):
    """3.3: a conversation is its creator's; another person (even an administrator) gets 404 on its messages."""
    owner = make_user("leasing_agent")
    cid = owner.post("/api/v1/chat/conversations/", {}, format="json").json()["id"]
    for role in ("administrator", "property_manager", "read_only"):
        other = make_user(role)
        assert other.get(f"/api/v1/chat/conversations/{cid}/messages/").status_code == 404, role
        response = other.post(f"/api/v1/chat/conversations/{cid}/messages/", {"content": "hi"}, format="json")
        assert response.status_code == 404, role
    assert owner.get(f"/api/v1/chat/conversations/{cid}/messages/").status_code == 200
