"""Renewal intelligence (spec 1.2): one AI-generated renewal recommendation per lease and renewal cycle.

The spec's `RenewalRecommendation` fields, choices and indexes are kept exactly; the workflow adds the
manager's modified rent, the letter's subject/SMS text and provenance, delivery and response fields
(renewals/DECISIONS.md). Workflows live in `renewals.services`.
"""

import uuid

from django.db import models
from django.db.models import Q

from core.scoping import ScopedManager


class RenewalRecommendation(models.Model):
    """AI-generated renewal recommendation for a lease."""

    class RiskLevel(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        CRITICAL = "critical", "Critical"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending Review"
        APPROVED = "approved", "Approved"
        SENT = "sent", "Sent to Tenant"
        ACCEPTED = "accepted", "Accepted by Tenant"
        DECLINED = "declined", "Declined by Tenant"
        EXPIRED = "expired", "Expired"

    class Strategy(models.TextChoices):
        HOLD = "hold", "Hold"
        BELOW_MARKET_RETAIN = "below_market_retain", "Below market — retain"
        MARKET_RATE = "market_rate", "Market rate"
        ABOVE_MARKET_PREMIUM = "above_market_premium", "Above market premium"

    class LetterProvider(models.TextChoices):
        OFFLINE = "offline", "Offline template"
        ANTHROPIC = "anthropic", "Claude"

    # A lease has at most one recommendation in these states (the scan's exclusion rule, enforced).
    OPEN_STATUSES = (Status.PENDING, Status.APPROVED, Status.SENT)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    lease = models.ForeignKey("tenants.TenantLease", on_delete=models.CASCADE, related_name="renewal_recommendations")
    tenant = models.ForeignKey("tenants.Tenants", on_delete=models.CASCADE, related_name="renewal_recommendations")
    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.CASCADE, related_name="renewal_recommendations")
    property = models.ForeignKey(
        "properties.Properties", on_delete=models.CASCADE, related_name="renewal_recommendations"
    )

    # Churn prediction
    churn_score = models.FloatField()  # 0.0 to 1.0
    churn_risk_level = models.CharField(max_length=20, choices=RiskLevel.choices)  # low, medium, high, critical
    churn_factors = models.JSONField(default=dict)
    # e.g. {"late_payments": 0.3, "maintenance_requests": 0.15, "rent_gap": 0.25, "tenure_short": 0.1, "market_trend": 0.0}

    # Rent recommendation
    current_rent = models.DecimalField(max_digits=10, decimal_places=2)
    market_rent = models.DecimalField(max_digits=10, decimal_places=2)
    recommended_rent = models.DecimalField(max_digits=10, decimal_places=2)
    rent_increase_pct = models.FloatField()  # e.g. 3.5 = 3.5%, current -> recommended
    rent_strategy = models.CharField(max_length=30, choices=Strategy.choices)
    rent_reasoning = models.TextField()
    # The manager's modified rent (approve with a rent); null = the recommended rent is offered.
    approved_rent = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    # Lease terms
    recommended_term_months = models.IntegerField(default=12)
    recommended_lease_start = models.DateField()
    recommended_lease_end = models.DateField()
    # The law behind the dates (properties.JurisdictionRule, rent_increase_notice): recommended_lease_start
    # is never sooner than the notice the property's state/city requires for this increase, counted from
    # `notice_date` (the letter's date); the tenant is asked to answer by `response_deadline`. Snapshots:
    # the letter keeps the rule it was written under. notice_days null = no notice required (no increase).
    notice_date = models.DateField(null=True, blank=True)
    response_deadline = models.DateField(null=True, blank=True)
    notice_days = models.PositiveSmallIntegerField(null=True, blank=True)
    notice_citation = models.CharField(max_length=300, blank=True, default="")

    # Letter
    renewal_letter_text = models.TextField(blank=True, default="")
    renewal_letter_generated_at = models.DateTimeField(null=True, blank=True)
    renewal_letter_subject = models.CharField(max_length=200, blank=True, default="")
    renewal_sms_text = models.CharField(max_length=320, blank=True, default="")
    letter_provider = models.CharField(max_length=16, choices=LetterProvider.choices, blank=True, default="")
    letter_model = models.CharField(max_length=100, blank=True, default="")
    letter_edited_at = models.DateTimeField(null=True, blank=True)
    letter_edited_by = models.CharField(max_length=100, blank=True, default="")

    # Status
    status = models.CharField(max_length=20, default=Status.PENDING, choices=Status.choices)
    reviewed_by = models.CharField(max_length=100, blank=True, default="")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    # Delivery: [{"channel": "email"|"sms", "to", "outbox_message_id", "status", "error"}]
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.CharField(max_length=100, blank=True, default="")
    sent_via = models.JSONField(default=list, blank=True)

    # The tenant's answer, and when the lease itself was renewed (null while an accepted renewal of a
    # still-active lease waits for the lease to reach its end date; see services.renewal_record_response).
    responded_at = models.DateTimeField(null=True, blank=True)
    response_recorded_by = models.CharField(max_length=100, blank=True, default="")
    tenant_response_note = models.TextField(blank=True, default="")
    lease_renewed_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "renewal_recommendation"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["lease", "-created_at"]),
            models.Index(fields=["status", "churn_risk_level"]),
            models.Index(fields=["property", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["lease"],
                condition=Q(status__in=["pending", "approved", "sent"]),
                name="renewal_one_open_recommendation_per_lease",
            ),
        ]
        verbose_name = "renewal recommendation"

    def __str__(self):
        return f"Renewal {self.lease_id} ({self.status}, {self.churn_risk_level})"

    def get_offered_rent(self):
        """What the tenant is offered: the manager's modified rent, else the recommended rent.
        (A method, not a property: the spec's `property` field shadows the builtin in this class.)"""
        return self.approved_rent if self.approved_rent is not None else self.recommended_rent
