"""Celery tasks of the inspections app: each calls one service."""

from celery import shared_task

from inspections.services import inspection_analyze


@shared_task(name="inspections.analyze_inspection", acks_late=True)
def analyze_inspection(inspection_id: str, force: bool = False) -> str:
    """Queued by POST /api/v1/inspections/{id}/analyze/: analyses the inspection's photos, one by one (progress
    on the inspection). Safe to run twice (analysed photos are skipped unless forced)."""
    return inspection_analyze(inspection_id=inspection_id, force=force)
