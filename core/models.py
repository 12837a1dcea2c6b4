import uuid

from django.conf import settings
from django.db import models

from core.roles import PERMISSIONS
from core.scoping import ScopedManager


class BaseModel(models.Model):
    """UUID primary key plus created/updated timestamps; every domain table uses it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AICallLog(BaseModel):
    """One call through core.ai (offline or Claude): who asked, what it cost, how it ended."""

    class Kind(models.TextChoices):
        JSON = "json", "JSON completion"
        VISION = "vision", "Vision (images / PDF)"
        CHAT = "chat", "Chat (streaming, tools)"

    class Outcome(models.TextChoices):
        SUCCESS = "success", "Success"
        INVALID_OUTPUT = "invalid_output", "Invalid output"
        ERROR = "error", "Error"
        UNAVAILABLE = "unavailable", "Unavailable"
        CANCELLED = "cancelled", "Cancelled"

    feature = models.CharField(max_length=64, db_index=True)
    prompt_name = models.CharField(max_length=128, db_index=True)
    prompt_version = models.CharField(max_length=32, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.JSON)
    provider = models.CharField(max_length=16)
    model = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, db_index=True)
    latency_ms = models.PositiveIntegerField(default=0)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="HTTP requests made, retries included.")
    request_id = models.CharField(max_length=128, blank=True, help_text="The provider's request id (support tickets).")
    error = models.TextField(blank=True)
    meta = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["feature", "created_at"], name="core_aicall_feature_created")]

    def __str__(self) -> str:
        return f"{self.prompt_name}@{self.prompt_version} via {self.provider}: {self.outcome}"


class OutboxMessage(BaseModel):
    """Every SMS and email the platform sends, written before delivery so nothing is ever lost."""

    class Channel(models.TextChoices):
        SMS = "sms", "SMS"
        EMAIL = "email", "Email"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        STORED = "stored", "Stored (no provider configured)"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"
        BLOCKED = "blocked", "Not sent: the number opted out (STOP)"
        SCHEDULED = "scheduled", "Scheduled: held for the recipient's contact hours"

    channel = models.CharField(max_length=8, choices=Channel.choices, db_index=True)
    to = models.CharField(max_length=254, db_index=True)
    from_address = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=255, blank=True)
    body = models.TextField(help_text="SMS text, or the email's plain-text part.")
    html = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    backend = models.CharField(
        max_length=32, blank=True, help_text="twilio, sendgrid, django, outbox or a custom backend."
    )
    provider_message_id = models.CharField(max_length=128, blank=True, db_index=True)
    error = models.TextField(blank=True)
    retryable = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    feature = models.CharField(max_length=64, blank=True, db_index=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    related_type = models.CharField(max_length=100, blank=True, help_text="app_label.model of the object it is about.")
    related_id = models.CharField(max_length=64, blank=True)
    not_before = models.DateTimeField(
        null=True, blank=True, help_text="A scheduled message goes out at this time (quiet hours), not before."
    )
    hold_reason = models.CharField(
        max_length=300, blank=True, help_text='Why it waits, with the law: "quiet hours, 47 CFR §64.1200(c)(1)".'
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    status_events = models.JSONField(default=list, blank=True, help_text="Provider status callbacks, oldest first.")

    objects = ScopedManager()  # by recipient/sender: the rule is the tenants app's (tenants/apps.py)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["related_type", "related_id"], name="core_outbox_related"),
            models.Index(fields=["status", "not_before"], name="core_outbox_due"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} to {self.to}: {self.status}"


class SmsOptOut(models.Model):
    """STOP / START per phone number (E.164). `send_sms` sends nothing but urgent messages to an opted-out number."""

    phone = models.CharField(max_length=20, primary_key=True)
    opted_out = models.BooleanField(default=True)
    keyword = models.CharField(max_length=20, blank=True, default="")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "sms_opt_out"

    def __str__(self) -> str:
        return f"{self.phone}: {'opted out' if self.opted_out else 'opted in'} ({self.keyword})"


class InboundMessage(BaseModel):
    """An SMS or email received through a verified provider webhook."""

    class Channel(models.TextChoices):
        SMS = "sms", "SMS"
        EMAIL = "email", "Email"

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        HANDLED = "handled", "Handled"
        UNHANDLED = "unhandled", "No handler registered"
        FAILED = "failed", "Handler failed"

    channel = models.CharField(max_length=8, choices=Channel.choices, db_index=True)
    provider = models.CharField(max_length=16)
    provider_message_id = models.CharField(max_length=255, blank=True)
    from_address = models.CharField(max_length=254, db_index=True)
    to_address = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=255, blank=True)
    body = models.TextField(blank=True)
    html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True, help_text="Media URLs / file names, types and sizes.")
    payload = models.JSONField(default=dict, blank=True, help_text="The provider's form fields as received.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    handler_error = models.TextField(blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()  # by recipient/sender: the rule is the tenants app's (tenants/apps.py)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_message_id"],
                condition=~models.Q(provider_message_id=""),
                name="core_inbound_unique_provider_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} from {self.from_address}: {self.status}"


class IdempotencyKey(BaseModel):
    """One `Idempotency-Key` a user sent on a POST (Stripe's semantics, see core.idempotency): the first
    request's response is stored and replayed for retries; the same key with a different request is a 409."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=512)
    body_hash = models.CharField(max_length=64, help_text="SHA-256 of the canonical request body.")
    state = models.CharField(max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="core_idempotency_unique_user_key")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]: {self.state}"


