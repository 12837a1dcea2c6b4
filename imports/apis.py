"""/api/v1/imports/: upload a CSV (dry run or commit), read a run, list past runs, download a template.

Importing is for people who see every property (an all-properties administrator or property manager): an
import creates properties and resolves external ids portfolio-wide, which a manager scoped to some
properties could use to reach records outside them. A scoped person gets 403 with that reason on upload, and
sees only the runs they requested themselves (none, then) in the list and details.
"""

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core import scoping
from core.filters import FILTER_BACKENDS
from core.permissions import Requires
from core.services import actor_label
from core.validation import validated
from imports import selectors, services
from imports.columns import KINDS
from imports.export import template_csv
from imports.filters import ImportRunFilter
from imports.serializers import ImportRunListItemSerializer, ImportRunSerializer, ImportStartInputSerializer

EVERY_PROPERTY = "Importing needs access to every property; ask an administrator to run it."


def _every_property(request) -> None:
    scope = scoping.current()
    if scope is not None and not scope.everything:
        raise PermissionDenied(EVERY_PROPERTY)


def _visible_runs(request):
    runs = selectors.import_run_list()
    scope = scoping.current()
    if scope is not None and not scope.everything:
        runs = runs.filter(requested_by=actor_label(request.user))
    return runs


class ImportListApi(ListAPIView):
    """Past imports, newest first (without their per-row errors: read one run for those). Filters `kind`,
    `status`; `search` in the file name and who ran it; `ordering` by created_at or total_rows."""

    permission_classes = [Requires("import_portfolio")]
    serializer_class = ImportRunListItemSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = ImportRunFilter
    search_fields = ["file_name", "requested_by"]
    ordering_fields = ["created_at", "total_rows"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return _visible_runs(self.request)

    @extend_schema(
        request={"multipart/form-data": ImportStartInputSerializer},
        responses={201: ImportRunSerializer, 202: ImportRunSerializer},
    )
    def post(self, request):
        """Multipart `kind` (properties, units, tenants, leases), `file` (CSV, UTF-8, header on row 1) and
        `dry_run` (default true: validate only, write nothing). Answers the run: 201 when it finished (a dry
        run, or a commit of up to IMPORT_BACKGROUND_ROWS rows), 202 when a larger commit runs as a background
        job (poll GET /imports/{id}/ for `progress`). A file with any bad row writes nothing."""
        _every_property(request)
        data = validated(ImportStartInputSerializer, request.data)
        upload = data["file"]
        if upload.size > services.max_bytes():
            return Response(
                {"detail": f"The file is larger than {services.max_bytes() // (1024 * 1024)} MB; split it."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        run = services.import_run_start(
            kind=data["kind"],
            raw=upload.read(),
            file_name=upload.name or "",
            dry_run=data["dry_run"],
            requested_by=actor_label(request.user),
        )
        code = status.HTTP_202_ACCEPTED if run.status in ("queued", "running") else status.HTTP_201_CREATED
        return Response(ImportRunSerializer(run).data, status=code)


class ImportDetailApi(APIView):
    """One import: status, progress, counts and the per-row errors (row as in a spreadsheet: header = 1)."""

    permission_classes = [Requires("import_portfolio")]

    @extend_schema(responses=ImportRunSerializer)
    def get(self, request, run_id):
        run = selectors.import_run_get(run_id=run_id, runs=_visible_runs(request))
        if run is None:
            raise NotFound("Import not found.")
        return Response(ImportRunSerializer(run).data)


class ImportTemplateApi(APIView):
    """The CSV template of a kind: the header and one example row."""

    permission_classes = [Requires("import_portfolio")]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="Header and one example row")})
    def get(self, request, kind):
        if kind not in KINDS:
            raise NotFound(f"Unknown import kind '{kind}'; one of: {', '.join(KINDS)}.")
        response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
        return response
