"""Who may call an endpoint: every API view declares one of these in `permission_classes`.

- `Requires("view_ledger")`: a signed-in person whose role has that permission (`core.roles`); with
  `write="record_payments"`, unsafe methods (POST, PUT, PATCH, DELETE) need that one instead.
  `Requires(any_of("view_invoices", "view_maintenance"))`: either one will do (the vendor list serves the
  invoices people and the maintenance people); the schema shows it as `view_invoices|view_maintenance`.
- `SignedIn`: any signed-in person, whatever their role (their own account, devices, a job they polled).
- `Public(reason)`: nobody needs to sign in (health, sign-in itself); the reason is in the API docs.

A view that declares nothing gets `Undeclared` (settings' default) and refuses everyone, and
`tests/test_access_matrix.py` walks the OpenAPI schema and the URL conf to keep it that way.

Passing the check also sets the caller's portfolio scope for the rest of the request (`core.scoping`).
"""

from __future__ import annotations

import copy

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core import scoping
from core.roles import PERMISSIONS, ROLES, role_label

APP_LABEL = "core"  # the permissions live on core.Access (no table)


class _Declared(BasePermission):
    """Instances stand in `permission_classes`: DRF calls each entry and gets a fresh copy per request."""

    kind = "declared"

    def __call__(self):
        return copy.copy(self)

    def describe(self) -> str:
        raise NotImplementedError


ANY_OF_SEPARATOR = "|"


def any_of(*codenames: str) -> str:
    """One requirement met by any of `codenames` ("view_invoices|view_maintenance"), for `Requires`."""
    if len(codenames) < 2:
        raise ValueError("any_of needs at least two permissions; pass a single one to Requires directly.")
    return ANY_OF_SEPARATOR.join(codenames)


def alternatives(requirement: str) -> tuple[str, ...]:
    """The permissions of which one meets `requirement` ("a|b" -> ("a", "b"); "a" -> ("a",))."""
    return tuple(requirement.split(ANY_OF_SEPARATOR))


class Requires(_Declared):
    kind = "role"

    def __init__(self, read: str, *, write: str | None = None):
        for requirement in (read, write):
            for codename in alternatives(requirement) if requirement is not None else ():
                if codename not in PERMISSIONS:
                    raise ValueError(f"Unknown permission {codename!r}; add it to core.roles.PERMISSIONS.")
        self.read = read
        self.write = write or read

    def needed(self, method: str) -> str:
        return self.read if method in SAFE_METHODS else self.write

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        options = alternatives(self.needed(request.method))
        held = user_codenames(user)
        if not any(codename in held for codename in options):
            role = user_role(user)
            self.message = f"Your role ({role_label(role)}) can't {' or '.join(PERMISSIONS[c] for c in options)}."
            return False
        scoping.activate(user)
        return True

    def describe(self) -> str:
        if self.write == self.read:
            return self.read
        return f"{self.read} (read), {self.write} (write)"

    def __repr__(self) -> str:
        return f"Requires({self.describe()})"


class SignedIn(_Declared):
    kind = "signed_in"

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        scoping.activate(user)
        return True

    def describe(self) -> str:
        return "signed in (any role)"


class Public(_Declared):
    kind = "public"

    def __init__(self, reason: str):
        self.reason = reason

    def has_permission(self, request, view) -> bool:
        return True

    def describe(self) -> str:
        return f"public: {self.reason}"


class Undeclared(BasePermission):
    """The default: a view that forgot to declare who may call it answers 403 to everyone."""

    message = "This endpoint declares no permission, so nobody may call it."

    def has_permission(self, request, view) -> bool:
        return False


def declared_permissions(view) -> list[_Declared]:
    return [p for p in getattr(view, "permission_classes", []) if isinstance(p, _Declared)]


def user_role(user) -> str | None:
    """The person's role: the first of their groups that is a role (one role per person)."""
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_uc_role", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = next((r for r in ROLES if r in names), None)
    if role is None and user.is_superuser:
        role = "administrator"
    user._uc_role = role
    return role


def user_codenames(user) -> frozenset[str]:
    """The person's permission codenames (through their role's group or given directly), one query, cached on
    the user object for the request. An inactive account holds none; a superuser holds all."""
    cached = getattr(user, "_uc_codenames", None)
    if cached is not None:
        return cached
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    if not user.is_active:
        codenames = frozenset()
    elif user.is_superuser:
        codenames = frozenset(PERMISSIONS)
    else:
        codenames = frozenset(
            Permission.objects.filter(content_type__app_label=APP_LABEL)
            .filter(Q(group__user=user) | Q(user=user))
            .values_list("codename", flat=True)
            .distinct()
        )
    user._uc_codenames = codenames
    return codenames


def user_permissions(user) -> list[str]:
    """The permission codenames the person holds, in the matrix's order."""
    held = user_codenames(user)
    return [p for p in PERMISSIONS if p in held]


# What the access check adds to a request that reads scoped records: the caller's permissions (one query) and
# their properties (one query, on first use). Query-count tests add it to their bounds.
ACCESS_QUERIES = 2
