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
