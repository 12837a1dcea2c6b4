"""Reads owned by core (signed-in devices)."""

from django.utils import timezone
from knox.models import AuthToken

from core.auth import token_public_id


def auth_session_list(*, user, current_digest: str | None = None) -> list[dict]:
    """The user's live sign-ins (one per device, newest first): public id, created, expiry, last used,
    user agent, and whether it is the token of the request asking."""
    tokens = (
        AuthToken.objects.filter(user=user, expiry__gt=timezone.now()).select_related("device").order_by("-created")
    )
    rows = []
    for t in tokens:
        device = getattr(t, "device", None)
        rows.append(
            {
                "id": token_public_id(t.token_key),
                "created": t.created,
                "expiry": t.expiry,
                "last_used": device.last_used if device else None,
                "user_agent": device.user_agent if device else "",
                "current": t.digest == current_digest,
            }
        )
    return rows
