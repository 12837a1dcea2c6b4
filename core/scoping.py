"""Portfolio scoping: a person sees only the properties they are assigned (or all of them).

One mechanism, not per view. A scoped model's default manager (`ScopedManager`) filters every queryset by the
*current scope*; the scope is set for the rest of an API request once its permission check passes
(`core.permissions.Requires` calls `activate(user)`) and cleared when the request ends (`ScopeMiddleware`).
So every selector, detail fetch, export, bulk-action selection and search made while serving a request sees
only the caller's properties, and an id outside them is simply not found (404). Outside a request — agents,
Celery tasks, management commands, the admin of an all-properties administrator — there is no scope and the
portfolio is whole; `unscoped()` makes that explicit inside a request (a job started from the API).

Which properties a person may see is answered by the callable named in `settings.PORTFOLIO_SCOPE_RESOLVER`
(`properties.selectors.user_property_ids`: None for every property, else a set of property ids), so `core`
imports no feature. Each scoped model says how it reaches a property: `scope_property = "property_id"` (a
field path), or a classmethod `scope_q(property_ids, scope) -> Q`; a model of `core` (messages) gets its rule from
the app that knows the way (`register_rule`). A scoped model without a rule shows nothing (fails closed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string


class Scope:
    """Who is asking and which properties they see; the properties are looked up on first use (a request that
    reads no scoped record costs no query)."""

    _UNSET = object()

    def __init__(self, user):
        self.user = user
        self.user_id = user.pk
        self.email = user.email or user.get_username()
        self._ids = self._UNSET

    @property
    def property_ids(self) -> frozenset | None:  # None: every property
        if self._ids is self._UNSET:
            self._ids = user_property_ids(self.user)
        return self._ids

    @property
    def everything(self) -> bool:
        return self.property_ids is None


_current: ContextVar[Scope | None] = ContextVar("portfolio_scope", default=None)
_rules: dict[str, Callable[..., models.Q]] = {}


def user_property_ids(user) -> frozenset | None:
    """The properties `user` may see (None = all), from the configured resolver."""
    resolver = import_string(settings.PORTFOLIO_SCOPE_RESOLVER)
    ids = resolver(user)
    return None if ids is None else frozenset(ids)


def user_properties(user) -> list[dict] | None:
    """The properties `user` may see as `[{id, name}]` by name (None = all), for the SPA's scope label."""
    ids = user_property_ids(user)
    if ids is None:
        return None
    describe = import_string(settings.PORTFOLIO_SCOPE_DESCRIBER)
    return describe(ids)


def activate(user) -> Scope:
    """Sets the caller's scope for the rest of this request (idempotent within a request)."""
    scope = _current.get()
    if scope is not None and scope.user_id == user.pk:
        return scope
    scope = Scope(user)
    _current.set(scope)
    return scope


def current() -> Scope | None:
    return _current.get()


def clear() -> None:
    _current.set(None)


@contextmanager
def unscoped():
    """The whole portfolio inside this block (an agent started from a request)."""
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def scoped_to(user):
    """`user`'s scope inside this block (tests, a command acting for someone)."""
    token = _current.set(None)
    try:
        activate(user)
        yield current()
    finally:
        _current.reset(token)


def register_rule(label: str, rule: Callable[..., models.Q]) -> None:
    """How records of model `label` ("app_label.ModelName") reach a property, for a model that can't say itself."""
    _rules[label.lower()] = rule


def scope_q(model, property_ids: frozenset, scope: Scope | None = None) -> models.Q | None:
    """The filter that keeps `model`'s records inside `property_ids` (None: no rule, show nothing)."""
    if hasattr(model, "scope_q"):
        return model.scope_q(property_ids, scope)
    path = getattr(model, "scope_property", None)
    if path:
        return models.Q(**{f"{path}__in": property_ids})
    rule = _rules.get(model._meta.label_lower)
    return rule(property_ids, scope) if rule else None


def restrict(qs: models.QuerySet, scope: Scope | None = None) -> models.QuerySet:
    """`qs` limited to the current scope (the ScopedManager does this for every default queryset)."""
    scope = scope if scope is not None else _current.get()
    if scope is None or scope.everything:
        return qs
    q = scope_q(qs.model, scope.property_ids, scope)
    return qs.none() if q is None else qs.filter(q)


class ScopedManager(models.Manager):
    """Default manager of every model that belongs to a property: filtered by the current scope."""

    def get_queryset(self):
        return restrict(super().get_queryset())


def in_scope_ids(model, ids: Iterable) -> set:
    """Which of `ids` the current scope can see (bulk selections)."""
    return set(model.objects.filter(pk__in=list(ids)).values_list("pk", flat=True))


class ScopeMiddleware:
    """Clears the scope when a request ends, so nothing carries over to the next one on this thread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(None)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
