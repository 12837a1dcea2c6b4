"""photo_evidence_for_leases: the interface issue 21 (responsibility) reads, per lease, from its latest move-out
inspection with analysed or reviewed photos; final classification = the override when present; fixed queries."""

import datetime
import uuid

import pytest
from django.utils import timezone

from inspections.models import InspectionPhoto
from inspections.selectors import photo_evidence_for_leases
from inspections.services import damage_item_add, inspection_analyze, photo_review
from inspections.tests.factories import inspection_for, jpeg, upload
from tenants.tests.factories import LeaseFactory

pytestmark = pytest.mark.django_db


def _reviewed_inspection(lease, *, date):
    inspection = inspection_for(lease=lease, date=date)
    photos = upload(inspection, "living_room", jpeg("living_room"), jpeg("living_room", seed=2))
    photos += upload(inspection, "kitchen", jpeg("kitchen"), jpeg("kitchen", seed=3))
    inspection_analyze(inspection_id=inspection.pk)
    for photo in photos:
        photo.refresh_from_db()
    photo_review(photo=photos[1], classification="normal_wear", actor="user:a")
    photo_review(photo=photos[2], classification="normal_wear", actor="user:a")
    damage_item_add(photo=photos[0], item="Carpet stain", category="floor_damage", severity="moderate", actor="user:a")
    damage_item_add(photo=photos[0], item="Nail holes", category="wall_damage", severity="minor", actor="user:a")
    damage_item_add(photo=photos[3], item="Burnt counter", category="floor_damage", severity="minor", actor="user:a")
    return inspection


def test_evidence_from_the_latest_reviewed_inspection_per_lease(django_assert_num_queries):
    lease = LeaseFactory()
    today = timezone.localdate()
    old = inspection_for(lease=lease, date=today - datetime.timedelta(days=30))
    upload(old, "kitchen", jpeg("kitchen"))
    inspection_analyze(inspection_id=old.pk)
    latest = _reviewed_inspection(lease, date=today)
    # a newer one without analysed photos is not evidence yet
    newest = inspection_for(lease=lease, date=today + datetime.timedelta(days=1))
    upload(newest, "kitchen", jpeg("kitchen"))
    other = LeaseFactory()
    pending = inspection_for(lease=other, date=today)
    upload(pending, "kitchen", jpeg("kitchen"))

    with django_assert_num_queries(3):
        evidence = photo_evidence_for_leases(lease_ids=[lease.pk, other.pk, uuid.uuid4(), "junk"])
    assert set(evidence) == {lease.pk}
    found = evidence[lease.pk]
    assert found["inspection_id"] == str(latest.pk) and found["photos"] == 4
    assert found["inspection_date"] == today.isoformat()
    assert found["damage_type"] == "floor_damage"
    assert found["wear_pattern"] == "normal wear on 2 of 4 photos"
    assert found["condition_notes"].startswith("4 photos: 2 normal wear, 2 damage.")
    assert "Carpet stain (moderate, Living room)" in found["condition_notes"]
    assert [(d["item"], d["room"], str(d["estimated_cost"])) for d in found["damage_items"]] == [
        ("Burnt counter", "kitchen", "100.00"),
        ("Carpet stain", "living_room", "275.00"),
        ("Nail holes", "living_room", "50.00"),
    ]


def test_query_count_does_not_grow_with_leases(django_assert_num_queries):
    leases = [LeaseFactory() for _ in range(3)]
    for lease in leases:
        _reviewed_inspection(lease, date=timezone.localdate())
    with django_assert_num_queries(3):
        evidence = photo_evidence_for_leases(lease_ids=[lease.pk for lease in leases])
    assert len(evidence) == 3
    assert all(e["damage_type"] == "floor_damage" for e in evidence.values())
    assert InspectionPhoto.objects.count() == 12


def test_no_leases_no_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert photo_evidence_for_leases(lease_ids=[]) == {}
