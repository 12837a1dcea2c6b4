"""Demo move-out inspections (feature 3.1), written after the turnover cases exist, through the real services
(photos stored by core.files, analysed by the offline measure), so the screens are alive on first run.

Four recently vacated units with open turnover cases get an earlier walk-through (the rooms as they were, dated at the
lease's start, not linked to the case). Three of them then get their move-out inspection: one reviewed with a
damage item, one analysed and waiting for review, one with photos not analysed yet. The fourth is left for a
person (or the browser test) to inspect: its earlier photos make the change overlay show. Photos are synthetic
(demo.inspection_photos); the living room comes back with a stain and holes."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from demo.inspection_photos import room_photo
from inspections.models import MoveOutInspection
from inspections.services import damage_item_add, inspection_analyze, inspection_create, photos_upload
from turnover.models import TurnoverCase

ROOMS = ("living_room", "kitchen", "bedroom_1")
UNITS = 4


def _photo(room: str, n: int, **kwargs) -> SimpleUploadedFile:
    data = room_photo(room, seed=n, **kwargs)
    return SimpleUploadedFile(f"{room}-{n}.jpg", io.BytesIO(data).getvalue(), content_type="image/jpeg")


def inspection_demo_seed() -> str:
    if MoveOutInspection.objects.exists():
        return "already seeded"
    cases = list(
        TurnoverCase.objects.filter(actual_move_out__isnull=False, stage=TurnoverCase.Stage.INSPECT)
        .select_related("lease", "unit")
        .order_by("-actual_move_out", "unit__unit_number")[:UNITS]
    )
    made = 0
    for n, case in enumerate(cases):
        lease = case.lease
        baseline = inspection_create(
            lease=lease,
            inspector_name="R. Alvarez",
            inspection_date=lease.move_in_date or lease.lease_begin_date,
            link_turnover_case=False,
        )
        for room in ROOMS:
            photos_upload(inspection=baseline, room=room, uploads=[_photo(room, n)], user=None)
        inspection_analyze(inspection_id=baseline.pk)
        made += 1
        if n == UNITS - 1:
            break  # left for a person to inspect
        inspection = inspection_create(lease=lease, inspector_name="J. Smith", inspection_date=case.actual_move_out)
        uploaded = []
        for room in ROOMS:
            extra = {"damage": True} if room == "living_room" else {"blur": True} if room == "bedroom_1" else {}
            uploaded += photos_upload(
                inspection=inspection, room=room, uploads=[_photo(room, n, shot=2, **extra)], user=None
            )
        made += 1
        if n == 2:
            continue  # photos uploaded, not analysed yet
        inspection_analyze(inspection_id=inspection.pk)
        if n == 0:
            damage_item_add(
                photo=uploaded[0],
                item="Carpet stain, 12 x 8 in",
                category="floor_damage",
                severity="moderate",
                location="by the window",
                actor="demo",
            )
            damage_item_add(
                photo=uploaded[0],
                item="Two nail holes in the wall",
                category="wall_damage",
                severity="minor",
                actor="demo",
            )
    return f"{made} inspections"
