"""Turnover orchestration (spec 2.1): a unit's way from a tenant's notice to the next lease (Notice -> Inspect ->
Make Ready -> Listed -> Leased), its deposit deductions and its make-ready checklist.

Foundations only (issue 17, part): the records, their scoping and their invariants. The rules live in pure modules
(turnover.estimate, turnover.deposit, units.useful_life); services, signals, API and screens come next.
"""

import uuid

from django.db import models
from django.db.models import F, Q

from core.models import BaseModel
from core.scoping import ScopedManager
from units.useful_life import LIFE_CHOICES


class TurnoverCase(BaseModel):
    """Tracks a unit through the turnover pipeline. A lease has at most one open case (stage before leased); a
    lease re-let and given notice again (tenants: vacant -> active -> notice) opens a new one."""

    class Stage(models.TextChoices):
        NOTICE = "notice", "Notice Given"
        INSPECT = "inspect", "Pre-Inspection"
        MAKE_READY = "make_ready", "Make Ready"
        LISTED = "listed", "Listed"
        LEASED = "leased", "Leased"

    lease = models.ForeignKey("tenants.TenantLease", on_delete=models.CASCADE, related_name="turnover_cases")
    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.CASCADE, related_name="turnover_cases")
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="turnover_cases")

    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NOTICE, db_index=True)

    notice_date = models.DateField()
    expected_move_out = models.DateField()
    actual_move_out = models.DateField(null=True, blank=True)
    inspection_date = models.DateField(null=True, blank=True)
    make_ready_start = models.DateField(null=True, blank=True)
    make_ready_complete = models.DateField(null=True, blank=True)
    listed_date = models.DateField(null=True, blank=True)
    leased_date = models.DateField(null=True, blank=True)
    new_lease = models.ForeignKey(
        "tenants.TenantLease", on_delete=models.SET_NULL, null=True, blank=True, related_name="turnover_new_lease"
    )
    inspection_work_order = models.ForeignKey(
        "units.UnitsMaintenance",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turnover_inspection",
    )

    # Deposit disposition (turnover.deposit): the refund is never negative; what the deductions exceed the deposit
    # by is balance_owed (the spec's "tenant owes the difference").
    security_deposit = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    total_deductions = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    refund_amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    balance_owed = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    deduction_letter_generated = models.BooleanField(default=False)

    # Cost tracking (the estimate: turnover.estimate)
    make_ready_estimated_cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    make_ready_actual_cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    # Days tracking (turnover.update_vacancy_days): days since the move-out while the unit waits; `delayed_at` is
    # when it first went past the delay threshold (the one notification is raised then).
    days_vacant = models.IntegerField(default=0)
    target_days_to_lease = models.IntegerField(default=21)  # spec: 21 days from notice to leased
    delayed_at = models.DateTimeField(null=True, blank=True)

    # The itemized deduction letter (turnover.services.letters): the text as generated (or edited), its statutory
    # deadline and citation as stated, the PDF sent (core/documents), the email (core/messaging), and the ledger
    # charge of a balance owed (tenants.ledger_services). Sent once.
    letter_subject = models.CharField(max_length=200, blank=True, default="")
    letter_text = models.TextField(blank=True, default="")
    letter_generated_at = models.DateTimeField(null=True, blank=True)
    letter_provider = models.CharField(max_length=40, blank=True, default="")
    letter_deadline = models.DateField(null=True, blank=True)
    letter_citation = models.CharField(max_length=300, blank=True, default="")
    letter_file = models.ForeignKey(
        "files.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="turnover_letters"
    )
    letter_sent_at = models.DateTimeField(null=True, blank=True)
    letter_message = models.ForeignKey(
        "core.OutboxMessage", on_delete=models.SET_NULL, null=True, blank=True, related_name="turnover_letters"
    )
    balance_charge = models.ForeignKey(
        "tenants.TenantLedgerEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turnover_balance_cases",
    )

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "turnover_case"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["stage", "property"], name="turnover_case_stage_property"),
            models.Index(fields=["expected_move_out"], name="turnover_case_move_out"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["lease"],
                condition=~Q(stage="leased"),
                name="turnover_case_one_open_per_lease",
                violation_error_message="This lease already has an open turnover case.",
            ),
            models.CheckConstraint(
                condition=Q(expected_move_out__gte=F("notice_date")),
                name="turnover_case_move_out_after_notice",
                violation_error_message="The expected move-out cannot be before the notice date.",
            ),
            models.CheckConstraint(
                condition=Q(security_deposit__gte=0)
                & Q(total_deductions__gte=0)
                & Q(refund_amount__gte=0)
                & Q(balance_owed__gte=0)
                & Q(make_ready_estimated_cost__gte=0)
                & Q(make_ready_actual_cost__gte=0),
                name="turnover_case_amounts_not_negative",
                violation_error_message="Amounts cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(refund_amount=0) | Q(balance_owed=0),
                name="turnover_case_refund_or_balance_owed",
                violation_error_message="A case refunds the tenant or the tenant owes a balance, not both.",
            ),
            models.CheckConstraint(
                condition=Q(days_vacant__gte=0) & Q(target_days_to_lease__gt=0),
                name="turnover_case_days_valid",
                violation_error_message="Days vacant cannot be negative and the target must be at least 1 day.",
            ),
        ]
        verbose_name = "turnover case"

    def __str__(self):
        return f"Turnover {self.unit_id} ({self.get_stage_display()})"


