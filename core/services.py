from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, user_logged_in
from django.http import HttpRequest
from django.utils import timezone
from knox.models import AuthToken

from core.auth import LOCKOUT_MESSAGE, token_public_id
from core.exceptions import ApplicationError
from core.roles import PERMISSIONS, ROLES

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


def user_upsert(
    *, email: str, password: str, role: str = "property_manager", first_name: str = "", last_name: str = ""
):
    """Creates or updates a login (username = email) holding one role (`core.roles.ROLES`).

    Administrators are also staff and superusers (the admin site); nobody else is. Which properties the person
    sees is set apart (`properties.services.user_properties_assign`)."""
    if role not in ROLES:
        raise ApplicationError(f"Unknown role {role!r}.", status_code=400)
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first() or User(username=email, email=email)
    user.is_staff = user.is_superuser = role == "administrator"
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.set_password(password)
    user.save()
    user_role_set(user=user, role=role)
    return user


def user_role_set(*, user, role: str) -> None:
    """Gives `user` exactly one role (its group), replacing any other role."""
    from django.contrib.auth.models import Group

    roles_sync()
    keep = [g for g in user.groups.all() if g.name not in ROLES]
    user.groups.set([*keep, Group.objects.get(name=role)])
    for cache in ("_perm_cache", "_group_perm_cache", "_user_perm_cache", "_uc_role", "_uc_codenames"):
        user.__dict__.pop(cache, None)


def roles_sync(**kwargs) -> None:
    """Makes each role's group hold exactly its permissions (`core.roles`); run after every migrate."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from core.models import Access

    ct = ContentType.objects.get_for_model(Access, for_concrete_model=False)
    perms = {}
    for codename, words in PERMISSIONS.items():
        perm, _ = Permission.objects.get_or_create(
            content_type=ct, codename=codename, defaults={"name": (words[0].upper() + words[1:])[:255]}
        )
        perms[codename] = perm
    for name, (_label, codenames) in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = {perms[c].pk for c in codenames}
        have = set(group.permissions.filter(content_type=ct).values_list("pk", flat=True))
        if wanted != have:
            other = list(group.permissions.exclude(content_type=ct))
            group.permissions.set([*other, *(perms[c] for c in codenames)])


def actor_label(user) -> str:
    """How audit fields name a person: `user:<email>`."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    return f"user:{user.email or user.get_username()}"
