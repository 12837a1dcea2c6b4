"""Payment-history counts per tenant, set-based (one grouped query each), shared by renewals (churn
factor 1) and collections (risk profile)."""

import datetime

from django.db.models import Count, F, Q

from tenants.models import TenantLedgerEntry

T = TenantLedgerEntry.TransType


def twelve_months_before(today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def payment_history_counts(*, tenant_ids=None, since: datetime.date, until: datetime.date | None = None) -> dict:
    """{tenant_id: {"charges": n, "late_payments": n}} over entries with trans_date in [since, until].

    charges       = Charge entries (any charge code), as the spec's churn factor counts them;
    late_payments = Payment entries whose trans_date is after the due_date of the charge they settle.
    Tenants with no entries are absent (treat as zeros)."""
    qs = TenantLedgerEntry.objects.filter(trans_date__gte=since)
    if until is not None:
        qs = qs.filter(trans_date__lte=until)
    if tenant_ids is not None:
        qs = qs.filter(tenant_id__in=list(tenant_ids))
    rows = qs.values("tenant_id").annotate(
        charges=Count("id", filter=Q(trans_type=T.CHARGE)),
        late_payments=Count("id", filter=Q(trans_type=T.PAYMENT, due_date__isnull=False, trans_date__gt=F("due_date"))),
    )
    return {r["tenant_id"]: {"charges": r["charges"], "late_payments": r["late_payments"]} for r in rows}
