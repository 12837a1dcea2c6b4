from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, user_logged_in
from django.http import HttpRequest
from django.utils import timezone
from knox.models import AuthToken

from core.auth import LOCKOUT_MESSAGE, token_public_id
from core.exceptions import ApplicationError

BAD_CREDENTIALS = "Unable to log in with the provided email and password."


def auth_login_check(*, request: HttpRequest, email: str, password: str):
    """The user for a valid email/password, through django.contrib.auth.authenticate(request=…) so that
    django-axes counts the failures and refuses a locked-out account or IP (429, whatever the password)."""
    User = get_user_model()
    email = email.strip()
    user = User.objects.filter(email__iexact=email).first()
    # One axes counter per account whatever the email's case; unknown emails are counted too (lowercased).
    username = user.get_username() if user else email.lower()
    authed = authenticate(request=request, username=username, password=password)
    if authed is None:
        if getattr(request, "axes_locked_out", False):
            raise ApplicationError(LOCKOUT_MESSAGE, status_code=429)
        raise ApplicationError(BAD_CREDENTIALS, status_code=401)
    return authed


def auth_token_create(*, user, request: HttpRequest | None = None) -> tuple[str, AuthToken]:
    """A new API token for one device (knox: only its hash is stored), expiring AUTH_TOKEN_TTL_HOURS from now.
    Returns (the token to hand to the client once, the stored row)."""
    from core.models import TokenDevice

    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()  # this user's expired sign-ins
    instance, token = AuthToken.objects.create(user=user, expiry=timedelta(hours=settings.AUTH_TOKEN_TTL_HOURS))
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:255] if request is not None else ""
    TokenDevice.objects.create(token=instance, user_agent=user_agent, last_used=timezone.now())
    if request is not None:
        user_logged_in.send(sender=user.__class__, request=request, user=user)  # last_login, axes access log
    return token, instance


def auth_token_obtain(*, email: str, password: str, request: HttpRequest | None = None) -> str:
    """Signs in with email/password and returns a new device token. Without an HTTP request (scripts, test
    fixtures) a local one stands in, so the lockout still applies."""
    if request is None:
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
    user = auth_login_check(request=request, email=email, password=password)
    token, _ = auth_token_create(user=user, request=request)
    return token


def auth_token_revoke(*, token: AuthToken) -> None:
    """Signs one device out."""
    token.delete()


def auth_tokens_revoke_all(*, user) -> int:
    """Signs every device of `user` out; returns how many."""
    tokens = AuthToken.objects.filter(user=user)
    count = tokens.count()
    tokens.delete()
    return count


def auth_session_revoke(*, user, session_id: str) -> None:
    """Revokes the caller's device whose public id (core.auth.token_public_id) is `session_id`; 404 otherwise."""
    for token in AuthToken.objects.filter(user=user).only("digest", "token_key"):
        if token_public_id(token.token_key) == session_id:
            token.delete()
            return
    raise ApplicationError("No such signed-in device.", status_code=404)


def user_upsert(*, email: str, password: str, is_staff: bool = True, first_name: str = "", last_name: str = ""):
    """Creates or updates a manager login (username = email)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first() or User(username=email, email=email)
    user.is_staff = is_staff
    user.is_superuser = is_staff
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.set_password(password)
    user.save()
    return user


def actor_label(user) -> str:
    """How audit fields name a person: `user:<email>`."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    return f"user:{user.email or user.get_username()}"
