"""Global search (the top bar's box): units by number, tenants by name, email or phone, properties by name or
code, leases by number — at most 20 typed results, scoped to the caller's properties (the default managers).

Every word of the query must match (a tenant "sam jam" is Samir James). Matching is `icontains`, answered on
PostgreSQL by trigram indexes (tenants/migrations/0005), so it stays fast on 100,000 leases
(benchmarks/bench_search.py)."""

from __future__ import annotations

import re

from django.db.models import Q

from properties.models import Properties
from tenants.models import TenantLease, Tenants
from units.models import UnitsUnit

LIMIT = 20
PER_KIND = {"property": 4, "unit": 6, "tenant": 6, "lease": 4}
MIN_CHARS = 2


def _words(q: str) -> list[str]:
    return [w for w in re.split(r"\s+", q.strip()) if w][:4]


def global_search(q: str) -> list[dict]:
    words = _words(q)
    if not words or len(" ".join(words)) < MIN_CHARS:
        return []
    results = _properties(words) + _units(words) + _tenants(words) + _leases(words)
    return results[:LIMIT]


def _all(words, fields) -> Q:
    """Every word matches at least one of `fields`."""
    q = Q()
    for w in words:
        any_field = Q()
        for f in fields:
            any_field |= Q(**{f"{f}__icontains": w})
        q &= any_field
    return q


def _properties(words) -> list[dict]:
    rows = Properties.objects.filter(_all(words, ["name", "code", "city"])).order_by("name")[: PER_KIND["property"]]
    return [
        {
            "kind": "property",
            "id": str(p.pk),
            "label": p.name,
            "sublabel": f"{p.city}, {p.state} · {p.total_units} units",
            "url": f"/properties/{p.pk}",
        }
        for p in rows
    ]


def _units(words) -> list[dict]:
    # A unit number is one word ("B-204"); other words may name the property ("B-204 aspen").
    number, rest = words[0], words[1:]
    qs = UnitsUnit.objects.filter(unit_number__icontains=number)
    if rest:
        qs = qs.filter(_all(rest, ["property__name"]))
    rows = qs.select_related("property").order_by("unit_number", "property__name")[: PER_KIND["unit"]]
    return [
        {
            "kind": "unit",
            "id": str(u.pk),
            "label": f"Unit {u.unit_number}",
            "sublabel": f"{u.property.name} · {_bedrooms(u.bedrooms)} · {u.get_status_display().lower()}",
            "url": f"/units/{u.pk}",
        }
        for u in rows
    ]


def _bedrooms(n) -> str:
    return "studio" if not n else f"{n} bed"


def _tenants(words) -> list[dict]:
    fields = ["first_name", "last_name", "email"]
    digits = re.sub(r"\D", "", "".join(words))
    q = _all(words, fields)
    if len(digits) >= 4 and len(digits) >= len("".join(words)) - 4:  # it looks like a phone number
        q |= Q(phone__icontains=digits)
    tenants = list(Tenants.objects.filter(q).order_by("last_name", "first_name")[: PER_KIND["tenant"]])
    leases = {}
    for lease in (
        TenantLease.objects.filter(tenant__in=tenants)
        .select_related("unit", "property")
        .order_by("tenant_id", "-lease_begin_date")
    ):
        leases.setdefault(lease.tenant_id, lease)
    out = []
    for t in tenants:
        lease = leases.get(t.pk)
        where = f"Unit {lease.unit.unit_number} · {lease.property.name}" if lease else "No lease"
        out.append(
            {
                "kind": "tenant",
                "id": str(t.pk),
                "label": t.full_name,
                "sublabel": f"{where} · {t.email}",
                "url": f"/units/{lease.unit_id}" if lease else "/lifecycle",
            }
        )
    return out


def _leases(words) -> list[dict]:
    rows = (
        TenantLease.objects.filter(lease_number__icontains=words[0])
        .select_related("tenant", "unit", "property")
        .order_by("lease_number")[: PER_KIND["lease"]]
    )
    return [
        {
            "kind": "lease",
            "id": str(lease.pk),
            "label": f"Lease {lease.lease_number}",
            "sublabel": f"{lease.tenant.full_name} · Unit {lease.unit.unit_number}, {lease.property.name} · "
            f"{lease.get_lease_status_display()}",
            "url": f"/lifecycle/{lease.pk}",
        }
        for lease in rows
    ]
