"""Tenant balances from the ledger, set-based: one aggregate query for any number of tenants.

balance = charges - payments - credits.
overdue = charges already due (due_date < as_of) - payments - credits, floored at 0
          (payments settle the oldest charges first).
"""

import datetime
from decimal import Decimal

from django.db.models import Case, DecimalField, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from tenants.models import TenantLedgerEntry

ZERO = Decimal("0.00")
_MONEY = DecimalField(max_digits=14, decimal_places=2)


def _sum(condition: Q):
    return Coalesce(
        Sum(Case(When(condition, then="amount"), default=Value(ZERO), output_field=_MONEY)),
        Value(ZERO),
        output_field=_MONEY,
    )


def ledger_balance_annotations(*, as_of: datetime.date | None = None, prefix: str = "") -> dict:
    """Aggregate expressions over ledger rows (use with .values('tenant_id').annotate(**...))."""
    as_of = as_of or datetime.date.today()
    p = prefix
    charge = Q(**{f"{p}trans_type": TenantLedgerEntry.TransType.CHARGE})
    paid = Q(**{f"{p}trans_type__in": [TenantLedgerEntry.TransType.PAYMENT, TenantLedgerEntry.TransType.CREDIT]})
    due = charge & Q(**{f"{p}due_date__lt": as_of})
    return {"charges": _sum(charge), "paid": _sum(paid), "charges_due": _sum(due)}


def tenant_balances(*, tenant_ids=None, as_of: datetime.date | None = None) -> dict:
    """{tenant_id: {"balance": Decimal, "overdue": Decimal}} for the given tenants (all when None)."""
    qs = TenantLedgerEntry.objects.all()
    if tenant_ids is not None:
        qs = qs.filter(tenant_id__in=list(tenant_ids))
    rows = qs.values("tenant_id").annotate(**ledger_balance_annotations(as_of=as_of))
    out = {}
    for r in rows:
        balance = r["charges"] - r["paid"]
        overdue = max(ZERO, r["charges_due"] - r["paid"])
        out[r["tenant_id"]] = {"balance": balance.quantize(ZERO), "overdue": overdue.quantize(ZERO)}
    return out


def tenant_balance(*, tenant_id, as_of: datetime.date | None = None) -> dict:
    return tenant_balances(tenant_ids=[tenant_id], as_of=as_of).get(tenant_id, {"balance": ZERO, "overdue": ZERO})
