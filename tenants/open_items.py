"""A lease's open items: the things already in flight on it that another action must not contradict.

    renewal_offer         a renewal recommendation pending, approved or sent      (renewals registers it)
    rent_increase_notice  a rent increase notice that has not taken effect yet    (portfolio registers it)
    collection_case       an unresolved collections case (open or escalated)      (collections_app registers it)
    payment_plan          a payment plan proposed or in force                     (collections_app registers it)

`tenants` is the lowest app that every feature app can import, but it cannot import them (dependencies point
one way), so it owns the registry and the one read, and each feature app registers the provider for its
own kinds in its AppConfig.ready() — the one place it connects to tenants (as renewals/receivers.py does for
signals). Feature apps never import each other: the renewals scan sees the command center's rent increase
notices through `lease_open_items(kinds=...)`, and the command center sees everything through it too.

A provider is `provider(*, lease_ids: list, today: date) -> {lease_id: [OpenItem, ...]}` and runs a
fixed number of queries (one per kind) for the whole set: no per-lease queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils import timezone

RENEWAL_OFFER = "renewal_offer"
RENT_INCREASE_NOTICE = "rent_increase_notice"
COLLECTION_CASE = "collection_case"
PAYMENT_PLAN = "payment_plan"
KINDS = (RENEWAL_OFFER, RENT_INCREASE_NOTICE, COLLECTION_CASE, PAYMENT_PLAN)


@dataclass(frozen=True)
class OpenItem:
    kind: str  # one of KINDS
    lease_id: object
    object_id: str  # the owning app's record (renewal recommendation, notice, case, plan)
    status: str  # the record's own status word (pending/approved/sent, scheduled, open/escalated, active...)
    label: str  # what a manager reads on the row: "Renewal offer sent $891.00 (+8.0%)"
    amount: Decimal | None = None  # the figure in flight (offered rent, new rent, balance, instalment)
    change_pct: float | None = None  # rent change vs the current rent, in percent (offers and notices)
    date: datetime.date | None = None  # when it bites (offer start, notice effective date, plan start)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["lease_id"] = str(self.lease_id)
        data["amount"] = None if self.amount is None else str(self.amount)
        data["date"] = self.date.isoformat() if self.date else None
        return data


Provider = Callable[..., dict]
_providers: dict[str, Provider] = {}


def open_items_provider_register(*, kinds: Iterable[str], provider: Provider) -> None:
    """Called from a feature app's AppConfig.ready(): `provider` answers for `kinds` (idempotent)."""
    for kind in kinds:
        if kind not in KINDS:
            raise ValueError(f"Unknown open-item kind {kind!r}; add it to tenants.open_items.KINDS.")
        _providers[kind] = provider


def lease_open_items(*, lease_ids, today: datetime.date | None = None, kinds: Iterable[str] | None = None) -> dict:
    """{lease_id: [OpenItem, ...]} for the leases that have any, in KINDS order. One query per provider
    (a provider answering several kinds is called once), whatever the number of leases."""
    ids = list(dict.fromkeys(lease_ids))
    if not ids:
        return {}
    today = today or timezone.localdate()
    wanted = [k for k in KINDS if kinds is None or k in set(kinds)]
    out: dict = {}
    called: set = set()
    for kind in wanted:
        provider = _providers.get(kind)
        if provider is None or id(provider) in called:
            continue
        called.add(id(provider))
        for lease_id, items in provider(lease_ids=ids, today=today).items():
            out.setdefault(lease_id, []).extend(i for i in items if i.kind in wanted)
    order = {k: n for n, k in enumerate(KINDS)}
    return {lease_id: sorted(items, key=lambda i: order[i.kind]) for lease_id, items in out.items() if items}


def kinds_of(items: Iterable[OpenItem]) -> frozenset:
    return frozenset(i.kind for i in items)


def money_label(value) -> str:
    amount = Decimal(str(value or 0)).quantize(Decimal("0.01"))
    return f"${amount:,.2f}"


def pct_change(current, new) -> float | None:
    """(new − current) / current in percent, one decimal; None without a current rent."""
    if not current:
        return None
    return round(float((Decimal(new) - Decimal(current)) / Decimal(current) * 100), 1)
