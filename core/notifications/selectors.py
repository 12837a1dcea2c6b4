from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from core.models import Notification, NotificationRead
from core.permissions import user_codenames


def notification_list(
    *, user, unread: bool | None = None, severity: str | None = None, kind: str | None = None
) -> QuerySet[Notification]:
    """The notifications the caller may see (their properties, and only those whose `permission` their role
    holds), each with `is_read` for this caller: unread critical ones
    first (they must not scroll away under a busy night's news), then newest first."""
    qs = (
        Notification.objects.filter(Q(permission="") | Q(permission__in=user_codenames(user)))
        # a reminder is its recipient's alone, and shows from its due time on
        .filter(Q(recipient__isnull=True) | Q(recipient=user))
        .filter(Q(deliver_at__isnull=True) | Q(deliver_at__lte=timezone.now()))
        .annotate(is_read=Exists(NotificationRead.objects.filter(notification=OuterRef("pk"), user=user)))
    )
    if unread is True:
        qs = qs.filter(is_read=False)
    elif unread is False:
        qs = qs.filter(is_read=True)
    if severity:
        qs = qs.filter(severity=severity)
    if kind:
        qs = qs.filter(kind=kind)
    pinned = Case(
        When(Q(severity=Notification.Severity.CRITICAL, is_read=False), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return qs.annotate(pinned=pinned).order_by("pinned", "-created_at", "-id")


def notification_unread_counts(*, user) -> dict:
    """{"unread": n, "unread_critical": m} for the bell."""
    qs = notification_list(user=user, unread=True)
    return {"unread": qs.count(), "unread_critical": qs.filter(severity=Notification.Severity.CRITICAL).count()}


REMINDER = "reminder"


def reminder_list(*, user, pending: bool | None = None) -> QuerySet[Notification]:
    """The reminders `user` set (core.notifications.reminder_create), soonest first; `pending=True`: not yet due."""
    qs = Notification._base_manager.filter(kind=REMINDER, recipient=user)
    if pending is True:
        qs = qs.filter(deliver_at__gt=timezone.now())
    elif pending is False:
        qs = qs.filter(deliver_at__lte=timezone.now())
    return qs.order_by("deliver_at", "id")


def reminders_due(*, now, limit: int) -> QuerySet[Notification]:
    """Reminders whose time has come and that have not been emailed yet (the delivery agent's work list)."""
    return (
        Notification._base_manager.filter(
            kind=REMINDER, recipient__isnull=False, deliver_at__lte=now, delivered_at__isnull=True
        )
        .select_related("recipient")
        .order_by("deliver_at", "id")[:limit]
    )
