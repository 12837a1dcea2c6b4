from django.contrib.auth import login, logout
from django.db import connection
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.jobs import job_get
from core.serializers import JobSerializer
from core.services import auth_token_obtain, auth_token_revoke


class HealthApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        responses=inline_serializer("Health", {"status": serializers.CharField(), "database": serializers.CharField()})
    )
    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            db = "ok"
        except Exception:  # noqa: BLE001 - health reports, never raises
            db = "unavailable"
        code = status.HTTP_200_OK if db == "ok" else status.HTTP_503_SERVICE_UNAVAILABLE
        return Response({"status": "ok" if db == "ok" else "degraded", "database": db}, status=code)


class AuthTokenApi(APIView):
    """POST {"email", "password"} -> {"token"}. With `"session": true` it also logs the browser in."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    class InputSerializer(serializers.Serializer):
        email = serializers.CharField(max_length=254)
        password = serializers.CharField(max_length=128, trim_whitespace=False)
        session = serializers.BooleanField(required=False, default=False)

    @extend_schema(request=InputSerializer, responses=inline_serializer("Token", {"token": serializers.CharField()}))
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token = auth_token_obtain(email=data.validated_data["email"], password=data.validated_data["password"])
        if data.validated_data["session"]:
            from rest_framework.authtoken.models import Token

            login(request._request, Token.objects.select_related("user").get(key=token).user)
        return Response({"token": token})


class LogoutApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        auth_token_revoke(user=request.user)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "email": serializers.EmailField(),
                "first_name": serializers.CharField(),
                "last_name": serializers.CharField(),
            },
        )
    )
    def get(self, request):
        u = request.user
        return Response(
            {"email": u.email, "first_name": u.first_name, "last_name": u.last_name, "is_staff": u.is_staff}
        )


UUID_LOOKUP = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"


class ApiNotFound(APIView):
    """Any unmatched /api/ path answers JSON 404, never the SPA or an HTML page."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    def dispatch(self, request, *args, **kwargs):
        from django.http import JsonResponse

        return JsonResponse({"detail": "Not found."}, status=404)


class JobDetailApi(APIView):
    """A background job (a manual scan…): poll until `done`. Unknown or malformed ids: 404."""

    @extend_schema(responses=JobSerializer)
    def get(self, request, job_id):
        job = job_get(job_id=job_id)
        if job is None:
            raise NotFound("Job not found.")
        return Response(JobSerializer(job).data)


def job_started_response(job, created: bool) -> Response:
    """What a "run now" POST answers: 202 with the job (a new one, or the one already running)."""
    return Response({**JobSerializer(job).data, "created": created}, status=status.HTTP_202_ACCEPTED)
