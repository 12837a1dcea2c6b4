"""Portfolio command center (spec 1.4): the nightly AI action queue and the audit trail of bulk actions.

The spec's fields, choices, indexes and `db_table` are kept; additions are marked "workflow" (see
portfolio/DECISIONS.md). Workflows live in `portfolio.services`.
"""

import uuid

from django.db import models
from django.db.models import Q

from core.scoping import ScopedManager


class ActionType(models.TextChoices):
    EARLY_RENEWAL_NUDGE = "early_renewal_nudge", "Offer early renewal"
    RENEWAL_OFFER = "renewal_offer", "Offer renewal"
    RENT_INCREASE_NOTICE = "rent_increase_notice", "Rent increase notice"
    MOVE_OUT_INSPECTION = "move_out_inspection", "Schedule move-out inspection"
    LISTING_PREP = "listing_prep", "Begin listing prep"
    EVICTION_PREP = "eviction_prep", "Begin eviction prep"


class AIActionQueue(models.Model):
    """
    Nightly-generated AI action recommendation for a unit.
    One record per unit per action type, refreshed daily.
    """

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        URGENT = "urgent", "Urgent"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending Review"
        APPROVED = "approved", "Approved — Ready to Send"
        EXECUTED = "executed", "Executed"
        DISMISSED = "dismissed", "Dismissed"
        SUPERSEDED = "superseded", "Superseded (newer recommendation exists)"

    # Still waiting for the manager (shown in the queue and on the command center).
    OPEN_STATUSES = (Status.PENDING, Status.APPROVED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.CASCADE, related_name="ai_action_queue")
    lease = models.ForeignKey(
        "tenants.TenantLease", on_delete=models.CASCADE, null=True, blank=True, related_name="ai_action_queue"
    )
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="ai_action_queue")

    # Values: ActionType (not declared as choices: the OpenAPI enum would collide with collections' `action_type`).
    action_type = models.CharField(max_length=50, db_index=True)
    # e.g. 'renewal_offer', 'rent_increase_notice', 'move_out_inspection',
    #      'listing_prep', 'eviction_prep', 'early_renewal_nudge'

    description = models.TextField()  # Human-readable summary
    suggested_payload = models.JSONField(default=dict)  # the figures the action will use
    generated_content = models.TextField(null=True, blank=True)  # Draft letter, etc. (written at preview time)

    confidence_score = models.DecimalField(max_digits=3, decimal_places=2, default=0.50)
    # 0.00–1.00. Only show to PM if confidence >= 0.60 by default.

    priority = models.CharField(max_length=10, default=Priority.MEDIUM, choices=Priority.choices)

    lifecycle_state = models.CharField(max_length=20)  # Cached from lease at generation time

    status = models.CharField(max_length=20, default=Status.PENDING, choices=Status.choices)

    # Execution tracking
    executed_at = models.DateTimeField(null=True, blank=True)
    executed_by = models.CharField(max_length=100, blank=True, default="")
    execution_method = models.CharField(max_length=20, blank=True, default="")  # 'email', 'sms', 'both', 'manual'
    bulk_batch_id = models.UUIDField(null=True, blank=True)

    # Source context
    generation_reason = models.TextField(blank=True, default="")
    # e.g. "MTM tenant 90 days at below-market rent ($175 gap). High conversion probability."

    generated_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # workflow
    generated_on = models.DateField(
        help_text="The agent's run date. One row per unit, action type and day; older pending rows are superseded."
    )
    content_subject = models.CharField(max_length=200, blank=True, default="")
    content_sms = models.CharField(max_length=320, blank=True, default="")
    content_provider = models.CharField(max_length=16, blank=True, default="")  # 'offline' | 'anthropic'
    content_generated_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissed_by = models.CharField(max_length=100, blank=True, default="")

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "ai_action_queue"
        ordering = ["-confidence_score", "-generated_at"]
        indexes = [
            models.Index(fields=["status", "priority", "-confidence_score"]),
            models.Index(fields=["unit", "action_type", "-generated_at"]),
            models.Index(fields=["property", "lifecycle_state", "status"]),
            models.Index(fields=["action_type", "status"]),
            # workflow: the command center's "top action per unit" and the confidence sort
            models.Index(fields=["unit", "status", "-confidence_score"], name="ai_action_unit_status_conf"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "action_type", "generated_on"], name="ai_action_one_per_unit_type_day"
            ),
            models.CheckConstraint(
                condition=Q(confidence_score__gte=0) & Q(confidence_score__lte=1), name="ai_action_confidence_0_1"
            ),
        ]
        verbose_name = "AI action"

    def __str__(self):
        return f"{self.unit_id} — {self.action_type} ({float(self.confidence_score):.0%} conf)"


