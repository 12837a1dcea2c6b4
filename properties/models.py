from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from core.models import BaseModel
from core.scoping import ScopedManager
from properties.time_zones import time_zone_errors


def validate_time_zone(value: str) -> None:
    errors = time_zone_errors(value)
    if errors:
        raise ValidationError(errors[0])


class Properties(BaseModel):
    """A residential property (community) in the portfolio; units are grouped into buildings."""

    class PropertyType(models.TextChoices):
        GARDEN = "garden", "Garden apartments"
        MIDRISE = "midrise", "Mid-rise"
        HIGHRISE = "highrise", "High-rise"
        TOWNHOME = "townhome", "Townhomes"

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=20, unique=True)
    portfolio = models.CharField(max_length=100, default="UnitCycle Residential")
    property_type = models.CharField(max_length=20, choices=PropertyType.choices, default=PropertyType.GARDEN)
    address = models.CharField(max_length=255)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2)
    zip_code = models.CharField(max_length=10)
    jurisdiction_state = models.CharField(max_length=2, blank=True, default="")
    jurisdiction_city = models.CharField(max_length=100, blank=True, default="")
    # IANA name ("America/Chicago"); blank: the state's main zone (properties.time_zones). Contact hours for
    # automated texts are counted in it.
    time_zone = models.CharField(max_length=64, blank=True, default="", validators=[validate_time_zone])
    year_built = models.PositiveIntegerField(null=True, blank=True)
    total_units = models.PositiveIntegerField(default=0)
    building_count = models.PositiveIntegerField(default=1)
    manager_name = models.CharField(max_length=120, blank=True, default="")
    manager_email = models.EmailField(blank=True, default="")
    phone = models.CharField(max_length=20, blank=True, default="")

    objects = ScopedManager()
    scope_property = "pk"

    class Meta:
        db_table = "properties"
        ordering = ["name"]
        verbose_name = "property"
        verbose_name_plural = "properties"

    def __str__(self):
        return self.name


class PropertyAccess(models.Model):
    """Which properties a person sees (core.scoping): every property, or the ones listed.

    A person without a row sees no property (an administrator — a superuser — sees all), so a new login is
    closed until someone assigns it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="property_access")
    all_properties = models.BooleanField(default=False)
    properties = models.ManyToManyField(Properties, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "property access"
        verbose_name_plural = "property access"

    def __str__(self):
        return f"{self.user}: {'all properties' if self.all_properties else 'assigned properties'}"


class JurisdictionRule(BaseModel):
    """One rule of landlord-tenant law for a state (or a city inside it), as data with its statute citation.

    `value` holds the numbers the pure module `properties.jurisdiction` reads (no legal number lives in
    code): notice rules `{"days": 30}` or tiers `{"tiers": [{"max_increase_pct": 10, "days": 30},
    {"days": 90}]}`; late fees `{"grace_days": 5, "cap_pct": 5, "cap_amount": "50.00", "cap_combine":
    "greater"}`; the three deposit rules (`security_deposit_return`, `deposit_itemized_statement`,
    `deposit_deductions`) as documented in `properties.jurisdiction` (deadlines and when their clock starts,
    what the statement must contain, wear and tear and depreciation); `sms_contact_hours` `{"start": "08:00",
    "end": "21:00"}` (local time; federal rows have state "US" and apply everywhere, a state's window narrows
    them). A city rule overrides the state's for the same type; among rules of one place and type, the latest `effective_date` on or before the day in question
    governs. `checked_on` is the day someone last read the statute against the row; `needs_review` flags a row
    (with `review_note` saying what) that counsel should confirm. The shipped rows
    (`properties/data/jurisdiction_rules.json`) are a starting point to be checked with counsel, not legal advice.
    """

    class RuleType(models.TextChoices):
        RENT_INCREASE_NOTICE = "rent_increase_notice", "Rent increase notice"
        MTM_TERMINATION_NOTICE = "mtm_termination_notice", "Month-to-month termination notice"
        LATE_FEE = "late_fee", "Late fee cap and grace period"
        SECURITY_DEPOSIT_RETURN = "security_deposit_return", "Security deposit return"
        DEPOSIT_ITEMIZED_STATEMENT = "deposit_itemized_statement", "Deposit itemized statement"
        DEPOSIT_DEDUCTIONS = "deposit_deductions", "Deposit deductions: wear and tear, depreciation"
        SMS_CONTACT_HOURS = "sms_contact_hours", "Contact hours for automated text messages"

    state = models.CharField(max_length=2, db_index=True)  # "WA": upper case, a US state or DC; "US": federal law
    city = models.CharField(max_length=100, blank=True, default="")  # "" = statewide
    rule_type = models.CharField(max_length=30, choices=RuleType.choices)
    value = models.JSONField(default=dict)
    summary = models.TextField()
    citation = models.CharField(max_length=300)
    effective_date = models.DateField()
    source_url = models.URLField(max_length=500, blank=True, default="")
    checked_on = models.DateField(null=True, blank=True)  # last read against the statute (null: not recorded)
    needs_review = models.BooleanField(default=False)  # "needs counsel review": something in the row is unsure
    review_note = models.TextField(blank=True, default="")  # what counsel should confirm

    class Meta:
        db_table = "jurisdiction_rule"
        ordering = ["state", "city", "rule_type", "-effective_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "city", "rule_type", "effective_date"], name="jurisdiction_rule_unique_version"
            ),
            models.CheckConstraint(condition=~models.Q(citation=""), name="jurisdiction_rule_citation_required"),
            models.CheckConstraint(condition=~models.Q(summary=""), name="jurisdiction_rule_summary_required"),
        ]
        indexes = [models.Index(fields=["state", "rule_type", "effective_date"])]
        verbose_name = "jurisdiction rule"

    def __str__(self):
        place = f"{self.city}, {self.state}" if self.city else self.state
        return f"{place}: {self.get_rule_type_display()} (from {self.effective_date})"
