"""Celery tasks of the responsibility app: each calls one service."""

from celery import shared_task
from django.utils import timezone

from responsibility.services import responsibility_determine_pending


@shared_task(name="responsibility.determine_pending")
def determine_pending() -> str:
    """Nightly (02:30 UTC): every completed work order without a determination gets one."""
    return responsibility_determine_pending(today=timezone.localdate())