class Job(BaseModel):
    """A background run of a registered job kind (core.jobs): at most one queued/running per kind + scope."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField(max_length=64, db_index=True)
    scope = models.CharField(max_length=128, blank=True, help_text="e.g. a property id; '' for the whole portfolio.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0-100.")
    message = models.CharField(max_length=255, blank=True, help_text="What the job is doing now, in words.")
    result = models.JSONField(null=True, blank=True, help_text="The job's summary when it succeeded.")
    error = models.TextField(blank=True)
    requested_by = models.CharField(max_length=150, blank=True)
    runner = models.CharField(max_length=16, blank=True, help_text="celery or thread.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "scope"],
                condition=models.Q(status__in=["queued", "running"]),
                name="core_job_one_active_per_kind_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}[{self.scope}]: {self.status} {self.progress}%"


class TokenDevice(models.Model):
    """What the signed-in devices list shows about one API token (a knox token is one device's sign-in).

    Deleted with its token (sign-out, revocation, expiry clean-up)."""

    token = models.OneToOneField("knox.AuthToken", primary_key=True, on_delete=models.CASCADE, related_name="device")
    user_agent = models.CharField(max_length=255, blank=True, default="")
    last_used = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.token.token_key} ({self.user_agent or 'unknown device'})"


class Access(models.Model):
    """No table: it only carries the permissions roles are made of (`core.roles.PERMISSIONS`)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [(codename, words[0].upper() + words[1:]) for codename, words in PERMISSIONS.items()]


class Notification(BaseModel):
    """Something a property manager should know or decide (core.notifications): shown in the bell; critical ones
    are also sent to the on-call manager by email and SMS."""

    class Severity(models.TextChoices):
        INFO = "info", "Info"
        WARNING = "warning", "Needs attention"
        CRITICAL = "critical", "Critical"

    kind = models.CharField(
        max_length=64, db_index=True, help_text="What produced it, e.g. collections.legal_referral."
    )
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.INFO, db_index=True)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True, help_text="Where in the app to act on it (a path).")
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # The property it concerns (no foreign key: core sits below properties); empty = the whole portfolio.
    property_ref = models.UUIDField(null=True, blank=True, db_index=True)
    # The permission (core.roles) a person needs to see it, e.g. view_collections for tenants' arrears; empty = all.
    permission = models.CharField(max_length=64, blank=True, default="")
    # A reminder (core.notifications.reminder_create): only its recipient sees it, and only from `deliver_at` on;
    # `delivered_at` is when core.deliver_due_reminders emailed it. Both empty for an ordinary notification.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    deliver_at = models.DateTimeField(null=True, blank=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at"]

    @classmethod
    def scope_q(cls, property_ids, scope):
        """A scoped manager sees their properties' notifications and the portfolio-wide ones."""
        return models.Q(property_ref__isnull=True) | models.Q(property_ref__in=property_ids)

    def __str__(self) -> str:
        return f"[{self.severity}] {self.title}"


class NotificationRead(models.Model):
    """One person has read one notification (read state is per person; the notification is shared)."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notification", "user"], name="core_notification_read_once")]
