"""Tenant communications (spec 5.3): one thread per tenant across SMS, email, WhatsApp and in-app.

The spec's `reconciliation.Buyer` is `tenants.Tenants` (spec README). Additions to the spec's fields are marked.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.scoping import ScopedManager

CHANNELS = [("sms", "SMS"), ("email", "Email"), ("whatsapp", "WhatsApp"), ("in_app", "In-App")]
CATEGORIES = [
    ("maintenance", "Maintenance"),
    ("billing", "Billing"),
    ("lease", "Lease"),
    ("complaint", "Complaint"),
    ("emergency", "Emergency"),
    ("general", "General"),
]
URGENCIES = [("critical", "Critical"), ("high", "High"), ("normal", "Normal"), ("low", "Low")]


class TenantConversation(models.Model):
    """A conversation thread with a tenant across any channel (one per tenant), or, without a tenant, the messages
    of one unknown sender (the unmatched queue: `contact_address` + `candidate_tenant_ids`)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        WAITING_STAFF = "waiting_staff", "Waiting on Staff"
        WAITING_TENANT = "waiting_tenant", "Waiting on Tenant"
        RESOLVED = "resolved", "Resolved"
        ARCHIVED = "archived", "Archived"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant = models.ForeignKey(
        "tenants.Tenants", on_delete=models.CASCADE, related_name="conversations", null=True, blank=True
    )
    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.SET_NULL, null=True, related_name="conversations")
    # added: the property (scoping, filters); null for an unmatched sender (visible to all-properties staff only)
    property = models.ForeignKey(
        "properties.Properties", on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    channel = models.CharField(max_length=15, choices=CHANNELS)
    status = models.CharField(max_length=20, default=Status.ACTIVE, choices=Status.choices)
    category = models.CharField(max_length=20, default="general", choices=CATEGORIES)
    urgency = models.CharField(max_length=10, default="normal", choices=URGENCIES)
    sentiment_score = models.FloatField(default=0.0)  # -1.0 to 1.0
    ai_auto_responded = models.BooleanField(default=False)
    assigned_to = models.CharField(max_length=100, blank=True, default="")
    escalated = models.BooleanField(default=False)
    escalation_reason = models.CharField(max_length=200, blank=True, default="")
    last_message_at = models.DateTimeField(null=True, blank=True)
    # added: the unmatched queue
    contact_address = models.CharField(max_length=254, blank=True, default="", db_index=True)
    candidate_tenant_ids = models.JSONField(default=list, blank=True)
    unread_count = models.PositiveIntegerField(default=0)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "tenant_conversation"
        ordering = ["-last_message_at"]
        indexes = [
            models.Index(fields=["tenant", "-last_message_at"]),
            models.Index(fields=["status", "category"]),
            models.Index(fields=["urgency", "-last_message_at"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["tenant"], condition=Q(tenant__isnull=False), name="one_thread_per_tenant"),
            models.UniqueConstraint(
                fields=["contact_address"], condition=Q(tenant__isnull=True), name="one_unmatched_thread_per_sender"
            ),
        ]

    def __str__(self):
        return f"{self.tenant or self.contact_address} ({self.category}/{self.urgency})"


class TenantMessage(models.Model):
    """Individual message in a tenant conversation."""

    class Direction(models.TextChoices):
        INBOUND = "inbound", "Inbound"
        OUTBOUND = "outbound", "Outbound"

    class Delivery(models.TextChoices):  # added: where an outbound message stands
        RECEIVED = "received", "Received"
        SENT = "sent", "Sent"
        HELD = "held", "Held for quiet hours"
        BLOCKED = "blocked", "Not sent (opted out)"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conversation = models.ForeignKey(TenantConversation, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    channel = models.CharField(max_length=15)
    content = models.TextField()
    is_ai_generated = models.BooleanField(default=False)
    is_auto_sent = models.BooleanField(default=False)
    ai_classification = models.JSONField(default=dict)
    sentiment = models.FloatField(default=0.0)  # -1.0 to 1.0
    suggested_response = models.TextField(blank=True, default="")
    read_at = models.DateTimeField(null=True, blank=True)
    # added
    inbound_message = models.OneToOneField(
        "core.InboundMessage", on_delete=models.SET_NULL, null=True, blank=True, related_name="tenant_message"
    )
    provider_message_id = models.CharField(max_length=255, blank=True, default="", db_index=True)
    from_address = models.CharField(max_length=254, blank=True, default="")
    subject = models.CharField(max_length=255, blank=True, default="")
    outbox_message = models.ForeignKey(
        "core.OutboxMessage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.RECEIVED)
    send_after = models.DateTimeField(null=True, blank=True, help_text="Held until the property's contact hours.")
    sent_by = models.CharField(max_length=150, blank=True, default="", help_text="Staff member, or '' for the AI.")
    work_order = models.ForeignKey(
        "units.UnitsMaintenance", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    processed_at = models.DateTimeField(null=True, blank=True)
    in_reply_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    # the spec's auto_now_add, as a default: a message imported with its history keeps its own time
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedManager()
    scope_property = "conversation__property_id"

    class Meta:
        db_table = "tenant_message"
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["conversation", "created_at"]),
            models.Index(fields=["delivery", "send_after"]),
        ]

    def __str__(self):
        return f"{self.direction} {self.channel}: {self.content[:40]}"


class CommunicationTemplate(models.Model):
    """Reusable message template for auto-responses and broadcasts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100)
    category = models.CharField(max_length=20)
    channel = models.CharField(max_length=15)
    content = models.TextField()
    variables = models.JSONField(default=list)
    auto_send = models.BooleanField(default=False)
    trigger_intent = models.CharField(max_length=50, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "communication_template"
        ordering = ["category", "name"]

    def __str__(self):
        return self.name


class BroadcastMessage(models.Model):
    """Mass communication to multiple tenants."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=200)
    content = models.TextField()
    channels = models.JSONField(default=list)
    recipient_filter = models.JSONField(default=dict)
    recipient_count = models.IntegerField(default=0)
    sent_count = models.IntegerField(default=0)
    read_count = models.IntegerField(default=0)
    status = models.CharField(max_length=20, default=Status.DRAFT, choices=Status.choices)
    sent_at = models.DateTimeField(null=True, blank=True)
    # added: the property the filter names (scoping; null = portfolio-wide), who made it, progress
    property = models.ForeignKey(
        "properties.Properties", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.CharField(max_length=150, blank=True, default="")
    failed_count = models.IntegerField(default=0)
    skipped_count = models.IntegerField(default=0, help_text="Opted out, or no address on the channel.")
    held_count = models.IntegerField(default=0, help_text="Waiting for the property's contact hours.")

    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    @classmethod
    def scope_q(cls, property_ids, scope):
        return Q(property_id__in=property_ids)

    class Meta:
        db_table = "broadcast_message"
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class BroadcastRecipient(models.Model):
    """One address of one broadcast (added): the dedupe key (one message per address and channel) and progress."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        HELD = "held", "Held for quiet hours"
        SKIPPED = "skipped", "Skipped"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    broadcast = models.ForeignKey(BroadcastMessage, on_delete=models.CASCADE, related_name="recipients")
    tenant = models.ForeignKey("tenants.Tenants", on_delete=models.CASCADE, related_name="+")
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=15)
    address = models.CharField(max_length=254)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    reason = models.CharField(max_length=200, blank=True, default="")
    outbox_message = models.ForeignKey(
        "core.OutboxMessage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "broadcast_recipient"
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "channel", "address"], name="broadcast_once_per_address")
        ]


class TenantSentimentLog(models.Model):
    """Daily rolling sentiment score for churn prediction."""

    class Risk(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        CRITICAL = "critical", "Critical"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant = models.ForeignKey("tenants.Tenants", on_delete=models.CASCADE, related_name="sentiment_logs")
    date = models.DateField()
    sentiment_score = models.FloatField(default=0.0)  # rolling 30-day avg
    message_count = models.IntegerField(default=0)
    risk_level = models.CharField(max_length=10, default=Risk.LOW, choices=Risk.choices)
    contributing_factors = models.JSONField(default=dict)
    churn_probability = models.FloatField(default=0.0)  # 0.0-1.0
    # added: the trend (30-day avg minus the previous 30 days') the formula used
    trend = models.FloatField(default=0.0)

    objects = ScopedManager()

    @classmethod
    def scope_q(cls, property_ids, scope):
        from tenants.models import TenantLease

        return Q(tenant_id__in=TenantLease._base_manager.filter(property_id__in=property_ids).values("tenant_id"))

    class Meta:
        db_table = "tenant_sentiment_log"
        unique_together = ["tenant", "date"]
        ordering = ["-date"]
