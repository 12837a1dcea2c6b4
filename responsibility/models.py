"""Who pays for a repair (PRP "Tenant vs Owner Responsibility"): the charges a coordinator confirms against a
tenant (`tenant_charges`) and the decision log — every determination and every human decision, with the AI's
answer, the final answer, who, when and why. The determination itself lives on the work order (units owns those
columns)."""

from django.db import models

from core.models import BaseModel
from core.scoping import ScopedManager


class TenantCharge(BaseModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        BILLED = "billed", "Billed"
        PAID = "paid", "Paid"
        DISPUTED = "disputed", "Disputed"
        WAIVED = "waived", "Waived"

    work_order = models.ForeignKey("units.UnitsMaintenance", on_delete=models.CASCADE, related_name="tenant_charges")
    tenant = models.ForeignKey("tenants.Tenants", on_delete=models.CASCADE, related_name="repair_charges")
    lease = models.ForeignKey(
        "tenants.TenantLease", on_delete=models.SET_NULL, null=True, blank=True, related_name="repair_charges"
    )
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="tenant_charges")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    description = models.CharField(max_length=200)
    evidence_summary = models.TextField(blank=True, default="", help_text="Why the tenant is responsible.")
    damage_type = models.CharField(max_length=30, blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    # the status a dispute interrupted (pending or billed), so "uphold" puts it back
    status_before_dispute = models.CharField(max_length=10, blank=True, default="")
    ledger_entry = models.ForeignKey(
        "tenants.TenantLedgerEntry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    billed_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)
    dispute_message = models.TextField(blank=True, default="", help_text="The tenant's words (data, never prompts).")
    dispute_by = models.CharField(max_length=10, blank=True, default="", help_text="staff or tenant")
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "tenant_charges"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["property", "status"], name="tenant_charge_property_status")]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="tenant_charge_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.description} ({self.amount})"


class ResponsibilityDecision(BaseModel):
    """One line of the decision log. `determination` rows are the engine's (actor `system` or the user who asked);
    the others are people's. ai_* is what the engine said at that time; final_* what stands after this step."""

    class Kind(models.TextChoices):
        DETERMINATION = "determination", "Determination"
        CONFIRM = "confirm", "Confirmed"
        WAIVE = "waive", "Waived (owner pays)"
        BILL = "bill", "Billed"
        PAY = "pay", "Paid"
        DISPUTE = "dispute", "Disputed"
        UPHOLD = "uphold", "Dispute: upheld"
        ADJUST = "adjust", "Dispute: adjusted"
        RESOLVE_WAIVE = "resolve_waive", "Dispute: waived"

    work_order = models.ForeignKey(
        "units.UnitsMaintenance", on_delete=models.CASCADE, related_name="responsibility_decisions"
    )
    charge = models.ForeignKey(TenantCharge, on_delete=models.CASCADE, null=True, blank=True, related_name="log")
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    ai_responsibility = models.CharField(max_length=10, blank=True, default="")
    ai_confidence = models.PositiveSmallIntegerField(null=True, blank=True)
    ai_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    provider = models.CharField(max_length=20, blank=True, default="")
    final_responsibility = models.CharField(max_length=10, blank=True, default="")
    final_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    reason = models.TextField(blank=True, default="")
    actor = models.CharField(max_length=100, default="system", help_text="`user:<email>`, `tenant` or `system`.")
    actor_name = models.CharField(max_length=150, blank=True, default="")

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "responsibility_decision"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["work_order", "kind"], name="resp_decision_wo_kind")]

    def __str__(self):
        return f"{self.kind} {self.final_responsibility}"
