"""Sign-in plumbing: knox token authentication that records each device's last use, and the axes lockout answer.

Services (sign in, create/revoke tokens) live in core.services; this module is what settings point at."""

import binascii
from datetime import timedelta
from hashlib import sha256
from hmac import compare_digest

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS
from rest_framework import exceptions

LOCKOUT_MESSAGE = (
    "Too many failed sign-in attempts. Try again in 15 minutes or ask an administrator to unlock the account."
)
# last_used is written at most this often per token (not one UPDATE per API call).
LAST_USED_RESOLUTION_SECONDS = 60


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the API's JSON error shape, 429, whatever asked (the API login or the admin)."""
    return JsonResponse({"detail": LOCKOUT_MESSAGE}, status=429)


def client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front the address the
    outermost trusted proxy saw (X-Forwarded-For counted from the right: the client can forge only the left)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if hops <= 0 or not forwarded:
        return remote
    return forwarded[-hops] if len(forwarded) >= hops else forwarded[0]


def token_public_id(token_key: str) -> str:
    """The id the sessions API shows for a token: a hash of knox's token_key (itself the token's first
    characters), so listing devices never reveals part of a secret."""
    return sha256(token_key.encode()).hexdigest()[:16]


class DeviceTokenAuthentication(TokenAuthentication):
    """knox's `Authorization: Token <t>` authentication (expired tokens refused and deleted), plus the
    device's last-used time, written at most once a minute."""

    def authenticate_credentials(self, token):
        """knox's lookup (token_key prefix, then a constant-time digest compare), in one query with the
        device row; writes last_used only when it is older than LAST_USED_RESOLUTION_SECONDS."""
        msg = "Invalid token."
        token = token.decode("utf-8")
        candidates = AuthToken.objects.filter(token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH]).select_related(
            "user", "device"
        )
        for auth_token in candidates:
            if self._cleanup_token(auth_token):
                continue
            try:
                digest = hash_token(token)
            except (TypeError, binascii.Error):
                raise exceptions.AuthenticationFailed(msg) from None
            if compare_digest(digest, auth_token.digest):
                self._touch(auth_token)
                return self.validate_user(auth_token)
        raise exceptions.AuthenticationFailed(msg)

    @staticmethod
    def _touch(auth_token) -> None:
        from core.models import TokenDevice

        device = getattr(auth_token, "device", None)
        now = timezone.now()
        if device is None:
            TokenDevice.objects.create(token=auth_token, last_used=now)
        elif device.last_used is None or now - device.last_used > timedelta(seconds=LAST_USED_RESOLUTION_SECONDS):
            TokenDevice.objects.filter(pk=device.pk).update(last_used=now)

    def _cleanup_token(self, auth_token) -> bool:
        """Deletes this token if expired (knox also sweeps all the user's other tokens on every request: one
        more query per API call; core.services.auth_token_create sweeps them at each sign-in instead)."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    """OpenAPI: the same `tokenAuth` scheme (header `Authorization: Token <token>`) the API always documented."""

    target_class = DeviceTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