class TurnoverDeduction(BaseModel):
    """One line of the deposit's itemized statement. `amount` is what the repair or replacement costs; for a
    replacement of an item with a useful life (`life_item` + `item_age_years`, both or neither),
    `chargeable_amount` is that cost prorated by the life left (turnover.deposit); otherwise it equals `amount`.
    Only approved lines are deducted."""

    class Category(models.TextChoices):
        CLEANING = "cleaning", "Cleaning"
        PAINT = "paint", "Paint"
        CARPET = "carpet", "Carpet"
        FLOORING = "flooring", "Flooring (other)"
        APPLIANCE_REPAIR = "appliance_repair", "Appliance repair"
        WALL_DAMAGE = "wall_damage", "Wall damage"
        OTHER = "other", "Other"

    case = models.ForeignKey(TurnoverCase, on_delete=models.CASCADE, related_name="deductions")
    category = models.CharField(max_length=50, choices=Category.choices)
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    life_item = models.CharField(max_length=40, choices=LIFE_CHOICES, blank=True, default="")
    item_age_years = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    useful_life_years = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="The life used, as the table said then."
    )
    chargeable_amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    # The inspection photo: a core.files StoredFile served through signed URLs (the spec's photo_url).
    photo = models.ForeignKey(
        "files.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="turnover_deductions"
    )
    ai_detected = models.BooleanField(default=False)
    approved = models.BooleanField(default=False)

    objects = ScopedManager()
    scope_property = "case__property_id"

    class Meta:
        db_table = "turnover_deduction"
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(chargeable_amount__gte=0) & Q(chargeable_amount__lte=F("amount")),
                name="turnover_deduction_amounts_valid",
                violation_error_message="Amounts cannot be negative, nor the chargeable amount above the cost.",
            ),
            models.CheckConstraint(
                condition=(Q(life_item="") & Q(item_age_years__isnull=True) & Q(useful_life_years__isnull=True))
                | (
                    ~Q(life_item="")
                    & Q(item_age_years__isnull=False, item_age_years__gte=0)
                    & Q(useful_life_years__isnull=False, useful_life_years__gt=0)
                ),
                name="turnover_deduction_life_item_with_age",
                violation_error_message="A useful-life item needs its age and life (and neither without an item).",
            ),
        ]
        verbose_name = "turnover deduction"

    def __str__(self):
        return f"{self.get_category_display()}: {self.description}"


class TurnoverChecklist(BaseModel):
    """A make-ready checklist item (the default list: turnover.estimate.DEFAULT_CHECKLIST)."""

    case = models.ForeignKey(TurnoverCase, on_delete=models.CASCADE, related_name="checklist_items")
    category = models.CharField(max_length=50)
    item = models.CharField(max_length=200)
    completed = models.BooleanField(default=False)
    completed_by = models.CharField(max_length=100, blank=True, default="")
    completed_at = models.DateTimeField(null=True, blank=True)
    estimated_cost = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    actual_cost = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    vendor = models.ForeignKey(
        "invoices.Vendor", on_delete=models.SET_NULL, null=True, blank=True, related_name="turnover_checklist_items"
    )
    work_order = models.ForeignKey(
        "units.UnitsMaintenance",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turnover_checklist_items",
    )

    objects = ScopedManager()
    scope_property = "case__property_id"

    class Meta:
        db_table = "turnover_checklist"
        ordering = ["category", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "category", "item"],
                name="turnover_checklist_item_once_per_case",
                violation_error_message="This checklist item is already on the case.",
            ),
            models.CheckConstraint(
                condition=Q(estimated_cost__gte=0) & Q(actual_cost__gte=0),
                name="turnover_checklist_costs_not_negative",
                violation_error_message="Costs cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(completed=False) | Q(completed_at__isnull=False),
                name="turnover_checklist_completed_has_time",
                violation_error_message="A completed item needs its completion time.",
            ),
        ]
        verbose_name = "turnover checklist item"

    def __str__(self):
        return self.item


class TurnoverEvent(models.Model):
    """The case's log: opened, each stage move (a move back with its reason), letter generated and sent."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Opened"
        FORWARD = "forward", "Moved forward"
        BACK = "back", "Moved back"
        LEASED = "leased", "Leased"
        MOVED_OUT = "moved_out", "Moved out"
        LETTER_GENERATED = "letter_generated", "Letter generated"
        LETTER_SENT = "letter_sent", "Letter sent"
        DELAYED = "delayed", "Delayed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(TurnoverCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_stage = models.CharField(max_length=20, blank=True, default="")
    to_stage = models.CharField(max_length=20, blank=True, default="")
    reason = models.CharField(max_length=500, blank=True, default="")
    actor = models.CharField(max_length=100, default="system")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_property = "case__property_id"

    class Meta:
        db_table = "turnover_event"
        ordering = ["created_at"]
        indexes = [models.Index(fields=["case", "created_at"], name="turnover_event_case_time")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="back") | ~Q(reason=""),
                name="turnover_event_back_has_reason",
                violation_error_message="Moving a case back needs a reason.",
            )
        ]
        verbose_name = "turnover event"

    def __str__(self):
        return f"{self.case_id}: {self.kind} {self.from_stage}->{self.to_stage}"
