import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import MoneyField, SaneDateField
from core.files.services import file_signed_token
from units import workflow
from units.models import UnitsMaintenance, UnitsUnit, WorkOrderEvent, WorkOrderFile


class UnitSerializer(serializers.ModelSerializer):
    property_name = serializers.CharField(source="property.name", read_only=True)

    class Meta:
        model = UnitsUnit
        fields = [
            "id",
            "property",
            "property_name",
            "unit_number",
            "building",
            "floor",
            "unit_type",
            "bedrooms",
            "bathrooms",
            "square_feet",
            "market_rent",
            "current_rent",
            "status",
            "amenities",
            "created_at",
            "updated_at",
        ]


# --- work orders: output ------------------------------------------------------------------------------------


def _today(serializer) -> datetime.date:
    today = serializer.context.get("today")
    if today is None:
        today = serializer.context["today"] = timezone.localdate()
    return today


class WorkOrderSerializer(serializers.ModelSerializer):
    """A work order as the list shows it (joined: unit, property, vendor, lease, tenant; no extra queries)."""

    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    building = serializers.CharField(source="unit.building", read_only=True)
    property_name = serializers.CharField(source="property.name", read_only=True)
    vendor_name = serializers.CharField(source="assigned_vendor.name", read_only=True, default=None, allow_null=True)
    lease_number = serializers.CharField(source="lease.lease_number", read_only=True, default=None, allow_null=True)
    tenant_name = serializers.CharField(source="tenant.full_name", read_only=True, default=None, allow_null=True)
    age_days = serializers.SerializerMethodField()
    sla_target_days = serializers.SerializerMethodField()
    sla_due_date = serializers.SerializerMethodField()
    sla_breached = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = UnitsMaintenance
        fields = [
            "id",
            "work_order_number",
            "unit",
            "unit_number",
            "building",
            "property",
            "property_name",
            "title",
            "description",
            "technician_notes",
            "category",
            "priority",
            "status",
            "requested_date",
            "scheduled_date",
            "completed_date",
            "closed_at",
            "estimated_cost",
            "actual_cost",
            "assigned_vendor",
            "vendor_name",
            "reported_by",
            "lease",
            "lease_number",
            "tenant",
            "tenant_name",
            "age_days",
            "sla_target_days",
            "sla_due_date",
            "sla_breached",
            "allowed_transitions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @staticmethod
    def _due(obj) -> datetime.date:
        return obj.sla_due_date or workflow.sla_due_date(requested=obj.requested_date, priority=obj.priority)

    def get_age_days(self, obj) -> int:
        final_on = timezone.localdate(obj.closed_at) if obj.closed_at else None
        return workflow.age_days(
            status=obj.status,
            requested=obj.requested_date,
            completed=obj.completed_date,
            final_on=final_on,
            today=_today(self),
        )

    def get_sla_target_days(self, obj) -> int:
        return workflow.sla_target_days(obj.priority)

    def get_sla_due_date(self, obj) -> datetime.date:
        return self._due(obj)

    def get_sla_breached(self, obj) -> bool:
        return workflow.sla_breached(
            status=obj.status, due=self._due(obj), completed=obj.completed_date, today=_today(self)
        )

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=UnitsMaintenance.Status.choices)))
    def get_allowed_transitions(self, obj) -> list[str]:
        return list(workflow.allowed_transitions(obj.status))


