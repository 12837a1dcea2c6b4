from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.models import Notification
from core.notifications.selectors import notification_list, notification_unread_counts
from core.notifications.services import notification_mark_read, notifications_mark_all_read
from core.permissions import SignedIn
from core.utils import parse_uuid


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)
    severity_label = serializers.CharField(source="get_severity_display", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "severity", "severity_label", "title", "body", "link", "created_at", "is_read"]


class _Filters(serializers.Serializer):
    unread = serializers.BooleanField(required=False, allow_null=True, default=None)
    severity = serializers.ChoiceField(choices=Notification.Severity.choices, required=False, allow_blank=True)
    kind = serializers.CharField(required=False, allow_blank=True, max_length=64)


class NotificationListApi(ListAPIView):
    """What the bell shows: the caller's notifications (scoped to their properties), newest first, with the
    unread counts; unread critical ones first. `?unread=true`, `?severity=critical`, `?kind=`."""

    permission_classes = [SignedIn()]
    serializer_class = NotificationSerializer
    filter_backends: list = []

    def get_queryset(self):
        filters = _Filters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        unread = self.request.query_params.get("unread")
        return notification_list(
            user=self.request.user,
            unread=filters.validated_data.get("unread") if unread not in (None, "") else None,
            severity=filters.validated_data.get("severity") or None,
            kind=filters.validated_data.get("kind") or None,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("unread", bool, description="true: only unread; false: only read"),
            OpenApiParameter("severity", str, enum=Notification.Severity.values),
            OpenApiParameter("kind", str, description="What produced them, e.g. collections.deep_arrears"),
        ]
    )
    def get(self, request, *args, **kwargs):
        response = self.list(request, *args, **kwargs)
        response.data["unread"] = notification_unread_counts(user=request.user)
        return response


class NotificationReadApi(APIView):
    """Marks one notification read for the caller."""

    permission_classes = [SignedIn()]

    @extend_schema(request=None, responses={200: NotificationSerializer})
    def post(self, request, notification_id):
        pk = parse_uuid(notification_id)
        if pk is None:
            return Response({"detail": "Notification not found."}, status=status.HTTP_404_NOT_FOUND)
        note = notification_mark_read(user=request.user, notification_id=pk)
        note.is_read = True
        return Response(NotificationSerializer(note).data)


class NotificationReadAllApi(APIView):
    """Marks every notification the caller can see as read."""

    permission_classes = [SignedIn()]

    @extend_schema(request=None, responses=inline_serializer("ReadAll", {"marked": serializers.IntegerField()}))
    def post(self, request):
        return Response({"marked": notifications_mark_all_read(user=request.user)})
