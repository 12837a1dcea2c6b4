from django.contrib.auth import authenticate, get_user_model
from rest_framework.authtoken.models import Token

from core.exceptions import ApplicationError


def auth_token_obtain(*, email: str, password: str) -> str:
    """Returns the user's API token for a valid email/password; raises ApplicationError otherwise."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email.strip()).first()
    username = user.get_username() if user else email.strip()
    authed = authenticate(username=username, password=password)
    if authed is None or not authed.is_active:
        raise ApplicationError("Unable to log in with the provided email and password.", status_code=401)
    token, _ = Token.objects.get_or_create(user=authed)
    return token.key


def auth_token_revoke(*, user) -> None:
    Token.objects.filter(user=user).delete()


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
