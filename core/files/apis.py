"""Uploaded files over HTTP: upload, metadata, the bytes (signed in), an expiring signed URL, and the signed
URL itself (public: the signature is the credential)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.files.models import StoredFile
from core.files.selectors import file_get, file_get_for, file_open, file_upload_allowed
from core.files.services import file_signed_token, file_signed_token_check, file_store
from core.permissions import Public, SignedIn, user_role
from core.roles import role_label
from core.validation import validated

ERROR = inline_serializer("FileError", {"detail": serializers.CharField()})
NOT_FOUND = "File not found."


class StoredFileSerializer(serializers.ModelSerializer):
    thumbnail = serializers.SerializerMethodField()
    content_url = serializers.SerializerMethodField()

    class Meta:
        model = StoredFile
        fields = [
            "id",
            "purpose",
            "kind",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "width",
            "height",
            "page_count",
            "captured_at",
            "created_at",
            "content_url",
            "thumbnail",
        ]

    def get_content_url(self, obj) -> str:
        return reverse("file-content", args=[obj.pk])

    def get_thumbnail(self, obj) -> str | None:
        return f"{reverse('file-content', args=[obj.pk])}?thumbnail=1" if obj.thumbnail_name else None


def _bytes_response(stored: StoredFile, *, thumbnail: bool) -> FileResponse:
    try:
        opened = file_open(stored=stored, thumbnail=thumbnail)
    except OSError as exc:  # the row outlived its bytes (storage wiped): not found, never a 500
        raise NotFound("The file's content is missing.") from exc
    if opened is None:
        raise NotFound("This file has no thumbnail.")
    handle, content_type = opened
    response = FileResponse(handle, content_type=content_type)
    name = stored.original_name if not thumbnail else f"thumbnail-{stored.original_name}"
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response


def _wants_thumbnail(request) -> bool:
    return request.query_params.get("thumbnail", "").lower() in ("1", "true", "yes")


THUMBNAIL_PARAM = OpenApiParameter(
    "thumbnail", OpenApiTypes.BOOL, description="1: the thumbnail (JPEG) instead of the file (images only)."
)


class FileCreateApi(APIView):
    """Upload one file (multipart: `file`, `purpose`). It is checked by its content, not its name: JPEG, PNG,
    WebP and PDF within the size limits; images are re-encoded with their orientation applied and every EXIF/XMP
    field (GPS included) removed, the capture time kept in `captured_at`. Anything else: 400, nothing stored.
    Roles that create records may upload (not read-only, not a person without a role)."""

    permission_classes = [SignedIn()]
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(allow_empty_file=True, use_url=False)
        purpose = serializers.ChoiceField(choices=StoredFile.Purpose.choices)

        class Meta:
            ref_name = "FileUpload"

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={201: StoredFileSerializer, 400: ERROR, 403: ERROR},
    )
    def post(self, request):
        if not file_upload_allowed(request.user):
            raise PermissionDenied(f"Your role ({role_label(user_role(request.user))}) can't upload files.")
        data = validated(self.InputSerializer, request.data)
        stored = file_store(upload=data["file"], purpose=data["purpose"], user=request.user)
        return Response(StoredFileSerializer(stored).data, status=status.HTTP_201_CREATED)


class FileDetailApi(APIView):
    """A stored file's metadata. Only its uploader and people who see every property; anyone else: 404."""

    permission_classes = [SignedIn()]

    @extend_schema(responses={200: StoredFileSerializer, 404: ERROR})
    def get(self, request, file_id):
        stored = file_get_for(file_id=file_id, user=request.user)
        if stored is None:
            raise NotFound(NOT_FOUND)
        return Response(StoredFileSerializer(stored).data)


class FileContentApi(APIView):
    """The file's bytes (`?thumbnail=1`: its thumbnail), for whoever may see its metadata; anyone else: 404."""

    permission_classes = [SignedIn()]

    @extend_schema(parameters=[THUMBNAIL_PARAM], responses={(200, "*/*"): OpenApiTypes.BINARY, 404: ERROR})
    def get(self, request, file_id):
        stored = file_get_for(file_id=file_id, user=request.user)
        if stored is None:
            raise NotFound(NOT_FOUND)
        return _bytes_response(stored, thumbnail=_wants_thumbnail(request))


class FileSignedUrlApi(APIView):
    """A link to the file that works without signing in until it expires (FILE_SIGNED_URL_MAX_AGE_SECONDS,
    10 minutes by default), for whoever may see the file. Body (optional): {"thumbnail": true}."""

    permission_classes = [SignedIn()]

    class InputSerializer(serializers.Serializer):
        thumbnail = serializers.BooleanField(required=False, default=False)

        class Meta:
            ref_name = "FileSignedUrlInput"

    @extend_schema(
        request=InputSerializer,
        responses={
            200: inline_serializer(
                "FileSignedUrl", {"url": serializers.CharField(), "expires_at": serializers.DateTimeField()}
            ),
            404: ERROR,
        },
    )
    def post(self, request, file_id):
        stored = file_get_for(file_id=file_id, user=request.user)
        if stored is None:
            raise NotFound(NOT_FOUND)
        data = validated(self.InputSerializer, request.data)
        if data["thumbnail"] and not stored.thumbnail_name:
            raise NotFound("This file has no thumbnail.")
        token = file_signed_token(stored=stored, thumbnail=data["thumbnail"])
        expires = timezone.now() + dt.timedelta(seconds=settings.FILE_SIGNED_URL_MAX_AGE_SECONDS)
        url = request.build_absolute_uri(reverse("file-signed-content", args=[token]))
        return Response({"url": url, "expires_at": expires})


class FileSignedContentApi(APIView):
    """The bytes behind a signed URL. Expired: 410; forged, malformed or for a deleted file: 404."""

    permission_classes = [Public("the signed, expiring link is the credential (POST files/{id}/signed-url/)")]
    authentication_classes: list = []

    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY, 404: ERROR, 410: ERROR})
    def get(self, request, token):
        file_id, thumbnail = file_signed_token_check(token)
        stored = file_get(file_id=file_id)
        if stored is None:
            raise NotFound(NOT_FOUND)
        return _bytes_response(stored, thumbnail=thumbnail)
