import datetime
import re
from collections import Counter, defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q

from demo import seed as seed_module
from demo.bulk import bulk_load
from demo.seed import SEEDED_MODELS, plan_portfolio, portfolio_delete, portfolio_digest, seed_portfolio
from demo.seeding.common import add_months, apportion
from demo.tests import margins as M
from invoices.models import InvoiceLineItems, Invoices, Vendor
from predictive_maintenance.models import Equipment
from predictive_maintenance.rules import age_years
from properties.models import Properties
from tenants.balances import tenant_balances
from tenants.models import LeaseStatusLog, TenantLease, TenantLedgerEntry, Tenants
from units.models import UnitsMaintenance, UnitsUnit

# The seeded portfolio is generated relative to `today`: the tests pin theirs, so they do not depend on the
# calendar (demo/tests/test_seed_dates.py checks the statistical margins below hold on every date of the year).
TODAY = datetime.date(2026, 3, 18)
DAY = datetime.timedelta(days=1)
PHONE = re.compile(r"^\+1\d{3}55501\d{2}$")


def _split(qs=None, today=TODAY):
    qs = qs if qs is not None else TenantLease.objects.all()
    return {
        "current": qs.filter(lease_status="active", status="active", lease_end_date__gte=today).count(),
        "expired": qs.filter(lease_status="active", status="active", lease_end_date__lt=today).count(),
        "notice": qs.filter(lease_status="notice").count(),
        "vacant": qs.filter(lease_status="vacant").count(),
    }


def _expiring(days, today=TODAY):
    return TenantLease.objects.filter(
        lease_status="active", lease_end_date__gte=today, lease_end_date__lte=today + datetime.timedelta(days=days)
    ).count()


def _two_places(value) -> bool:
    return isinstance(value, Decimal) and value.as_tuple().exponent == -2


# --------------------------------------------------------------------------------------------------
# pure planning


def test_apportion_is_exact_and_proportional():
    assert apportion(4353, [2841, 1146, 87, 279]) == [2841, 1146, 87, 279]
    assert apportion(1000, [2841, 1146, 87, 279]) == [653, 263, 20, 64]
    for total in (1, 7, 99, 1000, 100_000):
        assert sum(apportion(total, [2841, 1146, 87, 279])) == total


@pytest.mark.parametrize("leases", [1, 23, 500, 4353, 100_000])
def test_plan_sums_exactly(leases):
    import random

    plan = plan_portfolio(random.Random(42), leases=leases)
    assert sum(p.units for p in plan.properties) == leases == len(plan.states)
    assert sum(plan.counts.values()) == leases
    assert Counter(plan.states) == {k: v for k, v in plan.counts.items() if v}
    assert len(plan.properties) == 23


def test_add_months_clamps_day():
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 3, 15), -12) == datetime.date(2024, 3, 15)


# --------------------------------------------------------------------------------------------------
# the default portfolio, with history: seeded once for the class


