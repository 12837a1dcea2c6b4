"""Inspections API (/api/v1/inspections/, spec 3.1). Thin views: parse -> one service/selector -> serialize.
Reading needs `view_portfolio`; inspecting (create, upload, analyse, review, items) `manage_leases` or
`manage_maintenance` (the maintenance tech walks the unit); the letter and finalize, which decide the deposit,
`manage_leases` (as turnover's deductions and letter). Scoped to the caller's properties: outside them, 404."""

from __future__ import annotations

import django_filters
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework import status as http
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.documents.rendering import document_html, document_pdf
from core.exceptions import ApplicationError
from core.filters import FILTER_BACKENDS, ChoiceInFilter
from core.idempotency import idempotent
from core.permissions import Requires, any_of
from core.services import actor_label
from core.validation import validated
from inspections import costs, selectors, services
from inspections.models import ROOMS, InspectionDamageItem, MoveOutInspection
from inspections.serializers import (
    DamageItemInputSerializer,
    DamageItemSerializer,
    DamageItemUpdateInputSerializer,
    InspectionAnalyzeInputSerializer,
    InspectionCandidateSerializer,
    InspectionCreateInputSerializer,
    InspectionDetailSerializer,
    InspectionPhotoSerializer,
    InspectionReferenceSerializer,
    InspectionSerializer,
    InspectionUploadInputSerializer,
    LetterPreviewSerializer,
    PhotoReviewInputSerializer,
)
from tenants.models import TenantLease
from units.useful_life import LIFE_TABLE

READ = "view_portfolio"
INSPECT = any_of("manage_leases", "manage_maintenance")
DEPOSIT = "manage_leases"
NOT_FOUND = "Inspection not found."
ERROR = inline_serializer("InspectionError", {"detail": drf_serializers.CharField()})


def _actor(request) -> str:
    return actor_label(request.user)


def _inspection_or_404(inspection_id) -> MoveOutInspection:
    found = selectors.inspection_get(inspection_id=inspection_id)
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


def _photo_or_404(photo_id):
    photo = selectors.photo_get(photo_id=photo_id)
    if photo is None:
        raise NotFound("Photo not found.")
    return photo


def _item_or_404(photo, item_id) -> InspectionDamageItem:
    item = selectors.damage_item_get(photo=photo, item_id=item_id)
    if item is None:
        raise NotFound("Damage item not found.")
    return item


def _detail(request, inspection_id, *, status: int = http.HTTP_200_OK) -> Response:
    inspection = _inspection_or_404(inspection_id)
    photos = selectors.inspection_photos(inspection)
    context = {"request": request, "photos": photos, "counts": selectors.counts(photos)}
    return Response(InspectionDetailSerializer(inspection, context=context).data, status=status)


class InspectionFilter(django_filters.FilterSet):
    status = ChoiceInFilter(choices=MoveOutInspection.Status.choices)

    class Meta:
        model = MoveOutInspection
        fields = ["status", "property", "unit", "lease", "turnover_case"]


class InspectionListApi(ListAPIView):
    """Inspections, latest first, with status, unit, inspector and totals. Filters: `status`, `property`, `unit`,
    `lease`, `turnover_case`; `search` (unit, tenant's last name, inspector, property); `ordering`. POST opens one:
    `{"lease", "inspector_name", "inspection_date"}` (linked to the lease's open turnover case when there is one)."""

    permission_classes = [Requires(READ, write=INSPECT)]
    serializer_class = InspectionSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = InspectionFilter
    search_fields = ["unit__unit_number", "lease__tenant__last_name", "inspector_name", "property__name"]
    ordering_fields = ["inspection_date", "created_at", "total_damage_cost", "status"]
    ordering = ["-inspection_date", "-created_at"]

    def get_queryset(self):
        return selectors.inspection_list()

    @extend_schema(request=InspectionCreateInputSerializer, responses={201: InspectionDetailSerializer, 400: ERROR})
    @idempotent
    def post(self, request):
        data = validated(InspectionCreateInputSerializer, request.data)
        lease = TenantLease.objects.filter(pk=data["lease"]).first()
        if lease is None:
            raise ApplicationError("Lease not found.", extra={"field": "lease"})
        inspection = services.inspection_create(
            lease=lease, inspector_name=data["inspector_name"], inspection_date=data["inspection_date"]
        )
        return _detail(request, inspection.pk, status=http.HTTP_201_CREATED)


class InspectionCandidateListApi(ListAPIView):
    """Open turnover cases without an inspection yet (units with earlier inspection photos first): the leases
    /inspections/new offers. `search`: unit, tenant's last name, lease number, property."""

    permission_classes = [Requires(READ)]
    serializer_class = InspectionCandidateSerializer
    filter_backends = FILTER_BACKENDS
    search_fields = ["unit__unit_number", "lease__tenant__last_name", "lease__lease_number", "property__name"]
    ordering_fields = ["expected_move_out"]

    def get_queryset(self):
        return selectors.inspection_candidates()


