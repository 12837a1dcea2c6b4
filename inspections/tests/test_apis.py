"""The inspections API through its real URLs, offline: create, upload three rooms, analyse (quality notes and a
change overlay where an earlier photo exists), review, damage items, the letter, finalize into the turnover case
(once), the locks, refusals (a 20 MB PDF, an unknown room), scoping and query-count bounds."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inspections.models import InspectionPhoto, MoveOutInspection
from inspections.services import inspection_analyze
from inspections.tests.factories import inspection_for, jpeg, upload, vacated_case
from tenants.tests.factories import LeaseFactory
from turnover.models import TurnoverDeduction

pytestmark = pytest.mark.django_db
URL = "/api/v1/inspections/"


def _analysed_inspection(manager, django_capture_on_commit_callbacks, *, case=None):
    """An inspection with three rooms (one blurry photo), an earlier inspection's living room, analysed."""
    case = case or vacated_case(deposit="1500.00")
    previous_lease = LeaseFactory(unit=case.unit, property=case.property)  # the unit's previous tenant
    earlier = inspection_for(lease=previous_lease, date=timezone.localdate() - datetime.timedelta(days=400))
    upload(earlier, "living_room", jpeg("living_room", seed=7))
    MoveOutInspection.objects.filter(pk=earlier.pk).update(status="finalized", finalized_at=timezone.now())
    response = manager.post(
        URL,
        {
            "lease": str(case.lease.pk),
            "inspector_name": "J. Smith",
            "inspection_date": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["turnover_case"] == str(case.pk) and body["status"] == "in_progress"
    pk = body["id"]
    for room, photo in (
        ("living_room", jpeg("living_room", seed=7, shot=2, damage=True, name="living.jpg")),
        ("kitchen", jpeg("kitchen", name="kitchen.jpg")),
        ("bedroom_1", jpeg("bedroom_1", blur=True, name="bedroom.jpg")),
    ):
        response = manager.post(f"{URL}{pk}/upload-photos/", {"room": room, "photos": [photo]}, format="multipart")
        assert response.status_code == 201, response.content
        assert len(response.json()["ids"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(f"{URL}{pk}/analyze/", {}, format="json")
    assert response.status_code == 202, response.content
    return case, pk


def test_the_offline_flow_from_upload_to_a_deduction_on_the_turnover_case(
    make_user, django_capture_on_commit_callbacks
):
    manager = make_user("property_manager")
    case, pk = _analysed_inspection(manager, django_capture_on_commit_callbacks)
    detail = manager.get(f"{URL}{pk}/").json()
    assert detail["status"] == "review"
    assert detail["ai_photos_done"] == detail["ai_photos_total"] == 3
    photos = {p["room"]: p for p in detail["photos"]}
    assert {p["classification"] for p in photos.values()} == {"needs_review"}
    assert {p["ai_provider"] for p in photos.values()} == {"offline"}
    assert detail["counts"]["needs_review"] == 3
    living, bedroom, kitchen = photos["living_room"], photos["bedroom_1"], photos["kitchen"]
    assert living["overlay_url"] and living["change_score"] > 0.01 and living["compared_inspection_date"]
    assert "structural similarity" in living["ai_description"]
    assert kitchen["overlay_url"] is None and "none" in kitchen["ai_description"]
    assert bedroom["retake"] and "blurry" in bedroom["ai_description"]
    assert living["thumbnail_url"] and living["photo_url"]
    # the overlay is served through its signed URL
    assert manager.get(living["overlay_url"]).status_code == 200

    # review: an item with the table's midpoint, then edited
    response = manager.post(
        f"{URL}photos/{living['id']}/damage-items/",
        {"item": "Two nail holes near the window", "category": "wall_damage", "severity": "moderate"},
        format="json",
    )
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["estimated_cost"] == "137.50" and not item["ai_detected"]
    response = manager.patch(
        f"{URL}photos/{living['id']}/damage-items/{item['id']}/", {"estimated_cost": "125.00"}, format="json"
    )
    assert response.status_code == 200 and response.json()["estimated_cost"] == "125.00"
    carpet = manager.post(
        f"{URL}photos/{living['id']}/damage-items/",
        {
            "item": "Carpet stain 12x8 in",
            "category": "floor_damage",
            "severity": "moderate",
            "estimated_cost": "340.00",
            "life_item": "carpet",
            "item_age_years": "8",
        },
        format="json",
    ).json()
    assert carpet["estimated_cost"] == "340.00" and carpet["life_item"] == "carpet"
    extra = manager.post(
        f"{URL}photos/{kitchen['id']}/damage-items/",
        {"item": "Oven left dirty", "category": "cleaning_needed", "severity": "minor"},
        format="json",
    ).json()
    assert manager.delete(f"{URL}photos/{kitchen['id']}/damage-items/{extra['id']}/").status_code == 204
    response = manager.patch(f"{URL}photos/{kitchen['id']}/", {"human_classification": "normal_wear"}, format="json")
    assert response.status_code == 200 and response.json()["classification"] == "normal_wear"
    detail = manager.get(f"{URL}{pk}/").json()
    assert detail["total_damage_cost"] == "465.00" and detail["total_damage_items"] == 2
    assert detail["counts"] == {"pending": 0, "clean": 0, "normal_wear": 1, "damage": 1, "needs_review": 1}
    assert {p["room"]: p["classification"] for p in detail["photos"]}["living_room"] == "damage"

    # the letter: the deposit, each item (the carpet prorated: 2 of 10 years left -> $68.00), the deadline
    response = manager.post(f"{URL}{pk}/generate-letter/")
    assert response.status_code == 200, response.content
    letter = response.json()["deduction_letter"]
    assert "$1,500.00" in letter and "$125.00" in letter and "$68.00" in letter and "$193.00" in letter
    assert "$1,307.00" in letter  # refund
    preview = manager.get(f"{URL}{pk}/letter/").json()
    assert "$193.00" in preview["html"]

    # finalize: the items become approved deductions on the case, to the cent, once
    response = manager.post(f"{URL}{pk}/finalize/")
    assert response.status_code == 200 and response.json()["status"] == "finalized"
    rows = list(TurnoverDeduction.objects.filter(case=case).order_by("amount"))
    assert [(r.category, r.amount, r.chargeable_amount, r.approved, r.ai_detected) for r in rows] == [
        ("wall_damage", Decimal("125.00"), Decimal("125.00"), True, False),
        ("carpet", Decimal("340.00"), Decimal("68.00"), True, False),
    ]
    assert rows[0].photo_id is not None
    case.refresh_from_db()
    assert case.total_deductions == Decimal("193.00") and case.refund_amount == Decimal("1307.00")
    turnover = manager.get(f"/api/v1/turnover/{case.pk}/").json()
    assert turnover["inspection_id"] == pk and len(turnover["deductions"]) == 2

    # locked
    assert manager.post(f"{URL}{pk}/finalize/").status_code == 409
    assert TurnoverDeduction.objects.filter(case=case).count() == 2
    assert (
        manager.patch(f"{URL}photos/{living['id']}/damage-items/{item['id']}/", {"estimated_cost": "1"}, format="json")
    ).status_code == 409
    assert (
        manager.patch(f"{URL}photos/{kitchen['id']}/", {"human_classification": "clean"}, format="json").status_code
        == 409
    )
    response = manager.post(f"{URL}{pk}/upload-photos/", {"room": "kitchen", "photos": [jpeg()]}, format="multipart")
    assert response.status_code == 409

    # the letter generated before finalize still states the case's figures: it is sent as the case's statement
    response = manager.post(f"{URL}{pk}/send-letter/")
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.letter_sent_at is not None and case.letter_text == letter


def test_a_20_mb_pdf_as_a_photo_is_refused_and_nothing_is_stored(make_user):
    manager = make_user("maintenance_coordinator")
    inspection = inspection_for()
    pdf = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    response = manager.post(
        f"{URL}{inspection.pk}/upload-photos/",
        {"room": "kitchen", "photos": [jpeg(), SimpleUploadedFile("scan.pdf", pdf, content_type="image/jpeg")]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "PDF" in response.json()["detail"]
    assert InspectionPhoto.objects.count() == 0


def test_upload_refusals_answer_400(make_user):
    manager = make_user("property_manager")
    inspection = inspection_for()
    url = f"{URL}{inspection.pk}/upload-photos/"
    assert manager.post(url, {"room": "attic", "photos": [jpeg()]}, format="multipart").status_code == 400
    assert manager.post(url, {"room": "kitchen"}, format="multipart").status_code == 400
    junk = SimpleUploadedFile("x.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    assert manager.post(url, {"room": "kitchen", "photos": [junk]}, format="multipart").status_code == 400
    assert manager.post(f"{URL}{inspection.pk}/analyze/", {}, format="json").status_code == 400  # no photos


def test_analysis_rerun_skips_analysed_photos_unless_forced(make_user, django_capture_on_commit_callbacks):
    inspection = inspection_for()
    upload(inspection, "kitchen", jpeg("kitchen"))
    assert inspection_analyze(inspection_id=inspection.pk) == "Analysed 1 photos, 0 left for review."
    first = InspectionPhoto.objects.get().ai_analyzed_at
    assert inspection_analyze(inspection_id=inspection.pk) == "Analysed 0 photos, 0 left for review."
    assert InspectionPhoto.objects.get().ai_analyzed_at == first
    manager = make_user("property_manager")
    with django_capture_on_commit_callbacks(execute=True):
        body = manager.post(f"{URL}{inspection.pk}/analyze/", {"force": True}, format="json").json()
    assert body["ai_photos_total"] == 1
    assert InspectionPhoto.objects.get().ai_analyzed_at > first


def test_item_validation_and_the_other_category_needs_a_cost(make_user):
    manager = make_user("property_manager")
    inspection = inspection_for()
    (photo,) = upload(inspection, "kitchen", jpeg("kitchen"))
    url = f"{URL}photos/{photo.pk}/damage-items/"
    assert manager.post(url, {"item": "x", "category": "other", "severity": "minor"}, format="json").status_code == 400
    assert (
        manager.post(url, {"item": "x", "category": "wall_damage", "severity": "huge"}, format="json").status_code
        == 400
    )
    bad_cost = {"item": "x", "category": "wall_damage", "severity": "minor", "estimated_cost": "abc"}
    assert manager.post(url, bad_cost, format="json").status_code == 400
    ok = manager.post(url, {"item": "x", "category": "other", "severity": "minor", "estimated_cost": 40}, format="json")
    assert ok.status_code == 201 and ok.json()["estimated_cost"] == "40.00"
    # a photo with items stays damage
    response = manager.patch(f"{URL}photos/{photo.pk}/", {"human_classification": "clean"}, format="json")
    assert response.status_code == 400
    # severity changed without a cost: the new midpoint
    item = manager.post(url, {"item": "y", "category": "wall_damage", "severity": "minor"}, format="json").json()
    response = manager.patch(f"{url}{item['id']}/", {"severity": "severe"}, format="json")
    assert response.json()["estimated_cost"] == "350.00"
    assert manager.patch(f"{url}not-a-uuid/", {"severity": "severe"}, format="json").status_code == 404


def test_finalize_without_a_turnover_case_locks_and_the_letter_needs_a_case(make_user):
    manager = make_user("property_manager")
    inspection = inspection_for(lease=LeaseFactory())
    assert inspection.turnover_case_id is None
    (photo,) = upload(inspection, "kitchen", jpeg("kitchen"))
    assert manager.post(f"{URL}{inspection.pk}/finalize/").status_code == 400  # not analysed
    inspection_analyze(inspection_id=inspection.pk)
    assert manager.post(f"{URL}{inspection.pk}/generate-letter/").status_code == 400
    assert manager.post(f"{URL}{inspection.pk}/finalize/").status_code == 200


def test_access_reading_and_writing_roles_and_scope(make_user):
    inspection = inspection_for()
    readonly = make_user("read_only")
    assert readonly.get(f"{URL}{inspection.pk}/").status_code == 200
    assert readonly.post(f"{URL}{inspection.pk}/finalize/").status_code == 403
    maintenance = make_user("maintenance_coordinator")
    assert maintenance.post(f"{URL}{inspection.pk}/finalize/").status_code == 403  # the deposit is leasing's
    other = vacated_case()
    scoped = make_user("property_manager", properties=[other.property])
    assert scoped.get(f"{URL}{inspection.pk}/").status_code == 404
    assert scoped.post(f"{URL}{inspection.pk}/analyze/", {}, format="json").status_code == 404
    assert [r["id"] for r in scoped.get(URL).json()["results"]] == []


def test_list_and_detail_query_counts_do_not_grow(make_user, django_assert_max_num_queries):
    manager = make_user("property_manager")
    for _ in range(3):
        inspection = inspection_for()
        upload(inspection, "kitchen", jpeg("kitchen"), jpeg("kitchen", seed=2))
    with django_assert_max_num_queries(8):
        body = manager.get(URL).json()
    assert body["count"] == 3 and body["results"][0]["photo_count"] == 2
    with django_assert_max_num_queries(10):
        assert manager.get(f"{URL}{inspection.pk}/").status_code == 200


def test_creating_a_second_inspection_for_the_same_case_is_a_conflict(make_user):
    manager = make_user("property_manager")
    case = vacated_case()
    body = {"lease": str(case.lease.pk), "inspector_name": "A", "inspection_date": "2026-11-01"}
    assert manager.post(URL, body, format="json").status_code == 201
    assert manager.post(URL, body, format="json").status_code == 409
    assert manager.post(URL, {**body, "lease": "nope"}, format="json").status_code == 400


def test_candidates_are_open_cases_without_an_inspection_units_with_earlier_photos_first(make_user):
    manager = make_user("leasing_agent")
    plain = vacated_case()
    compared = vacated_case()
    earlier = inspection_for(lease=compared.lease, link_turnover_case=False)
    upload(earlier, "kitchen", jpeg("kitchen"))
    taken = vacated_case()
    inspection_for(taken)
    rows = manager.get(f"{URL}candidates/").json()["results"]
    assert [r["turnover_case"] for r in rows] == [str(compared.pk), str(plain.pk)]
    assert rows[0]["has_earlier_photos"] and not rows[1]["has_earlier_photos"]
