"""Smart collections (spec 1.3): cases, the actions taken on them, payment plans and installments.

The spec's fields and table names, plus what the workflow needs (marked "workflow" below): a dunning step
is recorded once (`step_level` unique per case), which outbox messages carried it and how delivery went,
which AI provider wrote it, who did it, and how much a payment / installment covered.
"""

import uuid

from django.db import models
from django.db.models import Q

from core.scoping import ScopedManager


class CollectionCase(models.Model):
    """A collection case for an overdue balance."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PAYMENT_PLAN = "payment_plan", "Payment Plan"
        PAID = "paid", "Paid"
        ESCALATED = "escalated", "Escalated to Legal"
        WRITTEN_OFF = "written_off", "Written Off"

    class RiskProfile(models.TextChoices):
        GOOD_HISTORY = "good_history", "Good History"  # First-time late, usually pays on time
        STANDARD = "standard", "Standard"
        REPEAT_OFFENDER = "repeat_offender", "Repeat Offender"  # 3+ late in 12 months
        CHRONIC = "chronic", "Chronic"  # 6+ late in 12 months

    class Tone(models.TextChoices):
        FRIENDLY = "friendly", "Friendly"
        FIRM = "firm", "Firm"
        FORMAL = "formal", "Formal"
        LEGAL = "legal", "Legal"

    class LegalReferral(models.TextChoices):
        NONE = "", "None"
        RECOMMENDED = "recommended", "Recommended, awaiting a manager"
        APPROVED = "approved", "Approved by a manager"
        DISMISSED = "dismissed", "Dismissed by a manager"

    # A tenant has at most one of these at a time (the scan never opens a second one).
    UNRESOLVED = (Status.OPEN, Status.PAYMENT_PLAN, Status.ESCALATED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant = models.ForeignKey("tenants.Tenants", on_delete=models.CASCADE, related_name="collection_cases")
    lease = models.ForeignKey("tenants.TenantLease", on_delete=models.CASCADE, related_name="collection_cases")
    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.CASCADE, related_name="collection_cases")
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="collection_cases")

    original_amount_due = models.DecimalField(max_digits=10, decimal_places=2)
    current_balance = models.DecimalField(max_digits=10, decimal_places=2)
    # Unpaid late fees the law lets us ask for (properties.JurisdictionRule `late_fee`: grace period and cap);
    # the ledger's fees above that are `late_fee_excess`, left out of current_balance and never requested.
    late_fee_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    late_fee_excess = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    late_fee_citation = models.CharField(max_length=300, blank=True, default="")
    days_overdue = models.IntegerField(default=0)
    due_date = models.DateField()

    escalation_level = models.IntegerField(default=0)
    # 0=new, 1=sms_sent, 2=email_sent, 3=formal_sent, 4=plan_offered, 5=escalated

    tenant_risk_profile = models.CharField(max_length=20, default="standard", choices=RiskProfile.choices)
    tone = models.CharField(max_length=20, default="friendly", choices=Tone.choices)
    status = models.CharField(max_length=20, default="open", choices=Status.choices)
    resolved_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.CharField(max_length=100, blank=True, default="")
    notes = models.TextField(blank=True, default="")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # workflow: the legal step is never automatic. The agent only recommends it (when the balance and its age
    # reach COLLECTIONS_LEGAL_MIN_BALANCE / COLLECTIONS_LEGAL_MIN_DAYS_OVERDUE); a manager approves or dismisses.
    legal_referral = models.CharField(max_length=12, blank=True, default="", choices=LegalReferral.choices)
    legal_referral_recommended_at = models.DateTimeField(null=True, blank=True)
    legal_referral_decided_at = models.DateTimeField(null=True, blank=True)
    legal_referral_decided_by = models.CharField(max_length=100, blank=True, default="")

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "collection_case"
        ordering = ["-days_overdue"]
        indexes = [
            models.Index(fields=["status", "escalation_level"]),
            models.Index(fields=["tenant", "status"]),
            models.Index(fields=["property", "status"]),
            models.Index(fields=["legal_referral", "status"]),
        ]
        constraints = [
            # workflow: one unresolved case per tenant, even if two scans race.
            models.UniqueConstraint(
                fields=["tenant"],
                condition=Q(status__in=["open", "payment_plan", "escalated"]),
                name="collection_case_one_unresolved_per_tenant",
            ),
        ]

    def __str__(self):
        return f"Case {self.tenant_id} {self.current_balance} ({self.status}, level {self.escalation_level})"


class CollectionAction(models.Model):
    """Individual action/communication in a collection case."""

    class ActionType(models.TextChoices):
        SMS = "sms", "SMS Reminder"
        EMAIL = "email", "Email Notice"
        FORMAL_LETTER = "formal_letter", "Formal Letter"
        PAYMENT_PLAN = "payment_plan", "Payment Plan Offer"
        ESCALATION = "escalation", "Legal Escalation"
        CALL = "call", "Phone Call"
        PAYMENT_RECEIVED = "payment_received", "Payment Received"
        NOTE = "note", "Manual Note"
        LEGAL_REVIEW = "legal_review", "Legal referral review"  # workflow: recommended / approved / dismissed

    class DeliveryStatus(models.TextChoices):
        PENDING = "pending", "Not yet handed to messaging"
        OUTBOX = "outbox", "In the outbox (no provider, or a letter to print and mail)"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"
        NONE = "", "No delivery (internal action)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(CollectionCase, on_delete=models.CASCADE, related_name="actions")
    action_type = models.CharField(max_length=20, choices=ActionType.choices)
    escalation_level = models.IntegerField()
    channel = models.CharField(max_length=20, default="system")
    # 'sms', 'email', 'letter', 'phone', 'system'; a step sent on two channels is 'email+letter'

    message_text = models.TextField()
    tone_used = models.CharField(max_length=20)
    ai_generated = models.BooleanField(default=True)

    sent_at = models.DateTimeField(null=True, blank=True)
    delivered = models.BooleanField(default=False)
    opened = models.BooleanField(default=False)
    response_received = models.BooleanField(default=False)

    created_at = models.DateTimeField(auto_now_add=True)

    # workflow
    step_level = models.IntegerField(
        null=True, blank=True, help_text="The dunning step (1-5) this action is; null for other actions."
    )
    subject = models.CharField(max_length=255, blank=True, default="")
    outbox_message_ids = models.JSONField(
        default=dict,
        blank=True,
        help_text='{"sms": id, "email": id, "manager_email": id}: the outbox rows that carry it.',
    )
    delivery_status = models.CharField(max_length=10, choices=DeliveryStatus.choices, blank=True, default="")
    delivery_error = models.TextField(blank=True, default="")
    ai_provider = models.CharField(max_length=20, blank=True, default="")
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True, help_text="Payments only.")
    created_by = models.CharField(max_length=100, default="system")

    objects = ScopedManager()
    scope_property = "case__property_id"

    class Meta:
        db_table = "collection_action"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "step_level"], condition=Q(step_level__isnull=False), name="collection_action_step_once"
            ),
        ]
        indexes = [
            models.Index(fields=["case", "created_at"]),
            models.Index(fields=["action_type", "sent_at"]),
        ]

    def __str__(self):
        return f"{self.action_type} (level {self.escalation_level})"


class PaymentPlan(models.Model):
    """Payment plan offered to tenant for overdue balance."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        DEFAULTED = "defaulted", "Defaulted"

    IN_FORCE = (Status.ACCEPTED, Status.ACTIVE)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.OneToOneField(CollectionCase, on_delete=models.CASCADE, related_name="payment_plan")
    total_amount = models.DecimalField(max_digits=10, decimal_places=2)
    num_installments = models.IntegerField()
    installment_amount = models.DecimalField(max_digits=10, decimal_places=2)
    start_date = models.DateField()
    status = models.CharField(max_length=20, default="proposed", choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # workflow
    accepted_at = models.DateTimeField(null=True, blank=True)
    defaulted_at = models.DateTimeField(null=True, blank=True)
    offered_by = models.CharField(max_length=100, default="system")

    objects = ScopedManager()
    scope_property = "case__property_id"

    class Meta:
        db_table = "collection_payment_plan"

    def __str__(self):
        return f"{self.num_installments} x {self.installment_amount} ({self.status})"


class PaymentPlanInstallment(models.Model):
    """Individual installment in a payment plan."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        OVERDUE = "overdue", "Overdue"
        PARTIAL = "partial", "Partially paid"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(PaymentPlan, on_delete=models.CASCADE, related_name="installments")
    installment_number = models.IntegerField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    due_date = models.DateField()
    paid_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, default="pending", choices=Status.choices)
    # 'pending', 'paid', 'overdue', 'partial'

    # workflow
    amount_paid = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    objects = ScopedManager()
    scope_property = "plan__case__property_id"

    class Meta:
        db_table = "collection_plan_installment"
        ordering = ["installment_number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "installment_number"], name="collection_installment_number_unique"),
        ]

    def __str__(self):
        return f"#{self.installment_number} {self.amount} due {self.due_date} ({self.status})"
