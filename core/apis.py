from django.contrib.auth import login, logout
from django.db import connection
from django.middleware.csrf import get_token
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from core import scoping
from core.jobs import job_get
from core.permissions import Public, SignedIn, user_permissions, user_role
from core.roles import role_label
from core.selectors import auth_session_list
from core.serializers import JobSerializer
from core.services import (
    auth_login_check,
    auth_session_revoke,
    auth_token_create,
    auth_token_revoke,
    auth_tokens_revoke_all,
)


class HealthApi(APIView):
    permission_classes = [Public("health check for load balancers and uptime monitors")]
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


ERROR_RESPONSE = inline_serializer("AuthError", {"detail": serializers.CharField()})


class AuthTokenApi(APIView):
    """POST {"email", "password"} -> {"token", "expiry"}: a new token for this device (send it as
    `Authorization: Token <token>`; it expires after AUTH_TOKEN_TTL_HOURS). With `"session": true` the browser
    is also signed in with a session cookie; that flow needs the CSRF cookie and header (GET auth/csrf/ first).
    Wrong credentials: 401. Too many failures for the account or from the IP: 429 with when to retry."""

    permission_classes = [Public("sign-in")]

    authentication_classes: list = []

    class InputSerializer(serializers.Serializer):
        email = serializers.CharField(max_length=254)
        password = serializers.CharField(max_length=128, trim_whitespace=False)
        session = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}),
            401: ERROR_RESPONSE,
            403: ERROR_RESPONSE,
            429: ERROR_RESPONSE,
        },
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["session"]:
            # Login CSRF: a session sign-in sets a cookie, so a foreign page must not be able to trigger it.
            SessionAuthentication().enforce_csrf(request)
        user = auth_login_check(
            request=request._request, email=data.validated_data["email"], password=data.validated_data["password"]
        )
        token, instance = auth_token_create(user=user, request=request._request)
        if data.validated_data["session"]:
            login(request._request, user, backend="django.contrib.auth.backends.ModelBackend")
        return Response({"token": token, "expiry": instance.expiry})


class CsrfApi(APIView):
    """GET: sets the `csrftoken` cookie (and returns it) for the session sign-in flow."""

    permission_classes = [Public("the CSRF cookie the sign-in form needs")]

    authentication_classes: list = []

    @extend_schema(responses=inline_serializer("Csrf", {"csrf_token": serializers.CharField()}))
    def get(self, request):
        return Response({"csrf_token": get_token(request._request)})


class LogoutApi(APIView):
    """Signs this device out: revokes the token the request came with (other devices stay signed in)."""

    permission_classes = [SignedIn()]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            auth_token_revoke(token=request.auth)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllApi(APIView):
    """Signs every device of the caller out (all tokens, and this browser's session)."""

    permission_classes = [SignedIn()]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        auth_tokens_revoke_all(user=request.user)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AuthSessionListApi(APIView):
    """The caller's signed-in devices (live tokens), newest first; `current` marks the one asking."""

    permission_classes = [SignedIn()]

    class OutputSerializer(serializers.Serializer):
        id = serializers.CharField()
        created = serializers.DateTimeField()
        expiry = serializers.DateTimeField(allow_null=True)
        last_used = serializers.DateTimeField(allow_null=True)
        user_agent = serializers.CharField()
        current = serializers.BooleanField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        digest = request.auth.digest if isinstance(request.auth, AuthToken) else None
        rows = auth_session_list(user=request.user, current_digest=digest)
        return Response(self.OutputSerializer(rows, many=True).data)


class AuthSessionDetailApi(APIView):
    """DELETE: signs one of the caller's devices out (404 if the id is not one of theirs)."""

    permission_classes = [SignedIn()]

    @extend_schema(request=None, responses={204: None, 404: ERROR_RESPONSE})
    def delete(self, request, session_id):
        auth_session_revoke(user=request.user, session_id=session_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    """The signed-in person: their role, what it lets them do, and which properties they see."""

    permission_classes = [SignedIn()]

    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "email": serializers.EmailField(),
                "first_name": serializers.CharField(),
                "last_name": serializers.CharField(),
                "is_staff": serializers.BooleanField(),
                "role": serializers.CharField(allow_null=True),
                "role_label": serializers.CharField(),
                "permissions": serializers.ListField(child=serializers.CharField()),
                "properties": inline_serializer(
                    "MeProperty",
                    {"id": serializers.UUIDField(), "name": serializers.CharField()},
                    many=True,
                    allow_null=True,
                ),
            },
        )
    )
    def get(self, request):
        u = request.user
        role = user_role(u)
        return Response(
            {
                "email": u.email,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "is_staff": u.is_staff,
                "role": role,
                "role_label": role_label(role),
                "permissions": user_permissions(u),
                "properties": scoping.user_properties(u),
            }
        )


UUID_LOOKUP = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"


class ApiNotFound(APIView):
    """Any unmatched /api/ path answers JSON 404, never the SPA or an HTML page."""

    permission_classes = [Public("the JSON 404 for unknown API paths")]

    authentication_classes: list = []

    def dispatch(self, request, *args, **kwargs):
        from django.http import JsonResponse

        return JsonResponse({"detail": "Not found."}, status=404)


class JobDetailApi(APIView):
    """A background job (a manual scan…): poll until `done`. Unknown or malformed ids: 404."""

    permission_classes = [SignedIn()]

    @extend_schema(responses=JobSerializer)
    def get(self, request, job_id):
        job = job_get(job_id=job_id)
        if job is None:
            raise NotFound("Job not found.")
        return Response(JobSerializer(job).data)


def job_started_response(job, created: bool) -> Response:
    """What a "run now" POST answers: 202 with the job (a new one, or the one already running)."""
    return Response({**JobSerializer(job).data, "created": created}, status=status.HTTP_202_ACCEPTED)
