from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.ai.gateway import status as ai_status
from core.ai.selectors import ai_usage_stats
from core.permissions import Requires, SignedIn

_USAGE_FIELDS = {
    "calls": serializers.IntegerField(),
    "failures": serializers.IntegerField(),
    "offline_calls": serializers.IntegerField(),
    "input_tokens": serializers.IntegerField(),
    "output_tokens": serializers.IntegerField(),
    "avg_latency_ms": serializers.IntegerField(),
}


def _parse_since(raw: str | None):
    if not raw:
        return None
    value = parse_datetime(raw)
    if value is None:
        day = parse_date(raw)
        if day is None:
            raise ValidationError({"since": ["Use a date (2026-01-31) or an ISO 8601 date-time."]})
        from datetime import datetime, time

        value = datetime.combine(day, time.min)
    return make_aware(value) if is_naive(value) else value


class AIUsageApi(APIView):
    """Calls, failures, tokens and average latency per feature; `?since=` a date or date-time."""

    permission_classes = [Requires("view_ai_usage")]

    @extend_schema(
        parameters=[
            OpenApiParameter("since", str, description="Only calls at or after this date / ISO date-time."),
            OpenApiParameter("feature", str, description="Only this feature."),
        ],
        responses=inline_serializer(
            "AIUsage",
            {
                "since": serializers.DateTimeField(allow_null=True),
                "provider": serializers.CharField(),
                "model": serializers.CharField(),
                "totals": inline_serializer("AIUsageTotals", _USAGE_FIELDS),
                "features": inline_serializer(
                    "AIUsageFeature",
                    {"feature": serializers.CharField(), **_USAGE_FIELDS, "last_call_at": serializers.DateTimeField()},
                    many=True,
                ),
            },
        ),
    )
    def get(self, request):
        since = _parse_since(request.query_params.get("since"))
        stats = ai_usage_stats(since=since, feature=request.query_params.get("feature") or None)
        current = ai_status()
        return Response({"since": since, **current, "totals": stats["totals"], "features": stats["features"]})


class AIStatusApi(APIView):
    """Which provider answers now (`offline` or `anthropic`) and with which model."""

    permission_classes = [SignedIn()]

    @extend_schema(
        responses=inline_serializer("AIStatus", {"provider": serializers.CharField(), "model": serializers.CharField()})
    )
    def get(self, request):
        return Response(ai_status())
