"""Output and input serializers for the tenants API (spec 1.1 for the lease lifecycle)."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import SaneDateField
from tenants import lifecycle
from tenants.balances import ZERO
from tenants.models import LeaseStatusLog, TenantLease, TenantLedgerEntry, Tenants


class _TodayMixin:
    """One "today" per response, so every row of a page is computed against the same date."""

    def _today(self):
        today = self.context.get("today")
        if today is None:
            today = self.context["today"] = timezone.localdate()
        return today


# --- leases --------------------------------------------------------------------------------------------


class LeaseLifecycleSerializer(_TodayMixin, serializers.ModelSerializer):
    """The spec's LeaseLifecycleSerializer plus thresholds, contact details and the unit's market rent."""

    tenant_name = serializers.SerializerMethodField()
    tenant_email = serializers.EmailField(source="tenant.email", read_only=True)
    tenant_phone = serializers.CharField(source="tenant.phone", read_only=True)
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    unit_market_rent = serializers.DecimalField(
        source="unit.market_rent", max_digits=10, decimal_places=2, read_only=True
    )
    property_name = serializers.CharField(source="property.name", read_only=True)
    days_until_expiry = serializers.SerializerMethodField()
    days_in_current_status = serializers.SerializerMethodField()
    state_since = serializers.SerializerMethodField()
    days_in_state = serializers.SerializerMethodField()
    holdover_days = serializers.SerializerMethodField()
    days_until_move_out = serializers.SerializerMethodField()
    expiry_flag = serializers.SerializerMethodField()
    is_long_holdover = serializers.SerializerMethodField()

    class Meta:
        model = TenantLease
        fields = [
            "id", "lease_number", "tenant", "tenant_name", "tenant_email", "tenant_phone",
            "unit", "unit_number", "unit_market_rent", "property", "property_name",
            "lease_begin_date", "lease_end_date", "monthly_rent_amount", "security_deposit",
            "status", "lease_status", "lease_status_changed_at", "lease_status_changed_by",
            "holdover_start_date", "notice_date", "notice_move_out_date", "actual_move_out_date",
            "days_until_expiry", "days_in_current_status", "holdover_days", "days_until_move_out",
            "expiry_flag", "is_long_holdover", "state_since", "days_in_state",
        ]  # fmt: skip
        read_only_fields = fields

    def get_tenant_name(self, obj) -> str:
        return f"{obj.tenant.first_name} {obj.tenant.last_name}"

    def get_days_until_expiry(self, obj) -> int | None:
        return lifecycle.days_between(self._today(), obj.lease_end_date)

    def get_days_in_current_status(self, obj) -> int | None:
        if obj.lease_status_changed_at:
            return (timezone.now() - obj.lease_status_changed_at).days
        return None

    @extend_schema_field(OpenApiTypes.DATE)
    def get_state_since(self, obj):
        """The day the tenancy entered its current state (lifecycle.state_since)."""
        changed = obj.lease_status_changed_at
        return lifecycle.state_since(
            lease_status=obj.lease_status,
            lease_begin_date=obj.lease_begin_date,
            holdover_start_date=obj.holdover_start_date,
            notice_date=obj.notice_date,
            actual_move_out_date=obj.actual_move_out_date,
            changed_on=timezone.localdate(changed) if changed else None,
        )

    def get_days_in_state(self, obj) -> int | None:
        """Days since `state_since` (e.g. 519 for a lease 519 days on holdover, however recently reclassified)."""
        days = lifecycle.days_between(self.get_state_since(obj), self._today())
        return None if days is None else max(days, 0)

    def get_holdover_days(self, obj) -> int | None:
        return lifecycle.days_between(obj.holdover_start_date, self._today())

    def get_days_until_move_out(self, obj) -> int | None:
        return lifecycle.days_between(self._today(), obj.notice_move_out_date)

    @extend_schema_field(serializers.ChoiceField(choices=["critical", "soon"], allow_null=True))
    def get_expiry_flag(self, obj):
        return lifecycle.expiry_flag(self.get_days_until_expiry(obj), lease_status=obj.lease_status)

    def get_is_long_holdover(self, obj) -> bool:
        return lifecycle.is_long_holdover(self.get_holdover_days(obj), lease_status=obj.lease_status)


class LeaseStatusLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = LeaseStatusLog
        fields = "__all__"


class LifecycleStatsSerializer(serializers.Serializer):
    total_leases = serializers.IntegerField()
    active = serializers.IntegerField()
    month_to_month = serializers.IntegerField()
    notice = serializers.IntegerField()
    vacant = serializers.IntegerField()
    expiring_30_days = serializers.IntegerField()
    expiring_60_days = serializers.IntegerField()
    expiring_90_days = serializers.IntegerField()


class LifecycleStatsInputSerializer(serializers.Serializer):
    property = serializers.UUIDField(required=False)


class LeaseConvertMtmInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class LeaseGiveNoticeInputSerializer(serializers.Serializer):
    notice_date = SaneDateField(required=False, allow_null=True, help_text="Defaults to today.")
    notice_move_out_date = SaneDateField(help_text=f"At least {lifecycle.MIN_NOTICE_DAYS} days after the notice date.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class LeaseMarkVacantInputSerializer(serializers.Serializer):
    actual_move_out_date = SaneDateField(
        required=False, allow_null=True, help_text="Defaults to today; after the lease start and the notice date."
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


# --- tenants -------------------------------------------------------------------------------------------


class TenantCurrentLeaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    lease_number = serializers.CharField()
    unit_id = serializers.UUIDField()
    unit_number = serializers.CharField()
    property_id = serializers.UUIDField()
    property_name = serializers.CharField()
    lease_status = serializers.CharField()


class TenantSerializer(serializers.ModelSerializer):
    """A tenant with ledger balances (from `context["balances"]`, computed once per page) and current lease."""

    full_name = serializers.CharField(read_only=True)
    balance = serializers.SerializerMethodField()
    overdue_balance = serializers.SerializerMethodField()
    current_lease = serializers.SerializerMethodField()

    class Meta:
        model = Tenants
        fields = [
            "id", "first_name", "last_name", "full_name", "email", "phone", "preferred_contact",
            "emergency_contact_name", "emergency_contact_phone", "created_at", "updated_at",
            "balance", "overdue_balance", "current_lease",
        ]  # fmt: skip
        read_only_fields = fields

    def _balances(self, obj) -> dict:
        return self.context.get("balances", {}).get(obj.pk, {"balance": ZERO, "overdue": ZERO})

    # Money is a decimal string ("1234.50"), like every DecimalField under COERCE_DECIMAL_TO_STRING.
    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2))
    def get_balance(self, obj) -> str:
        return str(self._balances(obj)["balance"])

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2))
    def get_overdue_balance(self, obj) -> str:
        return str(self._balances(obj)["overdue"])

    @extend_schema_field(TenantCurrentLeaseSerializer(allow_null=True))
    def get_current_lease(self, obj):
        if getattr(obj, "current_lease_id", None) is None:
            return None
        return TenantCurrentLeaseSerializer(
            {
                "id": obj.current_lease_id,
                "lease_number": obj.current_lease_number,
                "unit_id": obj.current_unit_id,
                "unit_number": obj.current_unit_number,
                "property_id": obj.current_property_id,
                "property_name": obj.current_property_name,
                "lease_status": obj.current_lease_status,
            }
        ).data


# --- ledger --------------------------------------------------------------------------------------------


class LedgerEntrySerializer(serializers.ModelSerializer):
    tenant_name = serializers.CharField(source="tenant.full_name", read_only=True)
    lease_number = serializers.CharField(source="lease.lease_number", read_only=True, default=None)

    class Meta:
        model = TenantLedgerEntry
        fields = [
            "id", "tenant", "tenant_name", "lease", "lease_number", "trans_type", "charge_code", "description",
            "trans_date", "due_date", "amount", "applies_to", "reference", "created_at",
        ]  # fmt: skip
        read_only_fields = fields
