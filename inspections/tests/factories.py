"""Inspection test helpers: a vacated lease with its turnover case, an inspection of it, photos through the real
upload service (core.files), and synthetic room photos (demo.inspection_photos)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from demo.inspection_photos import room_photo
from inspections.services import inspection_create, photos_upload
from tenants.tests.factories import LeaseFactory
from turnover.services import turnover_cases_open


def vacated_case(*, deposit: str = "1500.00", **lease):
    lease = LeaseFactory(vacant=True, security_deposit=Decimal(deposit), **lease)
    return turnover_cases_open(lease_ids=[lease.pk])[0]


def jpeg(room: str = "living_room", *, name: str = "photo.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, room_photo(room, **kwargs), content_type="image/jpeg")


def inspection_for(
    case=None, *, lease=None, date: datetime.date | None = None, inspector: str = "J. Smith", link_turnover_case=True
):
    if lease is None:
        lease = (case or vacated_case()).lease
    return inspection_create(
        lease=lease,
        inspector_name=inspector,
        inspection_date=date or timezone.localdate(),
        link_turnover_case=link_turnover_case,
    )


def upload(inspection, room: str, *photos, user=None):
    return photos_upload(inspection=inspection, room=room, uploads=list(photos), user=user)
