import pytest
from rest_framework.test import APIClient


@pytest.fixture
def user(db):
    """A property manager who sees every property (tests of one role use `make_user`)."""
    from core.services import user_upsert
    from properties.services import user_properties_assign

    u = user_upsert(email="manager@example.com", password="s3cret-pass", first_name="Pat", last_name="Manager")
    user_properties_assign(user=u, all_properties=True)
    return u


@pytest.fixture
def make_user(db):
    """make_user(role, properties=None) -> an APIClient signed in as a new person with that role; `properties`
    None sees every property, else exactly those."""
    from core.services import auth_token_obtain, user_upsert
    from properties.services import user_properties_assign

    made = []

    def make(role: str, properties=None, *, email: str | None = None):
        email = email or f"{role}{len(made)}@example.com"
        u = user_upsert(email=email, password="s3cret-pass", role=role)
        if properties is None:
            user_properties_assign(user=u, all_properties=True)
        else:
            user_properties_assign(user=u, property_ids=[p.pk for p in properties])
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {auth_token_obtain(email=email, password='s3cret-pass')}")
        client.user = u
        made.append(u)
        return client

    return make


@pytest.fixture
def api_client(user):
    """An APIClient authenticated with the manager's token."""
    from core.services import auth_token_obtain

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {auth_token_obtain(email=user.email, password='s3cret-pass')}")
    return client


@pytest.fixture
def anon_client():
    return APIClient()


@pytest.fixture(autouse=True)
def _jurisdiction_rules(request):
    """The shipped jurisdiction rules, as the data migration loads them. Transactional tests flush every
    table (the migration's rows too), so a database test after one reloads them (idempotent)."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        if request.node.get_closest_marker("django_db") is None:
            return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    from properties.models import JurisdictionRule

    if not JurisdictionRule.objects.exists():
        from properties.services import jurisdiction_rules_load

        jurisdiction_rules_load()


@pytest.fixture(autouse=True)
def _no_portfolio_scope_between_tests():
    """A view called straight through APIRequestFactory (no middleware) leaves its caller's scope on the thread;
    requests clear it in ScopeMiddleware, tests here."""
    from core import scoping

    scoping.clear()
    yield
    scoping.clear()