class WorkOrderFileSerializer(serializers.ModelSerializer):
    """A file on a work order, served through signed links minted here (after the caller's record check)."""

    file = serializers.UUIDField(source="file_id", read_only=True)
    original_name = serializers.CharField(source="file.original_name", read_only=True)
    content_type = serializers.CharField(source="file.content_type", read_only=True)
    size = serializers.IntegerField(source="file.size", read_only=True)
    width = serializers.IntegerField(source="file.width", read_only=True, allow_null=True)
    height = serializers.IntegerField(source="file.height", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    uploaded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = WorkOrderFile
        fields = [
            "id",
            "file",
            "kind",
            "original_name",
            "content_type",
            "size",
            "width",
            "height",
            "url",
            "thumbnail_url",
            "uploaded_by_name",
            "created_at",
        ]
        read_only_fields = fields

    def _link(self, stored, *, thumbnail: bool) -> str:
        path = reverse("file-signed-content", args=[file_signed_token(stored=stored, thumbnail=thumbnail)])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_url(self, obj) -> str:
        return self._link(obj.file, thumbnail=False)

    def get_thumbnail_url(self, obj) -> str | None:
        return self._link(obj.file, thumbnail=True) if obj.file.thumbnail_name else None

    def get_uploaded_by_name(self, obj) -> str | None:
        user = obj.file.uploaded_by
        if user is None:
            return None
        return user.get_full_name() or user.email or user.get_username()


class WorkOrderEventSerializer(serializers.ModelSerializer):
    at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = WorkOrderEvent
        fields = ["id", "at", "actor_name", "kind", "from_status", "to_status", "message"]
        read_only_fields = fields


class WorkOrderInvoiceSerializer(serializers.Serializer):
    """The invoices on the work order, read through the relation (units imports nothing of invoices)."""

    id = serializers.UUIDField(read_only=True)
    invoice_number = serializers.CharField(read_only=True)
    vendor_name = serializers.CharField(source="vendor.name", read_only=True, default=None, allow_null=True)
    invoice_date = serializers.DateField(read_only=True)
    total_amount = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        ref_name = "WorkOrderInvoice"


class WorkOrderDetailSerializer(WorkOrderSerializer):
    files = WorkOrderFileSerializer(many=True, read_only=True)
    events = WorkOrderEventSerializer(many=True, read_only=True)
    invoices = WorkOrderInvoiceSerializer(many=True, read_only=True)

    class Meta(WorkOrderSerializer.Meta):
        fields = [*WorkOrderSerializer.Meta.fields, "files", "events", "invoices"]
        read_only_fields = fields


class WorkOrderSummarySerializer(serializers.Serializer):
    by_status = serializers.DictField(child=serializers.IntegerField())
    sla_breached = serializers.IntegerField()
    total = serializers.IntegerField()


# --- work orders: input -------------------------------------------------------------------------------------


class StrictInputSerializer(serializers.Serializer):
    """Refuses fields it does not declare (a typo is a 400 naming the field, not a silently ignored value).
    `HINTS` gives a better message for fields that are refused on purpose."""

    HINTS: dict[str, str] = {}

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(str(k) for k in data if k not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {k: [self.HINTS.get(k, "Unknown field: this request does not take it.")] for k in unknown}
                )
        return super().to_internal_value(data)


ZERO = Decimal("0")
DESCRIPTION_MAX = 5000
NOTES_MAX = 10000
NOTE_MAX = 2000


def _cost_field(**kwargs) -> MoneyField:
    return MoneyField(min_value=ZERO, required=False, **kwargs)


class WorkOrderFieldsInput(StrictInputSerializer):
    title = serializers.CharField(max_length=200)
    category = serializers.ChoiceField(choices=UnitsMaintenance.Category.choices, required=False)
    priority = serializers.ChoiceField(choices=UnitsMaintenance.Priority.choices, required=False)
    description = serializers.CharField(
        max_length=DESCRIPTION_MAX, allow_blank=True, required=False, trim_whitespace=False
    )
    technician_notes = serializers.CharField(
        max_length=NOTES_MAX, allow_blank=True, required=False, trim_whitespace=False
    )
    requested_date = SaneDateField(required=False, help_text="Default today; at most 3 days ahead, 5 years back.")
    scheduled_date = SaneDateField(required=False, allow_null=True, help_text="Not before the requested date.")
    assigned_vendor = serializers.UUIDField(required=False, allow_null=True, help_text="An active vendor.")
    estimated_cost = _cost_field(allow_null=True)
    reported_by = serializers.CharField(max_length=120, allow_blank=True, required=False)
    lease = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="Left out: the lease in occupancy of the unit on the requested date. A lease of this unit, or null.",
    )
    tenant = serializers.UUIDField(
        required=False, allow_null=True, help_text="Left out: the lease's tenant. A tenant with a lease on this unit."
    )


class WorkOrderCreateInputSerializer(WorkOrderFieldsInput):
    unit = serializers.UUIDField()
    HINTS = {"status": "A new work order starts open (assigned when it has a vendor); move it with transition/."}

    class Meta:
        ref_name = "WorkOrderCreateInput"


class WorkOrderUpdateInputSerializer(WorkOrderFieldsInput):
    title = serializers.CharField(max_length=200, required=False)
    HINTS = {
        "status": "The status changes through POST /api/v1/units/work-orders/{id}/transition/.",
        "unit": "A work order's unit can't change; cancel it and open one on the other unit.",
        "actual_cost": "The actual cost is entered when completing (POST .../transition/).",
    }

    class Meta:
        ref_name = "WorkOrderUpdateInput"


class WorkOrderTransitionInputSerializer(StrictInputSerializer):
    status = serializers.ChoiceField(choices=UnitsMaintenance.Status.choices)
    note = serializers.CharField(max_length=NOTE_MAX, allow_blank=True, required=False, help_text="Required to reopen.")
    actual_cost = _cost_field(help_text="Required to complete (0 is a cost).")
    completed_date = SaneDateField(required=False, help_text="When completing; default today, not in the future.")
    technician_notes = serializers.CharField(
        max_length=NOTES_MAX, allow_blank=True, required=False, trim_whitespace=False
    )
    assigned_vendor = serializers.UUIDField(required=False, allow_null=True, help_text="Required to assign.")

    class Meta:
        ref_name = "WorkOrderTransitionInput"


class WorkOrderFileInputSerializer(StrictInputSerializer):
    file = serializers.UUIDField(help_text="A StoredFile id (POST /api/v1/files/, purpose work_order).")
    kind = serializers.ChoiceField(
        choices=WorkOrderFile.Kind.choices, required=False, help_text="Default: photo for an image, else document."
    )

    class Meta:
        ref_name = "WorkOrderFileInput"
