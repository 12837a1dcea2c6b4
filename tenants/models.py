import uuid

from django.db import models
from django.utils import timezone

from core.models import BaseModel
from core.scoping import ScopedManager


class Tenants(BaseModel):
    """A resident. No protected characteristics are stored (no birth date, gender, religion...)."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(db_index=True)
    phone = models.CharField(max_length=20, blank=True, default="")
    preferred_contact = models.CharField(
        max_length=10, choices=[("email", "Email"), ("sms", "SMS"), ("phone", "Phone")], default="email"
    )
    emergency_contact_name = models.CharField(max_length=120, blank=True, default="")
    emergency_contact_phone = models.CharField(max_length=20, blank=True, default="")

    objects = ScopedManager()

    @classmethod
    def scope_q(cls, property_ids, scope):
        """A tenant belongs to the properties of their leases."""
        return models.Q(pk__in=TenantLease._base_manager.filter(property_id__in=property_ids).values("tenant_id"))

    class Meta:
        db_table = "tenants"
        ordering = ["last_name", "first_name"]
        verbose_name = "tenant"

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class TenantLease(BaseModel):
    class Status(models.TextChoices):
        """The contract's own status (pre-1.1); the lifecycle lives in `lease_status`."""

        ACTIVE = "active", "Active"
        PENDING = "pending", "Pending"
        EXPIRED = "expired", "Expired"
        TERMINATED = "terminated", "Terminated"

    class LeaseStatus(models.TextChoices):
        ACTIVE = "active", "Active"
        MONTH_TO_MONTH = "month_to_month", "Month-to-Month"
        NOTICE = "notice", "Notice Given"
        VACANT = "vacant", "Vacant"

    lease_number = models.CharField(max_length=30, unique=True)
    tenant = models.ForeignKey(Tenants, on_delete=models.PROTECT, related_name="leases")
    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.PROTECT, related_name="leases")
    property = models.ForeignKey("properties.Properties", on_delete=models.PROTECT, related_name="leases")
    lease_begin_date = models.DateField()
    lease_end_date = models.DateField(null=True, blank=True, db_index=True)
    move_in_date = models.DateField(null=True, blank=True)
    monthly_rent_amount = models.DecimalField(max_digits=10, decimal_places=2)
    security_deposit = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True)

    # 1.1 lifecycle (added by migration 0002_add_lifecycle_fields)
    lease_status = models.CharField(
        max_length=20, choices=LeaseStatus.choices, default=LeaseStatus.ACTIVE, db_index=True
    )
    lease_status_changed_at = models.DateTimeField(null=True, blank=True)
    # The spec says max_length=50; widened to 100 (like LeaseStatusLog.changed_by) so `user:<email>` fits.
    lease_status_changed_by = models.CharField(max_length=100, default="system")
    holdover_start_date = models.DateField(null=True, blank=True)
    notice_date = models.DateField(null=True, blank=True)
    notice_move_out_date = models.DateField(null=True, blank=True)
    actual_move_out_date = models.DateField(null=True, blank=True)

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "tenant_lease"
        ordering = ["lease_end_date"]
        indexes = [models.Index(fields=["lease_status", "lease_end_date"])]
        constraints = [
            # One lease in occupancy per unit (tenants.lifecycle.OCCUPYING); vacant leases are history.
            models.UniqueConstraint(
                fields=["unit"],
                condition=models.Q(lease_status__in=["active", "month_to_month", "notice"]),
                name="tenant_lease_one_occupying_per_unit",
                violation_error_message=(
                    "This unit already has a lease in occupancy (active, month-to-month or on notice)."
                ),
            )
        ]
        verbose_name = "lease"

    def __str__(self):
        return self.lease_number


class LeaseStatusLog(models.Model):
    """Audit log for lease status transitions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    lease = models.ForeignKey(TenantLease, on_delete=models.CASCADE, related_name="status_logs")
    previous_status = models.CharField(max_length=20)
    new_status = models.CharField(max_length=20)
    reason = models.CharField(max_length=200, default="")
    changed_by = models.CharField(max_length=100, default="system")
    metadata = models.JSONField(default=dict, blank=True)
    # A default, not auto_now_add: a move recorded after the fact (an import, a backfill, a seed) can carry
    # the time it happened. Services never pass it, so live moves are stamped "now" as before.
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope_property = "lease__property_id"

    class Meta:
        db_table = "lease_status_log"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["lease", "-created_at"])]

    def __str__(self):
        return f"{self.lease_id}: {self.previous_status} -> {self.new_status}"


class TenantLedgerEntry(BaseModel):
    """A charge, payment or credit on a tenant's ledger. Amounts are positive; `trans_type` gives the sign.

    A payment records the charge it settles (`applies_to`) and that charge's `due_date`, so a late
    payment is simply `trans_date > due_date`.
    """

    class TransType(models.TextChoices):
        CHARGE = "Charge", "Charge"
        PAYMENT = "Payment", "Payment"
        CREDIT = "Credit", "Credit"

    class ChargeCode(models.TextChoices):
        RENT = "rent", "Rent"
        LATE_FEE = "late_fee", "Late fee"
        UTILITY = "utility", "Utilities"
        PARKING = "parking", "Parking"
        PET = "pet", "Pet rent"
        DAMAGE = "damage", "Damage"
        OTHER = "other", "Other"

    # No index of its own: the (tenant, trans_type, trans_date) index below leads with it.
    tenant = models.ForeignKey(Tenants, on_delete=models.CASCADE, related_name="ledger_entries", db_index=False)
    lease = models.ForeignKey(
        TenantLease, on_delete=models.CASCADE, related_name="ledger_entries", null=True, blank=True
    )
    trans_type = models.CharField(max_length=10, choices=TransType.choices)
    charge_code = models.CharField(max_length=20, choices=ChargeCode.choices, default=ChargeCode.RENT)
    description = models.CharField(max_length=200, blank=True, default="")
    trans_date = models.DateField(db_index=True)
    due_date = models.DateField(null=True, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    applies_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="settlements")
    reference = models.CharField(max_length=60, blank=True, default="")

    objects = ScopedManager()

    @classmethod
    def scope_q(cls, property_ids, scope):
        """A ledger row belongs to its tenant's properties (rows without a lease included)."""
        return models.Q(
            tenant_id__in=TenantLease._base_manager.filter(property_id__in=property_ids).values("tenant_id")
        )

    class Meta:
        db_table = "tenant_ledger_entry"
        ordering = ["-trans_date", "trans_type"]
        indexes = [
            models.Index(fields=["tenant", "trans_type", "trans_date"]),
            models.Index(fields=["due_date"]),
        ]
        verbose_name = "ledger entry"
        verbose_name_plural = "ledger entries"

    def __str__(self):
        return f"{self.trans_type} {self.amount} on {self.trans_date}"
