from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.fields import SaneDateTimeField
from core.models import Notification
from core.notifications.selectors import notification_list, notification_unread_counts, reminder_list
from core.notifications.services import notification_mark_read, notifications_mark_all_read, reminder_create
from core.permissions import SignedIn
from core.utils import parse_uuid
from core.validation import validated


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


class ReminderSerializer(serializers.ModelSerializer):
    due_at = serializers.DateTimeField(source="deliver_at", read_only=True)
    delivered_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Notification
        fields = ["id", "title", "body", "link", "due_at", "delivered_at", "created_at"]


class ReminderInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    due_at = SaneDateTimeField(help_text="When to remind (ISO date-time; in the future, at most two years ahead)")
    link = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", help_text="A path inside the app, e.g. /units/…"
    )


class _ReminderFilters(serializers.Serializer):
    pending = serializers.BooleanField(required=False, allow_null=True, default=None)


class ReminderListCreateApi(ListAPIView):
    """GET: the reminders the caller set, soonest first (`?pending=true`: not yet due). POST `{title, due_at, body?,
    link?}`: a reminder for the caller alone — it appears in their bell at `due_at` and is emailed to them then
    (`core.deliver_due_reminders`). The portfolio chat proposes reminders; this creates them once confirmed."""

    permission_classes = [SignedIn()]
    serializer_class = ReminderSerializer
    filter_backends: list = []

    def get_queryset(self):
        filters = _ReminderFilters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        pending = filters.validated_data.get("pending") if self.request.query_params.get("pending") else None
        return reminder_list(user=self.request.user, pending=pending)

    @extend_schema(parameters=[OpenApiParameter("pending", bool, description="true: not yet due; false: due")])
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(request=ReminderInputSerializer, responses={201: ReminderSerializer})
    def post(self, request):
        reminder = reminder_create(user=request.user, **validated(ReminderInputSerializer, request.data))
        return Response(ReminderSerializer(reminder).data, status=status.HTTP_201_CREATED)