class BulkActionBatch(models.Model):
    """Audit trail for bulk action executions."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"  # scheduled for later
        RUNNING = "running", "Running"  # workflow
        SENT = "sent", "Sent"  # every unit succeeded (or was already done)
        PARTIAL = "partial", "Partially failed"  # workflow: some units failed, see results
        FAILED = "failed", "Failed"  # every unit failed
        CANCELLED = "cancelled", "Cancelled"

    class Method(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "SMS"
        BOTH = "both", "Email and SMS"
        MANUAL = "manual", "Manual (no message sent)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    action_type = models.CharField(max_length=50)  # ActionType values
    unit_count = models.IntegerField()
    suggested_payload = models.JSONField(default=dict, blank=True)
    executed_by = models.CharField(max_length=100)
    execution_method = models.CharField(max_length=20, default=Method.EMAIL, choices=Method.choices)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, default=Status.PENDING, choices=Status.choices)
    result_summary = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    # workflow
    unit_ids = models.JSONField(default=list, help_text="The selected units, in the order given.")
    results = models.JSONField(
        default=list,
        blank=True,
        help_text="Per unit: {unit_id, unit_number, ok, status: done|skipped|failed, detail, renewal_id, "
        "outbox_message_ids, work_order_id, ...}.",
    )
    succeeded_count = models.IntegerField(default=0)
    skipped_count = models.IntegerField(default=0)
    failed_count = models.IntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, default="")

    objects = ScopedManager()

    @classmethod
    def scope_q(cls, property_ids, scope):
        """A bulk action spans properties: a person with assigned properties sees the ones they ran."""
        return models.Q(executed_by=f"user:{scope.email}"[:100])

    class Meta:
        db_table = "bulk_action_batch"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "scheduled_for"])]
        verbose_name = "bulk action batch"
        verbose_name_plural = "bulk action batches"

    def __str__(self):
        return f"{self.action_type} × {self.unit_count} ({self.status})"


class RentIncreaseNotice(models.Model):
    """workflow: a 30-day rent increase notice sent from the command center (no other feature owns rent
    increases on month-to-month tenancies). The lease's rent itself is not changed here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    lease = models.ForeignKey("tenants.TenantLease", on_delete=models.CASCADE, related_name="rent_increase_notices")
    tenant = models.ForeignKey("tenants.Tenants", on_delete=models.CASCADE, related_name="rent_increase_notices")
    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.CASCADE, related_name="rent_increase_notices")
    property = models.ForeignKey(
        "properties.Properties", on_delete=models.CASCADE, related_name="rent_increase_notices"
    )
    current_rent = models.DecimalField(max_digits=10, decimal_places=2)
    new_rent = models.DecimalField(max_digits=10, decimal_places=2)
    notice_date = models.DateField()
    effective_date = models.DateField()
    subject = models.CharField(max_length=200)
    letter_text = models.TextField()
    sms_text = models.CharField(max_length=320, blank=True, default="")
    provider = models.CharField(max_length=16, blank=True, default="")
    method = models.CharField(max_length=20)
    sent_via = models.JSONField(default=list, blank=True)  # [{channel, to, outbox_message_id, status, error}]
    bulk_batch = models.ForeignKey(
        BulkActionBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="rent_increase_notices"
    )
    created_by = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "portfolio_rent_increase_notice"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["lease", "effective_date"], name="rent_notice_one_per_lease_effective_date"
            ),
        ]

    def __str__(self):
        return f"Rent notice {self.lease_id}: {self.current_rent} -> {self.new_rent} from {self.effective_date}"
