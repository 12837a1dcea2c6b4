from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.models import Notification, NotificationRead
from core.notifications.selectors import REMINDER, notification_list, reminders_due
from core.roles import PERMISSIONS

logger = logging.getLogger(__name__)
Severity = Notification.Severity


def notification_create(
    *,
    kind: str,
    severity: str,
    title: str,
    body: str = "",
    link: str = "",
    dedupe_key: str | None = None,
    property_id=None,
    permission: str = "",
) -> tuple[Notification, bool]:
    """Creates a notification, or returns the existing one with the same `dedupe_key` (created=False).

    A new critical one is also sent to the on-call manager (ONCALL_MANAGER_EMAIL / ONCALL_MANAGER_PHONE)."""
    if severity not in Severity.values:
        raise ApplicationError(f"Unknown severity {severity!r}; use one of {', '.join(Severity.values)}.")
    if permission and permission not in PERMISSIONS:
        raise ApplicationError(f"Unknown permission {permission!r} (core.roles.PERMISSIONS).")
    if dedupe_key:
        existing = Notification._base_manager.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            note = Notification._base_manager.create(
                kind=kind[:64],
                severity=severity,
                title=title[:200],
                body=body,
                link=link[:300],
                dedupe_key=dedupe_key or None,
                property_ref=property_id,
                permission=permission,
            )
    except IntegrityError:  # the same key created meanwhile by another run
        return Notification._base_manager.get(dedupe_key=dedupe_key), False
    if severity == Severity.CRITICAL:
        transaction.on_commit(lambda: notification_page_oncall(note))
    return note, True


def notification_page_oncall(note: Notification) -> list:
    """Emails and texts a critical notification to the on-call manager, once per channel (dedupe keys)."""
    from core.messaging.services import send_email, send_sms

    sent = []
    link = f"{settings.APP_BASE_URL.rstrip('/')}{note.link}" if note.link else settings.APP_BASE_URL
    try:
        if settings.ONCALL_MANAGER_EMAIL:
            sent.append(
                send_email(
                    to=settings.ONCALL_MANAGER_EMAIL,
                    subject=f"Critical: {note.title}",
                    text=f"{note.body}\n\nOpen it in UnitCycle: {link}",
                    feature="notifications",
                    related_object=note,
                    dedupe_key=f"notification:{note.pk}:email",
                )
            )
        if settings.ONCALL_MANAGER_PHONE:
            sent.append(
                send_sms(
                    to=settings.ONCALL_MANAGER_PHONE,
                    body=f"UnitCycle critical: {note.title}. {link}"[:320],
                    feature="notifications",
                    related_object=note,
                    dedupe_key=f"notification:{note.pk}:sms",
                    urgent=True,  # a safety page reaches the on-call phone even after a STOP
                )
            )
    except ApplicationError:  # a misconfigured on-call address: the bell still has it
        logger.exception("Could not page the on-call manager for notification %s", note.pk)
    return sent


def notification_mark_read(*, user, notification_id) -> Notification:
    # only what the caller may see: another property's, or one their role may not read, is a 404
    note = notification_list(user=user).filter(pk=notification_id).first()
    if note is None:
        raise ApplicationError("Notification not found.", status_code=404)
    NotificationRead.objects.get_or_create(notification=note, user=user)
    return note


