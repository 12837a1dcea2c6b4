"""With a key: the photos reach Claude through the real SDK (a local Messages API stub) as base64 images read from
our own storage (never a URL), with the earlier photo of the room as the second image; the model's items become
damage items `ai_detected` and, at finalize, `ai_detected` deductions. A malformed answer is retried once, then
the photo is left `needs_review` with the reason, and the request never fails."""

import base64
import datetime
import io
import json

import pytest
from django.utils import timezone
from PIL import Image

from core.ai.testing import stub_claude
from inspections.models import InspectionDamageItem, InspectionPhoto
from inspections.services import inspection_analyze
from inspections.tests.factories import inspection_for, jpeg, upload, vacated_case
from tenants.tests.factories import LeaseFactory
from turnover.models import TurnoverDeduction

pytestmark = pytest.mark.django_db
URL = "/api/v1/inspections/"

ANSWER = {
    "classification": "damage",
    "confidence": 0.91,
    "description": "Wall hole near the outlet; carpet otherwise clean.",
    "damage_items": [
        {"item": "Wall hole near outlet", "severity": "moderate", "estimated_cost": 75.0, "category": "wall_damage"}
    ],
}


@pytest.fixture
def claude(settings):
    yield from stub_claude(settings)


def _images(request) -> list[dict]:
    content = request.json["messages"][0]["content"]
    return [block for block in content if block["type"] == "image"]


def test_photos_reach_claude_as_base64_images_with_the_earlier_photo_second(
    claude, make_user, django_capture_on_commit_callbacks
):
    case = vacated_case()
    earlier = inspection_for(
        lease=LeaseFactory(unit=case.unit, property=case.property),
        date=timezone.localdate() - datetime.timedelta(days=300),
    )
    claude.add_message(json.dumps({**ANSWER, "classification": "clean", "damage_items": []}))
    upload(earlier, "living_room", jpeg("living_room", seed=5))
    inspection_analyze(inspection_id=earlier.pk)

    inspection = inspection_for(case)
    upload(inspection, "living_room", jpeg("living_room", seed=5, shot=1, damage=True))
    claude.add_message(json.dumps(ANSWER))
    manager = make_user("property_manager")
    with django_capture_on_commit_callbacks(execute=True):
        assert manager.post(f"{URL}{inspection.pk}/analyze/", {}, format="json").status_code == 202

    request = claude.requests[-1]
    images = _images(request)
    assert len(images) == 2
    for block in images:
        assert block["source"]["type"] == "base64" and block["source"]["media_type"] == "image/jpeg"
        assert Image.open(io.BytesIO(base64.b64decode(block["source"]["data"]))).size == (800, 600)
    assert "url" not in json.dumps(request.json["messages"][0]["content"][0]["source"])
    assert "move-out inspection" in request.json["system"] and "Living room" in json.dumps(request.json["messages"])

    photo = InspectionPhoto.objects.get(inspection=inspection)
    assert photo.ai_classification == "damage" and photo.ai_confidence == 0.91
    assert photo.ai_provider == "anthropic" and photo.ai_model == "claude-test-model"
    assert photo.overlay_file_id is not None  # measured whichever provider answers
    (item,) = InspectionDamageItem.objects.filter(photo=photo)
    assert item.ai_detected and str(item.estimated_cost) == "75.00"
    detail = manager.get(f"{URL}{inspection.pk}/").json()
    assert detail["counts"]["damage"] == 1 and detail["total_damage_cost"] == "75.00"

    assert manager.post(f"{URL}{inspection.pk}/finalize/").status_code == 200
    (deduction,) = TurnoverDeduction.objects.filter(case=case)
    assert deduction.ai_detected and deduction.approved and str(deduction.amount) == "75.00"


def test_a_malformed_answer_is_retried_once_then_the_photo_needs_review(
    claude, make_user, django_capture_on_commit_callbacks
):
    inspection = inspection_for()
    upload(inspection, "kitchen", jpeg("kitchen"))
    claude.add_message("I think this kitchen looks fine!")
    claude.add_message('{"classification": "broken"}')
    manager = make_user("property_manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(f"{URL}{inspection.pk}/analyze/", {}, format="json")
    assert response.status_code == 202
    assert len(claude.requests) == 2  # the answer, and one corrective retry
    photo = InspectionPhoto.objects.get()
    assert photo.ai_classification == "needs_review" and photo.ai_analyzed and photo.ai_error
    assert photo.ai_provider == "anthropic" and photo.ai_confidence is None
    detail = manager.get(f"{URL}{inspection.pk}/").json()
    assert detail["status"] == "review" and detail["counts"]["needs_review"] == 1


def test_claude_unavailable_leaves_the_photo_for_review(claude):
    inspection = inspection_for()
    upload(inspection, "kitchen", jpeg("kitchen"))
    for _ in range(3):
        claude.add_error(529, "overloaded_error")
    assert inspection_analyze(inspection_id=inspection.pk) == "Analysed 0 photos, 1 left for review."
    assert InspectionPhoto.objects.get().ai_classification == "needs_review"