class InspectionReferenceApi(APIView):
    """Rooms, damage categories and severities, the spec's cost table (low, high, midpoint) and the useful-life
    items (turnover's table) for the screens."""

    permission_classes = [Requires(READ)]

    @extend_schema(responses={200: InspectionReferenceSerializer})
    def get(self, request):
        table = {
            category: {
                severity: {
                    "low": f"{low:.2f}",
                    "high": f"{high:.2f}",
                    "default": f"{costs.default_cost(category, severity):.2f}",
                }
                for severity, (low, high) in rows.items()
            }
            for category, rows in costs.COST_TABLE.items()
        }
        labels = dict(InspectionDamageItem.Category.choices)
        return Response(
            {
                "rooms": [{"value": k, "label": v} for k, v in ROOMS],
                "categories": [{"value": c, "label": labels[c]} for c in costs.CATEGORIES],
                "severities": list(costs.SEVERITIES),
                "cost_table": table,
                "life_items": [{"value": k, "label": v.label, "years": f"{v.years}"} for k, v in LIFE_TABLE.items()],
            }
        )


class InspectionDetailApi(APIView):
    """One inspection with its photos (grouped by room on screen), counts by final classification, totals and the
    analysis progress (`ai_photos_done` of `ai_photos_total`)."""

    permission_classes = [Requires(READ)]

    @extend_schema(responses={200: InspectionDetailSerializer, 404: ERROR})
    def get(self, request, inspection_id):
        return _detail(request, inspection_id)


class InspectionUploadPhotosApi(APIView):
    """Uploads photos of one room (multipart: one or more `photos`, and `room`): JPEG, PNG or WebP (HEIC where
    supported), checked by content, EXIF stripped with the capture time kept, thumbnails made. A PDF or a file
    over the size limit is refused (400) and nothing is stored. Returns the new photo ids."""

    permission_classes = [Requires(READ, write=INSPECT)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": InspectionUploadInputSerializer},
        responses={
            201: inline_serializer(
                "InspectionUploadResult",
                {
                    "ids": drf_serializers.ListField(child=drf_serializers.UUIDField()),
                    "photos": InspectionPhotoSerializer(many=True),
                },
            ),
            400: ERROR,
            409: ERROR,
        },
    )
    def post(self, request, inspection_id):
        inspection = _inspection_or_404(inspection_id)
        data = validated(InspectionUploadInputSerializer, request.data)
        photos = services.photos_upload(
            inspection=inspection, room=data["room"], uploads=data["photos"], user=request.user
        )
        body = {
            "ids": [p.pk for p in photos],
            "photos": InspectionPhotoSerializer(photos, many=True, context={"request": request}).data,
        }
        return Response(body, status=http.HTTP_201_CREATED)


class InspectionAnalyzeApi(APIView):
    """Queues the analysis of the photos not analysed yet (`{"force": true}`: all of them again). The inspection
    is `ai_processing` until done; poll the detail for `ai_photos_done`."""

    permission_classes = [Requires(READ, write=INSPECT)]

    @extend_schema(
        request=InspectionAnalyzeInputSerializer, responses={202: InspectionDetailSerializer, 400: ERROR, 409: ERROR}
    )
    def post(self, request, inspection_id):
        inspection = _inspection_or_404(inspection_id)
        data = validated(InspectionAnalyzeInputSerializer, request.data or {})
        services.inspection_analyze_queue(inspection=inspection, force=data["force"])
        return _detail(request, inspection.pk, status=http.HTTP_202_ACCEPTED)


class PhotoReviewApi(APIView):
    """Overrides a photo's classification: `{"human_classification": "normal_wear"}`."""

    permission_classes = [Requires(READ, write=INSPECT)]

    @extend_schema(
        request=PhotoReviewInputSerializer, responses={200: InspectionPhotoSerializer, 404: ERROR, 409: ERROR}
    )
    def patch(self, request, photo_id):
        photo = _photo_or_404(photo_id)
        data = validated(PhotoReviewInputSerializer, request.data)
        services.photo_review(photo=photo, classification=data["human_classification"], actor=_actor(request))
        return _photo(request, photo.pk)


def _photo(request, photo_id, status: int = http.HTTP_200_OK) -> Response:
    photo = _photo_or_404(photo_id)
    rows = [p for p in selectors.inspection_photos(photo.inspection) if p.pk == photo.pk]
    return Response(InspectionPhotoSerializer(rows[0], context={"request": request}).data, status=status)