def notifications_mark_all_read(*, user) -> int:
    """Marks every notification the caller can see as read; returns how many were unread."""
    unread = list(notification_list(user=user, unread=True).values_list("pk", flat=True))
    NotificationRead.objects.bulk_create(
        [NotificationRead(notification_id=pk, user=user, read_at=timezone.now()) for pk in unread],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return len(unread)


def notifications_create_many(items: list[dict]) -> int:
    """Set-based `notification_create` for an agent: each item has kind, severity, title, body, link, dedupe_key
    (required), property_id and permission (who may see it: a core.roles codename). Existing keys are left
    alone; new critical ones page the on-call manager. Returns how many were new."""
    if not items:
        return 0
    keys = [i["dedupe_key"] for i in items]
    existing = set(Notification._base_manager.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
    new = [
        Notification(
            kind=i["kind"][:64],
            severity=i["severity"],
            title=i["title"][:200],
            body=i.get("body", ""),
            link=i.get("link", "")[:300],
            dedupe_key=i["dedupe_key"],
            property_ref=i.get("property_id"),
            permission=i.get("permission", ""),
        )
        for i in items
        if i["dedupe_key"] not in existing
    ]
    Notification._base_manager.bulk_create(new, ignore_conflicts=True, batch_size=500)
    critical = Notification._base_manager.filter(dedupe_key__in=[n.dedupe_key for n in new], severity=Severity.CRITICAL)
    for note in critical:
        transaction.on_commit(lambda note=note: notification_page_oncall(note))
    return len(new)


# --- reminders: a notification to one person, shown (and emailed) when it is due ----------------------------------

REMINDER_MAX_AHEAD = datetime.timedelta(days=730)
REMINDER_GRACE = datetime.timedelta(minutes=1)
REMINDER_BATCH = 500


def reminder_create(*, user, title: str, due_at: datetime.datetime, body: str = "", link: str = "") -> Notification:
    """A reminder for `user` at `due_at`: a notification only they see, in the bell from `due_at` on, and emailed
    to them then by `core.deliver_due_reminders`. `link` is a path inside the app (e.g. the unit's page)."""
    title = (title or "").strip()
    if not title:
        raise ApplicationError("A reminder needs a title.")
    if due_at.tzinfo is None:
        due_at = timezone.make_aware(due_at)
    now = timezone.now()
    if due_at < now - REMINDER_GRACE:
        raise ApplicationError("A reminder's time must be in the future.")
    if due_at > now + REMINDER_MAX_AHEAD:
        raise ApplicationError("A reminder can be at most two years ahead.")
    link = (link or "").strip()
    if link and (not link.startswith("/") or link.startswith("//")):
        raise ApplicationError("A reminder's link must be a path inside the app, like /units/…")
    return Notification._base_manager.create(
        kind=REMINDER,
        severity=Severity.INFO,
        title=title[:200],
        body=(body or "")[:2000],
        link=link[:300],
        recipient=user,
        deliver_at=due_at,
    )


def reminders_deliver_due(*, now: datetime.datetime | None = None, limit: int = REMINDER_BATCH) -> str:
    """Emails every reminder whose time has come, once (the bell shows it from its time on by itself). Set-based:
    one read of the due reminders, one UPDATE claiming them (a concurrent run claims none twice), then one outbox
    message each (dedupe key per reminder)."""
    now = now or timezone.now()
    due = list(reminders_due(now=now, limit=limit))
    if not due:
        return "No reminders due."
    claimed = set(
        Notification._base_manager.filter(pk__in=[r.pk for r in due], delivered_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    Notification._base_manager.filter(pk__in=claimed, delivered_at__isnull=True).update(delivered_at=now)
    from core.messaging.services import send_email

    sent = 0
    for reminder in due:
        if reminder.pk not in claimed or not reminder.recipient.email:
            continue
        link = f"{settings.APP_BASE_URL.rstrip('/')}{reminder.link}" if reminder.link else settings.APP_BASE_URL
        try:
            send_email(
                to=reminder.recipient.email,
                subject=f"Reminder: {reminder.title}",
                text=f"{reminder.body}\n\nOpen it in UnitCycle: {link}".strip(),
                feature="notifications.reminder",
                related_object=reminder,
                dedupe_key=f"reminder:{reminder.pk}:email",
            )
            sent += 1
        except ApplicationError:  # a malformed address: the bell still shows it
            logger.exception("Could not email reminder %s", reminder.pk)
    return f"{len(claimed)} reminders due, {sent} emailed."
