import pytest
from rest_framework.test import APIClient


@pytest.fixture
def user(db):
    from core.services import user_upsert

    return user_upsert(email="manager@example.com", password="s3cret-pass", first_name="Pat", last_name="Manager")


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
