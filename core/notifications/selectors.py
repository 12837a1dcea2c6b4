from django.db.models import Exists, OuterRef, QuerySet

from core.models import Notification, NotificationRead


def notification_list(*, user, unread: bool | None = None, severity: str | None = None) -> QuerySet[Notification]:
    """The notifications the caller may see (scoped), newest first, each with `is_read` for this caller."""
    qs = Notification.objects.annotate(
        is_read=Exists(NotificationRead.objects.filter(notification=OuterRef("pk"), user=user))
    )
    if unread is True:
        qs = qs.filter(is_read=False)
    elif unread is False:
        qs = qs.filter(is_read=True)
    if severity:
        qs = qs.filter(severity=severity)
    return qs.order_by("-created_at", "-id")


def notification_unread_counts(*, user) -> dict:
    """{"unread": n, "unread_critical": m} for the bell."""
    qs = notification_list(user=user, unread=True)
    return {"unread": qs.count(), "unread_critical": qs.filter(severity=Notification.Severity.CRITICAL).count()}