@pytest.fixture(scope="class")
def default_portfolio(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        summary = seed_portfolio(today=TODAY)
        try:
            yield summary
        finally:
            portfolio_delete()


@pytest.mark.django_db
@pytest.mark.usefixtures("default_portfolio")
class TestDefaultPortfolio:
    def test_summary(self, default_portfolio):
        assert default_portfolio["properties"] == 23
        assert default_portfolio["leases"] == default_portfolio["units"] == default_portfolio["tenants"] == 4353
        assert default_portfolio["lease_split"] == {"current": 2841, "expired": 1146, "notice": 87, "vacant": 279}
        assert default_portfolio["expiring"] == {"30_days": 142, "60_days": 298, "90_days": 451}

    def test_properties(self):
        assert Properties.objects.count() == 23
        for p in Properties.objects.annotate(n=Count("units"), b=Count("units__building", distinct=True)):
            assert p.total_units == p.n > 0
            assert p.building_count == p.b
            assert 1965 <= p.year_built <= 2022
            assert p.jurisdiction_state == p.state and p.jurisdiction_city == p.city
            assert p.manager_email.endswith("@example.com")
        assert Properties.objects.values("state").distinct().count() >= 10

    def test_exact_lease_split_and_one_lease_per_unit(self):
        assert TenantLease.objects.count() == UnitsUnit.objects.count() == Tenants.objects.count() == 4353
        assert _split() == {"current": 2841, "expired": 1146, "notice": 87, "vacant": 279}
        assert not UnitsUnit.objects.annotate(n=Count("leases")).exclude(n=1).exists()
        assert TenantLease.objects.values("tenant").distinct().count() == 4353

    def test_expiring_windows(self):
        assert (_expiring(30), _expiring(60), _expiring(90)) == (142, 298, 451)
        latest = TenantLease.objects.filter(lease_status="active").order_by("-lease_end_date").first()
        assert latest.lease_end_date <= TODAY + datetime.timedelta(days=430)

    def test_lifecycle_fields(self):
        leases = TenantLease.objects
        # the spec's starting point: the nightly agent has not run yet
        assert not leases.filter(lease_status="month_to_month").exists()
        assert not leases.filter(holdover_start_date__isnull=False).exists()
        expired = leases.filter(lease_status="active", lease_end_date__lt=TODAY)
        assert not expired.filter(lease_end_date__lt=TODAY - datetime.timedelta(days=550)).exists()
        for lease in leases.filter(lease_status="notice"):
            assert lease.status == "active"
            assert lease.notice_date < TODAY < lease.notice_move_out_date <= TODAY + datetime.timedelta(days=60)
            assert (lease.notice_move_out_date - lease.notice_date).days >= 30
            assert lease.lease_end_date < TODAY and lease.actual_move_out_date is None
        for lease in leases.filter(lease_status="vacant"):
            assert lease.status == "terminated"
            assert TODAY - datetime.timedelta(days=120) <= lease.actual_move_out_date < TODAY
            assert lease.lease_end_date < TODAY
        assert not leases.exclude(lease_status="vacant").filter(actual_move_out_date__isnull=False).exists()
        assert not leases.filter(lease_begin_date__gt=TODAY).exists()
        assert not leases.filter(move_in_date__gt=F("lease_begin_date")).exists()
        assert not leases.filter(lease_begin_date__gte=F("lease_end_date")).exists()
        terms = Counter(
            round((lease.lease_end_date - lease.lease_begin_date).days / 30.44)
            for lease in leases.only("lease_begin_date", "lease_end_date")
        )
        assert terms.most_common(1)[0][0] == 12 and {6, 18, 24} <= set(terms)
        assert len(set(leases.values_list("lease_number", flat=True))) == 4353

    def test_unit_status_follows_the_lease(self):
        assert UnitsUnit.objects.filter(status="vacant").count() == 279
        assert not UnitsUnit.objects.filter(status="vacant").exclude(leases__lease_status="vacant").exists()
        assert UnitsUnit.objects.filter(status="occupied").count() == 4353 - 279
        assert not UnitsUnit.objects.filter(status="occupied", leases__lease_status="vacant").exists()
        occupied = UnitsUnit.objects.filter(status="occupied")
        assert not occupied.exclude(current_rent=F("leases__monthly_rent_amount")).exists()
        assert all(re.fullmatch(r"[A-Z]+-\d{3,4}", n) for n in UnitsUnit.objects.values_list("unit_number", flat=True))

    def test_rent_gaps(self):
        gaps = [
            float((u.market_rent - u.current_rent) / u.market_rent)
            for u in UnitsUnit.objects.filter(status="occupied").only("market_rent", "current_rent")
        ]
        n = len(gaps)
        assert sum(0.025 <= g <= 0.125 for g in gaps) / n > 0.6  # most 3-12% below market
        assert sum(g <= 0 for g in gaps) / n > 0.05  # some at or above
        assert sum(g >= 0.17 for g in gaps) / n > 0.02  # a few ~20% below
        assert min(UnitsUnit.objects.values_list("market_rent", flat=True)) > 500

    def test_money_is_decimal_with_cents(self):
        samples = [
            *TenantLease.objects.values_list("monthly_rent_amount", "security_deposit")[:200],
            *UnitsUnit.objects.values_list("market_rent", "current_rent")[:200],
            *TenantLedgerEntry.objects.values_list("amount")[:500],
            *Invoices.objects.values_list("subtotal", "tax_amount", "total_amount")[:200],
            *InvoiceLineItems.objects.values_list("unit_price", "amount")[:200],
            *UnitsMaintenance.objects.filter(status="completed").values_list("estimated_cost", "actual_cost")[:200],
            *Vendor.objects.values_list("hourly_rate"),
            *Equipment.objects.values_list("replacement_cost")[:200],
        ]
        assert samples and all(_two_places(v) for row in samples for v in row)

    def test_identities_are_fictional(self):
        emails = [
            *Tenants.objects.values_list("email", flat=True),
            *Vendor.objects.values_list("email", flat=True),
            *Properties.objects.values_list("manager_email", flat=True),
        ]
        assert all(e.endswith("@example.com") for e in emails)
        assert len(set(Tenants.objects.values_list("email", flat=True))) == 4353
        phones = [
            *Tenants.objects.values_list("phone", flat=True),
            *Tenants.objects.values_list("emergency_contact_phone", flat=True),
            *Vendor.objects.values_list("phone", flat=True),
            *Properties.objects.values_list("phone", flat=True),
        ]
        assert all(PHONE.match(p) for p in phones)
        assert set(Tenants.objects.values_list("preferred_contact", flat=True)) == {"email", "sms", "phone"}

    def test_ledger_shape(self):
        entries = TenantLedgerEntry.objects
        assert not entries.filter(trans_date__gt=TODAY).exists()
        assert not entries.filter(trans_type="Charge", due_date__gt=TODAY, charge_code="rent").exists()
        rent = entries.filter(trans_type="Charge", charge_code="rent")
        first_of_month = rent.exclude(description__startswith="Rent (prorated)")
        assert all(d.day == 1 for d in first_of_month.values_list("trans_date", flat=True).distinct())
        assert not rent.exclude(due_date=F("trans_date")).exists()
        payments = entries.filter(trans_type="Payment")
        assert not payments.filter(applies_to__isnull=True).exists()
        assert not payments.exclude(due_date=F("applies_to__due_date")).exists()
        assert entries.filter(charge_code="late_fee").exists()
        # twelve months of rent for a tenant who has been there all year
        long_stay = TenantLease.objects.filter(
            lease_status="active", move_in_date__lt=add_months(TODAY.replace(day=1), -12)
        ).first()
        assert rent.filter(lease=long_stay).count() == 12
        # vacant leases stop at the move-out
        vacant = TenantLease.objects.filter(lease_status="vacant")
        assert not rent.filter(lease__in=vacant, trans_date__gt=F("lease__actual_move_out_date")).exists()
        assert not rent.filter(lease__in=vacant).values("lease").annotate(n=Count("id")).filter(n__gt=12).exists()

    def test_overdue_and_late_payers(self):
        balances = tenant_balances(as_of=TODAY)
        occupied = set(TenantLease.objects.exclude(lease_status="vacant").values_list("tenant_id", flat=True))
        overdue = {t for t, b in balances.items() if b["overdue"] > 0 and t in occupied}
        assert M.OVERDUE_SHARE[0] <= len(overdue) / len(occupied) <= M.OVERDUE_SHARE[1]  # ~4% currently overdue
        # some owe two or three months
        unpaid_months = Counter(
            TenantLedgerEntry.objects.filter(
                tenant_id__in=overdue,
                trans_type="Charge",
                charge_code="rent",
                settlements__isnull=True,
                due_date__lt=TODAY,
            ).values_list("tenant_id", flat=True)
        )
        assert any(n >= 2 for n in unpaid_months.values())
        assert TenantLedgerEntry.objects.filter(
            tenant_id__in=overdue, trans_type="Payment", amount__lt=F("applies_to__amount")
        ).exists()  # partial payments
        late = Counter(
            TenantLedgerEntry.objects.filter(trans_type="Payment", trans_date__gt=F("due_date")).values_list(
                "tenant_id", flat=True
            )
        )
        share_late = len(late) / 4353
        assert M.LATE_PAYER_SHARE[0] <= share_late <= M.LATE_PAYER_SHARE[1]  # ~20% pay late sometimes
        assert sum(n >= 6 for n in late.values()) >= M.CHRONIC_MIN * 4353  # some chronically
        days_late = [
            (p.trans_date - p.due_date).days
            for p in TenantLedgerEntry.objects.filter(trans_type="Payment", trans_date__gt=F("due_date"))
        ]
        assert max(days_late) <= M.MAX_DAYS_LATE
        # most pay on time: on or before the 1st
        on_time = TenantLedgerEntry.objects.filter(trans_type="Payment", trans_date__lte=F("due_date")).count()
        assert on_time / TenantLedgerEntry.objects.filter(trans_type="Payment").count() > M.ON_TIME_MIN

    def test_work_orders(self):
        wos = UnitsMaintenance.objects
        window = wos.filter(requested_date__gte=TODAY - datetime.timedelta(days=730), requested_date__lte=TODAY)
        assert window.count() == wos.count()
        per_unit_year = wos.count() / 4353 / 2
        assert M.WORK_ORDERS_PER_UNIT_YEAR[0] <= per_unit_year <= M.WORK_ORDERS_PER_UNIT_YEAR[1]
        open_share = wos.filter(status__in=["open", "assigned", "in_progress"]).count() / wos.count()
        assert M.OPEN_WORK_ORDER_SHARE[0] <= open_share <= M.OPEN_WORK_ORDER_SHARE[1]
        completed = wos.filter(status__in=["completed", "closed"])
        assert not completed.filter(Q(completed_date__isnull=True) | Q(actual_cost__isnull=True)).exists()
        assert not completed.filter(completed_date__gt=TODAY).exists()
        assert not completed.filter(completed_date__lt=F("requested_date")).exists()
        assert wos.filter(assigned_vendor__isnull=False).count() / wos.count() > 0.7
        # repeat issues: the same title 3+ times in a unit within 12 months
        repeats = (
            wos.filter(requested_date__gte=TODAY - datetime.timedelta(days=365))
            .values("unit", "title")
            .annotate(n=Count("id"))
            .filter(n__gte=3)
        )
        assert repeats.count() >= M.REPEAT_UNITS_MIN * 4353
        # seasonal HVAC: more per month in Jun-Aug and Dec-Feb
        by_month = Counter(d.month for d in wos.filter(category="hvac").values_list("requested_date", flat=True))
        peak = sum(by_month[m] for m in (6, 7, 8, 12, 1, 2))
        shoulder = sum(by_month[m] for m in (3, 4, 5, 9, 10, 11))
        assert peak > M.HVAC_PEAK_OVER_SHOULDER * shoulder
        make_ready = wos.filter(category="turnover", requested_date__gte=F("unit__leases__actual_move_out_date"))
        assert make_ready.count() == 279  # one per unit vacated

    def test_work_orders_in_the_flow(self):
        wos = UnitsMaintenance.objects
        assert set(wos.values_list("status", flat=True).distinct()) == {
            "open",
            "assigned",
            "in_progress",
            "completed",
            "closed",
            "cancelled",
        }
        assert not wos.filter(status="open", assigned_vendor__isnull=False).exists()
        assert not wos.filter(status="assigned", assigned_vendor__isnull=True).exists()
        assert not wos.filter(sla_due_date__isnull=True).exists()
        done = wos.filter(status__in=["completed", "closed"])
        assert not done.filter(technician_notes="").exists()
        assert not wos.exclude(status__in=["completed", "closed"]).exclude(technician_notes="").exists()
        closed = wos.filter(status="closed")
        assert not closed.filter(Q(closed_at__isnull=True) | Q(completed_date__gte=TODAY - 30 * DAY)).exists()
        assert not wos.filter(status="completed", completed_date__lt=TODAY - 30 * DAY).exists()
        assert all(c.date() > d for c, d in closed.values_list("closed_at", "completed_date")[:500])
        assert not wos.filter(status="cancelled", closed_at__isnull=True).exists()
        assert not wos.exclude(status__in=["closed", "cancelled"]).filter(closed_at__isnull=False).exists()
        # the lease in occupancy on the requested date (and its tenant); the seed has one lease per unit, so work
        # requested before the current tenant moved in (or after a move-out) links none (~59% linked)
        linked = wos.filter(lease__isnull=False)
        assert 0.5 < linked.count() / wos.count() < 0.7
        assert not linked.exclude(tenant_id=F("lease__tenant_id")).exists()
        assert not wos.filter(lease__isnull=True, tenant__isnull=False).exists()
        from tenants.selectors import lease_in_occupancy

        for wo in wos.order_by("work_order_number")[::97]:
            occupying = lease_in_occupancy(unit_id=wo.unit_id, on=wo.requested_date)
            assert wo.lease_id == (occupying.pk if occupying else None), wo.work_order_number

    def test_vendors_and_invoices(self):
        assert Vendor.objects.count() == 25
        assert Vendor.objects.order_by().values("trade").distinct().count() == 10
        soon = Vendor.objects.filter(insurance_expiry__gte=TODAY, insurance_expiry__lte=TODAY + 30 * DAY).count()
        assert M.INSURANCE_EXPIRING_30_DAYS[0] <= soon <= M.INSURANCE_EXPIRING_30_DAYS[1]
        assert not Vendor.objects.filter(license_expiry__isnull=True).exists()
        assert Vendor.objects.filter(license_expiry__range=(TODAY, TODAY + 30 * DAY)).count() == 1
        invoices = Invoices.objects
        completed_with_vendor = UnitsMaintenance.objects.filter(
            status__in=["completed", "closed"], assigned_vendor__isnull=False
        )
        assert invoices.count() / completed_with_vendor.count() > M.INVOICED_SHARE_MIN
        lines = defaultdict(Decimal)  # summed in Python: SQLite sums decimals as floats
        for invoice_id, amount in InvoiceLineItems.objects.values_list("invoice_id", "amount"):
            lines[invoice_id] += amount
        assert all(lines[i] == subtotal for i, subtotal in invoices.values_list("id", "subtotal"))
        assert all(t == s + x for s, x, t in invoices.values_list("subtotal", "tax_amount", "total_amount"))
        assert not invoices.exclude(work_order__actual_cost=F("total_amount")).exists()
        assert not invoices.exclude(vendor=F("work_order__assigned_vendor")).exists()
        assert not invoices.filter(invoice_date__gt=TODAY).exists()
        assert not invoices.filter(invoice_date__lt=F("work_order__completed_date")).exists()
        assert set(invoices.values_list("status", flat=True)) == {"received", "approved", "paid", "rejected"}
        # who/when of the workflow: older bills paid, the last two weeks' mostly waiting for review
        old, recent = (
            invoices.filter(invoice_date__lt=TODAY - 45 * DAY),
            invoices.filter(invoice_date__gt=TODAY - 14 * DAY),
        )
        assert old.filter(status="paid").count() > 0.85 * old.count()
        assert recent.filter(status="received").count() > 0.5 * recent.count()
        paid = invoices.filter(status="paid")
        assert not paid.filter(
            Q(paid_date__isnull=True) | Q(approved_at__isnull=True) | Q(payment_reference="")
        ).exists()
        assert not paid.filter(Q(paid_date__lt=F("invoice_date")) | Q(paid_date__gt=TODAY)).exists()
        assert (
            not invoices.filter(status="received").exclude(approved_at=None, paid_date=None, rejected_at=None).exists()
        )
        assert not invoices.filter(status="rejected", rejection_reason="").exists()
        assert all(a.date() <= p for a, p in paid.values_list("approved_at", "paid_date")[:500])  # approved, then paid
        for line in InvoiceLineItems.objects.all()[:300]:
            assert line.amount == (line.quantity * line.unit_price).quantize(Decimal("0.01"))

    def test_equipment(self):
        per_unit = Equipment.objects.filter(unit__isnull=False).values("unit").annotate(n=Count("id"))
        assert per_unit.count() == 4353 and {r["n"] for r in per_unit} == {3}
        assert set(Equipment.objects.filter(unit__isnull=True).values_list("equipment_type", flat=True)) >= {"roof"}
        # where it stands: a unit's equipment in the unit's building; building-level equipment names its building
        assert not Equipment.objects.filter(unit__isnull=False).exclude(building=F("unit__building")).exists()
        assert not Equipment.objects.filter(unit__isnull=True, building="").exists()
        for e in Equipment.objects.all()[:500]:
            assert e.age_years == age_years(e.install_date, TODAY)
            assert e.install_date <= TODAY
            assert e.install_date.year >= e.property_ref.year_built
        warranted = Equipment.objects.filter(warranty_expiration__gte=TODAY).count()
        assert M.WARRANTED_SHARE[0] < warranted / Equipment.objects.count() < M.WARRANTED_SHARE[1]
        lifespans = dict(Equipment.objects.values_list("equipment_type", "expected_lifespan_years").distinct())
        assert lifespans["hvac"] == 15 and lifespans["water_heater"] == 11
        assert Equipment.objects.filter(age_years__gt=F("expected_lifespan_years")).exists()


# --------------------------------------------------------------------------------------------------
# the command: empty database per test


def _seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, "--today", TODAY.isoformat(), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_command_seeds_prints_summary_and_creates_the_manager_login():
    out = _seed("--no-history")
    assert "Seeded the demo portfolio" in out and "4,353" in out
    assert _split() == {"current": 2841, "expired": 1146, "notice": 87, "vacant": 279}
    assert not TenantLedgerEntry.objects.exists() and not UnitsMaintenance.objects.exists()
    user = get_user_model().objects.get(email=settings.DEMO_EMAIL)
    assert user.check_password(settings.DEMO_PASSWORD) and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["property_manager"]
    assert user.property_access.all_properties
    # one login per role next to it, and a manager scoped to the first two properties by name
    emails = set(get_user_model().objects.values_list("email", flat=True))
    for local in ("admin", "leasing", "maintenance", "accounting", "readonly", "scoped"):
        assert f"{local}@unitcycle.local" in emails
    scoped = get_user_model().objects.get(email="scoped@unitcycle.local")
    first_two = list(Properties.objects.order_by("name").values_list("name", flat=True)[:2])
    assert sorted(scoped.property_access.properties.values_list("name", flat=True)) == sorted(first_two)


@pytest.mark.django_db
def test_command_refuses_a_second_run_without_reset():
    _seed("--leases", "50", "--no-history")
    with pytest.raises(CommandError, match="--reset"):
        _seed("--leases", "50", "--no-history")
    assert TenantLease.objects.count() == 50


@pytest.mark.django_db
def test_command_if_empty_is_a_no_op_when_data_exists():
    _seed("--leases", "50", "--no-history")
    digest = portfolio_digest()
    out = _seed("--leases", "80", "--seed", "7", "--if-empty")
    assert out.strip() == "Demo data already present; skipping."
    assert TenantLease.objects.count() == 50 and portfolio_digest() == digest


@pytest.mark.django_db
def test_reset_reseeds_identically_and_clears_dependent_rows():
    _seed("--leases", "400")
    first = portfolio_digest()
    lease = TenantLease.objects.first()
    LeaseStatusLog.objects.create(lease=lease, previous_status="active", new_status="month_to_month")
    _seed("--leases", "400", "--reset")
    assert portfolio_digest() == first
    # only the demo's own lease moves (the re-let units' previous tenancy, demo.turnover) are logged again
    assert not LeaseStatusLog.objects.exclude(changed_by="demo:turnover").exists()
    assert TenantLedgerEntry.objects.exists()
    _seed("--leases", "400", "--reset", "--seed", "43")
    assert portfolio_digest() != first


@pytest.mark.django_db
def test_default_size_is_deterministic_without_history():
    seed_portfolio(today=TODAY, with_history=False)
    first = portfolio_digest()
    ids = set(TenantLease.objects.values_list("id", flat=True))
    portfolio_delete()
    assert not Properties.objects.exists()
    seed_portfolio(today=TODAY, with_history=False)
    assert portfolio_digest() == first
    assert set(TenantLease.objects.values_list("id", flat=True)) == ids


@pytest.mark.django_db
def test_history_does_not_change_the_leases():
    def leases():
        return list(
            TenantLease.objects.order_by("lease_number").values_list("id", "lease_number", "monthly_rent_amount")
        )

    seed_portfolio(leases=300, today=TODAY, with_history=False)
    without = leases()
    portfolio_delete()
    seed_portfolio(leases=300, today=TODAY, with_history=True)
    assert leases() == without


@pytest.mark.django_db
def test_1000_leases_keep_the_proportions():
    _seed("--leases", "1000", "--no-history")
    assert TenantLease.objects.count() == UnitsUnit.objects.count() == 1000
    assert _split() == {"current": 653, "expired": 263, "notice": 20, "vacant": 64}
    assert (_expiring(30), _expiring(60), _expiring(90)) == (33, 69, 104)
    assert Properties.objects.count() == 23
    assert sum(Properties.objects.values_list("total_units", flat=True)) == 1000
    # the mix differs by property: some have far more holdovers than others
    share = defaultdict(lambda: [0, 0])
    for prop, status, end in TenantLease.objects.values_list("property_id", "lease_status", "lease_end_date"):
        share[prop][1] += 1
        share[prop][0] += status == "active" and end < TODAY
    ratios = [a / n for a, n in share.values() if n >= 20]
    assert max(ratios) - min(ratios) > 0.2


@pytest.mark.django_db
def test_fast_writer_stores_the_same_rows_as_bulk_create(monkeypatch):
    def dump():
        out = {}
        for model in SEEDED_MODELS:
            names = [f.attname for f in model._meta.concrete_fields if f.attname not in ("created_at", "updated_at")]
            out[model._meta.db_table] = list(model.objects.order_by("pk").values_list(*names))
        return out

    seed_portfolio(leases=60, today=TODAY)
    fast = dump()
    stamps = list(InvoiceLineItems.objects.order_by("created_at").values_list("created_at", flat=True))
    assert len(set(stamps)) == len(stamps)  # one increasing timestamp per row, like bulk_create
    portfolio_delete()
    monkeypatch.setattr(seed_module, "INSERT_MODE", "orm")
    seed_portfolio(leases=60, today=TODAY)
    assert dump() == fast
    assert all(fast[m._meta.db_table] for m in SEEDED_MODELS)


def _schema():
    with connection.cursor() as cursor:
        return {
            m._meta.db_table: {
                name: (tuple(c["columns"]), c["unique"], c["primary_key"], c["index"], c["foreign_key"])
                for name, c in connection.introspection.get_constraints(cursor, m._meta.db_table).items()
            }
            for m in SEEDED_MODELS
        }


@pytest.mark.django_db
def test_bulk_load_restores_indexes_and_foreign_keys():
    before = _schema()
    assert any(c[3] and not c[1] for c in before["tenant_ledger_entry"].values())  # has plain indexes
    with transaction.atomic():  # the caller catches the failure and carries on
        with pytest.raises(RuntimeError, match="load failed"), bulk_load(SEEDED_MODELS):
            assert _schema() != before
            raise RuntimeError("load failed")
        assert _schema() == before  # bulk_load's own savepoint restored what it dropped
    seed_portfolio(leases=30, today=TODAY)
    assert _schema() == before
