"""Request bodies are bounded before parsing: size, JSON depth, no exponent numbers, no NaN."""

import json

import pytest
from django.test import Client

from core.bodies import json_depth

pytestmark = pytest.mark.django_db


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_json_depth_ignores_brackets_in_strings():
    assert json_depth(b'{"a": "[[[[{{{", "b": [1, [2]]}') == 3
    assert json_depth(b'"\\"[[["') == 0
    assert json_depth(nested(5000)) == 5000


def test_deeply_nested_body_on_auth_token_is_400_not_500(anon_client):
    response = anon_client.post("/api/v1/auth/token/", data=nested(3000), content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_deeply_nested_object_inside_a_field_is_400(api_client):
    body = '{"amount": ' + '{"a":' * 100 + "1" + "}" * 100 + "}"
    response = api_client.post("/api/v1/auth/logout/", data=body, content_type="application/json")
    assert response.status_code == 400


def test_reasonable_nesting_still_parses(anon_client, user):
    body = {"email": user.email, "password": "s3cret-pass", "extra": [[[[{"a": [1]}]]]]}
    response = anon_client.post("/api/v1/auth/token/", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200


def test_oversized_json_body_is_413(anon_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"email": "x" * 2000, "password": "y"})
    response = anon_client.post("/api/v1/auth/token/", data=body, content_type="application/json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


@pytest.mark.parametrize("literal", ["1e5", "1E5", "2.5e-3", "NaN", "Infinity", "-Infinity"])
def test_exponent_numbers_and_constants_are_refused(anon_client, literal):
    response = anon_client.post(
        "/api/v1/auth/token/", data='{"email": "a@b.c", "password": %s}' % literal, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]


def test_plain_decimals_still_parse(api_client):
    response = Client().post(
        "/api/v1/auth/token/", data='{"email": "a@b.c", "password": "x", "n": 12.50}', content_type="application/json"
    )
    assert response.status_code in (400, 401)  # bad credentials, but the body parsed
    assert "JSON" not in response.json()["detail"]
