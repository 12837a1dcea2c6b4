"""Inspection API serializers: input and output separate. Photos, thumbnails and overlays are served by signed,
expiring core.files URLs (the spec's photo_url / thumbnail_url); the files themselves are never public."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from core.files.services import file_signed_token
from inspections import costs
from inspections.models import ROOMS, InspectionDamageItem, InspectionPhoto, MoveOutInspection
from inspections.selectors import ROOM_LABELS
from units.useful_life import LIFE_CHOICES


def _signed(context, stored, *, thumbnail: bool = False) -> str | None:
    if stored is None:
        return None
    if thumbnail and not stored.thumbnail_name:
        thumbnail = False
    path = reverse("file-signed-content", args=[file_signed_token(stored=stored, thumbnail=thumbnail)])
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class DamageItemSerializer(serializers.ModelSerializer):
    default_cost = serializers.SerializerMethodField()

    class Meta:
        model = InspectionDamageItem
        fields = [
            "id",
            "item",
            "category",
            "severity",
            "location",
            "estimated_cost",
            "default_cost",
            "life_item",
            "item_age_years",
            "ai_detected",
            "edited_by",
            "created_at",
        ]
        read_only_fields = fields

    def get_default_cost(self, obj) -> str | None:
        value = costs.default_cost(obj.category, obj.severity)
        return None if value is None else f"{value:.2f}"


class InspectionPhotoSerializer(serializers.ModelSerializer):
    room_label = serializers.SerializerMethodField()
    classification = serializers.CharField(read_only=True)
    human_classification = serializers.CharField(read_only=True, help_text="The reviewer's class; blank if none.")
    photo_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    overlay_url = serializers.SerializerMethodField()
    captured_at = serializers.DateTimeField(source="file.captured_at", read_only=True, allow_null=True)
    original_name = serializers.CharField(source="file.original_name", read_only=True)
    compared_inspection_date = serializers.SerializerMethodField()
    damage_items = DamageItemSerializer(many=True, read_only=True)

    class Meta:
        model = InspectionPhoto
        fields = [
            "id",
            "room",
            "room_label",
            "photo_order",
            "photo_url",
            "thumbnail_url",
            "overlay_url",
            "original_name",
            "captured_at",
            "ai_analyzed",
            "ai_classification",
            "ai_confidence",
            "ai_description",
            "ai_damage_items",
            "ai_provider",
            "ai_model",
            "ai_analyzed_at",
            "ai_error",
            "retake",
            "quality",
            "change_score",
            "similarity",
            "compared_inspection_date",
            "human_classification",
            "human_override",
            "reviewed_by",
            "reviewed_at",
            "classification",
            "damage_items",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {"ai_confidence": {"allow_null": True}}

    def get_room_label(self, obj) -> str:
        return ROOM_LABELS.get(obj.room, obj.room)

    def get_photo_url(self, obj) -> str:
        return _signed(self.context, obj.file)

    def get_thumbnail_url(self, obj) -> str:
        return _signed(self.context, obj.file, thumbnail=True)

    def get_overlay_url(self, obj) -> str | None:
        return _signed(self.context, obj.overlay_file)

    def get_compared_inspection_date(self, obj) -> str | None:
        if obj.compared_photo_id is None or obj.compared_photo is None:
            return None
        return obj.compared_photo.inspection.inspection_date.isoformat()


class InspectionSerializer(serializers.ModelSerializer):
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    property_name = serializers.CharField(source="property.name", read_only=True)
    tenant_name = serializers.SerializerMethodField()
    lease_number = serializers.CharField(source="lease.lease_number", read_only=True)
    photo_count = serializers.IntegerField(read_only=True)
    analysed_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = MoveOutInspection
        fields = [
            "id",
            "status",
            "unit",
            "unit_number",
            "property",
            "property_name",
            "lease",
            "lease_number",
            "tenant_name",
            "turnover_case",
            "inspector_name",
            "inspection_date",
            "total_damage_cost",
            "total_wear_items",
            "total_damage_items",
            "photo_count",
            "analysed_count",
            "ai_photos_total",
            "ai_photos_done",
            "finalized_at",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {"turnover_case": {"allow_null": True}, "finalized_at": {"allow_null": True}}

    def get_tenant_name(self, obj) -> str:
        tenant = obj.lease.tenant
        return f"{tenant.first_name} {tenant.last_name}".strip()


class InspectionDetailSerializer(InspectionSerializer):
    photos = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    security_deposit = serializers.SerializerMethodField()

    class Meta(InspectionSerializer.Meta):
        fields = [
            *InspectionSerializer.Meta.fields,
            "finalized_by",
            "ai_processing_started_at",
            "ai_processing_completed_at",
            "deduction_letter",
            "deduction_letter_subject",
            "deduction_letter_provider",
            "deduction_letter_generated_at",
            "security_deposit",
            "counts",
            "photos",
        ]
        read_only_fields = fields
        extra_kwargs = {
            **InspectionSerializer.Meta.extra_kwargs,
            "ai_processing_started_at": {"allow_null": True},
            "ai_processing_completed_at": {"allow_null": True},
            "deduction_letter_generated_at": {"allow_null": True},
        }

    def get_photos(self, obj) -> InspectionPhotoSerializer(many=True):  # type: ignore[valid-type]
        return InspectionPhotoSerializer(self.context["photos"], many=True, context=self.context).data

    def get_counts(self, obj) -> dict[str, int]:
        return self.context["counts"]

    def get_security_deposit(self, obj) -> str | None:
        case = obj.turnover_case
        return None if case is None else f"{case.security_deposit:.2f}"


class InspectionCreateInputSerializer(serializers.Serializer):
    lease = serializers.UUIDField()
    inspector_name = serializers.CharField(max_length=100)
    inspection_date = serializers.DateField()


class InspectionUploadInputSerializer(serializers.Serializer):
    room = serializers.ChoiceField(choices=ROOMS)
    photos = serializers.ListField(child=serializers.FileField(), min_length=1, max_length=30)


class InspectionAnalyzeInputSerializer(serializers.Serializer):
    force = serializers.BooleanField(required=False, default=False)


class PhotoReviewInputSerializer(serializers.Serializer):
    human_classification = serializers.ChoiceField(choices=["clean", "normal_wear", "damage", "needs_review"])


class DamageItemInputSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=200)
    category = serializers.ChoiceField(choices=InspectionDamageItem.Category.choices)
    severity = serializers.ChoiceField(choices=InspectionDamageItem.Severity.choices)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    estimated_cost = serializers.CharField(
        max_length=20, required=False, allow_null=True, default=None, help_text="Blank: the table's midpoint."
    )
    life_item = serializers.ChoiceField(choices=LIFE_CHOICES, required=False, allow_blank=True, default="")
    item_age_years = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, default=None, min_value=0, max_value=100
    )


class DamageItemUpdateInputSerializer(DamageItemInputSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        for name in ("location", "estimated_cost", "life_item", "item_age_years"):
            self.fields[name].default = serializers.empty


class LetterPreviewSerializer(serializers.Serializer):
    html = serializers.CharField()
    subject = serializers.CharField()
    text = serializers.CharField()
    provider = serializers.CharField()


class InspectionReferenceSerializer(serializers.Serializer):
    rooms = serializers.ListField(child=serializers.DictField())
    categories = serializers.ListField(child=serializers.DictField())
    severities = serializers.ListField(child=serializers.CharField())
    cost_table = serializers.DictField()
    life_items = serializers.ListField(child=serializers.DictField())


class InspectionCandidateSerializer(serializers.Serializer):
    """An open turnover case without an inspection: what /inspections/new offers."""

    turnover_case = serializers.UUIDField(source="pk")
    lease = serializers.UUIDField(source="lease_id")
    lease_number = serializers.CharField(source="lease.lease_number")
    unit = serializers.UUIDField(source="unit_id")
    unit_number = serializers.CharField(source="unit.unit_number")
    property_name = serializers.CharField(source="property.name")
    tenant_name = serializers.SerializerMethodField()
    stage = serializers.CharField()
    expected_move_out = serializers.DateField()
    actual_move_out = serializers.DateField(allow_null=True)
    has_earlier_photos = serializers.BooleanField()

    def get_tenant_name(self, obj) -> str:
        return f"{obj.lease.tenant.first_name} {obj.lease.tenant.last_name}".strip()