class DamageItemListApi(APIView):
    """Adds a damage item to a photo: `{"item", "category", "severity", "location"?, "estimated_cost"?,
    "life_item"?, "item_age_years"?}`; without a cost, the midpoint of the spec's table for the category and
    severity. The photo becomes `damage`."""

    permission_classes = [Requires(READ, write=INSPECT)]

    @extend_schema(request=DamageItemInputSerializer, responses={201: DamageItemSerializer, 400: ERROR, 409: ERROR})
    def post(self, request, photo_id):
        photo = _photo_or_404(photo_id)
        data = validated(DamageItemInputSerializer, request.data)
        item = services.damage_item_add(photo=photo, actor=_actor(request), **data)
        return Response(DamageItemSerializer(item).data, status=http.HTTP_201_CREATED)


class DamageItemDetailApi(APIView):
    """Edits (PATCH, any field) or removes (DELETE) a damage item. A new category or severity without a cost
    takes the table's midpoint again."""

    permission_classes = [Requires(READ, write=INSPECT)]

    @extend_schema(
        request=DamageItemUpdateInputSerializer, responses={200: DamageItemSerializer, 400: ERROR, 409: ERROR}
    )
    def patch(self, request, photo_id, item_id):
        photo = _photo_or_404(photo_id)
        item = _item_or_404(photo, item_id)
        data = validated(DamageItemUpdateInputSerializer, request.data)
        item = services.damage_item_update(item=item, actor=_actor(request), **data)
        return Response(DamageItemSerializer(item).data)

    @extend_schema(responses={204: None, 404: ERROR, 409: ERROR})
    def delete(self, request, photo_id, item_id):
        photo = _photo_or_404(photo_id)
        services.damage_item_delete(item=_item_or_404(photo, item_id))
        return Response(status=http.HTTP_204_NO_CONTENT)


class InspectionGenerateLetterApi(APIView):
    """Writes the itemized deduction letter (Claude, or the offline template with the same figures): the deposit,
    each item with its depreciation where the life table applies, the refund or balance, and the state's
    deadline with its citation. Needs the inspection's turnover case."""

    permission_classes = [Requires(READ, write=DEPOSIT)]

    @extend_schema(request=None, responses={200: InspectionDetailSerializer, 400: ERROR, 409: ERROR})
    def post(self, request, inspection_id):
        inspection = _inspection_or_404(inspection_id)
        services.inspection_letter_generate(inspection=inspection, actor=_actor(request))
        return _detail(request, inspection.pk)


class InspectionLetterApi(APIView):
    """The letter as the PDF will show it (HTML from the same template), with its text."""

    permission_classes = [Requires(READ)]

    @extend_schema(responses={200: LetterPreviewSerializer, 400: ERROR, 404: ERROR})
    def get(self, request, inspection_id):
        inspection = _inspection_or_404(inspection_id)
        context = services.inspection_letter_context(inspection)
        return Response(
            {
                "html": document_html(template=services.LETTER_TEMPLATE, context=context, title="Deposit statement"),
                "subject": inspection.deduction_letter_subject,
                "text": inspection.deduction_letter,
                "provider": inspection.deduction_letter_provider,
            }
        )


class InspectionLetterPdfApi(APIView):
    """The letter as a PDF (core/documents)."""

    permission_classes = [Requires(READ)]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 400: ERROR, 404: ERROR})
    def get(self, request, inspection_id):
        inspection = _inspection_or_404(inspection_id)
        context = services.inspection_letter_context(inspection)
        rendered = document_pdf(template=services.LETTER_TEMPLATE, context=context, title="Deposit statement")
        response = HttpResponse(rendered.pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="deposit-statement-{inspection.unit.unit_number}.pdf"'
        return response


class InspectionSendLetterApi(APIView):
    """Sends the letter (after finalize) as the turnover case's deposit statement: PDF stored, email sent, a
    balance owed charged on the ledger, once per case."""

    permission_classes = [Requires(READ, write=DEPOSIT)]

    @extend_schema(request=None, responses={200: InspectionDetailSerializer, 400: ERROR, 409: ERROR})
    @idempotent
    def post(self, request, inspection_id):
        inspection = _inspection_or_404(inspection_id)
        services.inspection_letter_send(inspection=inspection, actor=_actor(request), user=request.user)
        return _detail(request, inspection.pk)


class InspectionFinalizeApi(APIView):
    """Locks the inspection (further edits answer 409) and writes its damage items as approved deductions on the
    turnover case (`ai_detected` where the model proposed them), in one transaction. A second finalize is 409."""

    permission_classes = [Requires(READ, write=DEPOSIT)]

    @extend_schema(request=None, responses={200: InspectionDetailSerializer, 400: ERROR, 409: ERROR})
    def post(self, request, inspection_id):
        inspection = _inspection_or_404(inspection_id)
        services.inspection_finalize(inspection=inspection, actor=_actor(request))
        return _detail(request, inspection.pk)
