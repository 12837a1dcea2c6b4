"""Work-order services: create (lease/tenant in occupancy), update, transition, files; each writes its event."""

import datetime
import io
from decimal import Decimal

import pytest
from PIL import Image

from core.exceptions import ApplicationError
from core.files.services import file_store
from invoices.tests.factories import VendorFactory
from tenants.tests.factories import LeaseFactory
from units.models import UnitsMaintenance, WorkOrderEvent, WorkOrderFile
from units.services import (
    work_order_create,
    work_order_file_attach,
    work_order_file_remove,
    work_order_transition,
    work_order_update,
)
from units.tests.factories import UnitFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
ACTOR = {"actor": "user:pat@example.com", "actor_name": "Pat Manager"}


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def lease(unit):
    """The tenant living in `unit` since 200 days ago."""
    return LeaseFactory(unit=unit, lease_begin_date=TODAY - 200 * DAY)


def events(wo):
    return list(WorkOrderEvent.objects.filter(work_order=wo).order_by("created_at").values_list("kind", "message"))


def transition(wo, status, **kw):
    return work_order_transition(work_order=wo, status=status, **ACTOR, **kw)


# --- create ------------------------------------------------------------------------------------------------


def test_create_links_the_lease_in_occupancy_and_its_tenant(unit, lease):
    wo = work_order_create(unit=unit, title="Dripping faucet", **ACTOR)
    wo.refresh_from_db()
    assert (wo.lease, wo.tenant, wo.status) == (lease, lease.tenant, "open")
    assert wo.sla_due_date == TODAY + 7 * DAY  # medium
    assert events(wo) == [("created", f"Opened for unit {unit.unit_number}.")]
    event = wo.events.get()
    assert (event.actor, event.actor_name, event.to_status) == ("user:pat@example.com", "Pat Manager", "open")


def test_create_before_the_lease_began_links_nobody(unit, lease):
    wo = work_order_create(unit=unit, title="Make-ready paint", requested_date=TODAY - 365 * DAY)
    assert wo.lease is None and wo.tenant is None


def test_create_with_a_given_lease_and_tenant(unit, lease):
    earlier = LeaseFactory(unit=unit, lease_begin_date=TODAY - 900 * DAY, lease_end_date=TODAY - 300 * DAY)
    wo = work_order_create(unit=unit, title="Broken blind", lease=earlier.pk)
    assert (wo.lease, wo.tenant) == (earlier, earlier.tenant)  # the tenant follows the lease
    wo = work_order_create(unit=unit, title="Broken blind", lease=lease, tenant=earlier.tenant_id)
    assert (wo.lease, wo.tenant) == (lease, earlier.tenant)
    wo = work_order_create(unit=unit, title="Hallway light", lease=None)
    assert (wo.lease, wo.tenant) == (None, None)
    wo = work_order_create(unit=unit, title="Hallway light", tenant=None)
    assert (wo.lease, wo.tenant) == (lease, None)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lease": "other"}, "not a lease of this unit"),
        ({"tenant": "other"}, "has no lease on this unit"),
        ({"assigned_vendor": "inactive"}, "no longer an active vendor"),
        ({"assigned_vendor": "00000000-0000-0000-0000-000000000000"}, "Vendor not found"),
        ({"requested_date": TODAY + 4 * DAY}, "at most 3 days ahead"),
        ({"requested_date": TODAY - 6 * 365 * DAY}, "at most 5 years back"),
        ({"estimated_cost": Decimal("-1")}, "can't be negative"),
        ({"estimated_cost": Decimal("1.005")}, "at most 2 decimal places"),
        ({"estimated_cost": Decimal("1000000.01")}, "at most 1,000,000.00"),
        ({"scheduled_date": TODAY - DAY}, "cannot be before"),
    ],
)
def test_create_refuses(unit, lease, kwargs, message):
    other = LeaseFactory()
    if kwargs.get("lease") == "other":
        kwargs["lease"] = other.pk
    if kwargs.get("tenant") == "other":
        kwargs["tenant"] = other.tenant_id
    if kwargs.get("assigned_vendor") == "inactive":
        kwargs["assigned_vendor"] = VendorFactory(is_active=False).pk
    with pytest.raises(ApplicationError, match=message):
        work_order_create(unit=unit, title="x", **kwargs)
    assert not UnitsMaintenance.objects.exists()


def test_create_with_a_vendor_starts_assigned_and_takes_zero_as_an_estimate(unit):
    vendor = VendorFactory(name="ProFlow Plumbing")
    wo = work_order_create(
        unit=unit, title="Clogged drain", priority="emergency", assigned_vendor=vendor.pk, estimated_cost=Decimal("0")
    )
    assert (wo.status, wo.assigned_vendor, wo.estimated_cost) == ("assigned", vendor, Decimal("0"))
    assert wo.sla_due_date == TODAY + DAY
    assert events(wo) == [("created", f"Opened for unit {unit.unit_number}, assigned to ProFlow Plumbing.")]


# --- update ------------------------------------------------------------------------------------------------


def test_update_changes_fields_and_says_which(unit, lease):
    wo = work_order_create(unit=unit, title="Faucet", priority="low")
    wo = work_order_update(
        work_order=wo,
        title="Kitchen faucet",
        priority="high",
        description="Drips at night",
        estimated_cost="120.50",
        scheduled_date=TODAY + 2 * DAY,
        **ACTOR,
    )
    wo.refresh_from_db()
    assert (wo.title, wo.priority, wo.estimated_cost) == ("Kitchen faucet", "high", Decimal("120.50"))
    assert wo.sla_due_date == TODAY + 3 * DAY  # follows the priority
    kind, message = events(wo)[-1]
    assert kind == "updated"
    assert "Title: Faucet → Kitchen faucet" in message and "priority: low → high" in message
    assert "description changed" in message and "estimated cost: none → $120.50" in message
    # nothing new: no event
    before = len(events(wo))
    work_order_update(work_order=wo, title="Kitchen faucet", priority="high")
    assert len(events(wo)) == before


def test_technician_notes_are_a_note_event(unit):
    wo = work_order_create(unit=unit, title="Outlet dead")
    work_order_update(work_order=wo, technician_notes="Tripped GFCI in the bathroom; reset.", **ACTOR)
    assert events(wo)[-1] == ("note", "Tripped GFCI in the bathroom; reset.")


def test_giving_an_open_order_a_vendor_assigns_it_and_taking_it_off_opens_it(unit):
    vendor = VendorFactory(name="Sparks Electric")
    wo = work_order_create(unit=unit, title="Outlet dead")
    wo = work_order_update(work_order=wo, assigned_vendor=vendor.pk, **ACTOR)
    assert wo.status == "assigned"
    assert events(wo)[-1] == ("status", "Assigned to Sparks Electric.")
    wo = work_order_update(work_order=wo, assigned_vendor=None, **ACTOR)
    assert (wo.status, wo.assigned_vendor) == ("open", None)
    assert wo.events.filter(kind="status").count() == 2


def test_a_new_requested_date_moves_the_automatic_lease_but_not_an_override(unit):
    old = LeaseFactory(
        unit=unit,
        lease_begin_date=TODAY - 900 * DAY,
        lease_status="vacant",
        status="terminated",
        actual_move_out_date=TODAY - 100 * DAY,
    )
    new = LeaseFactory(unit=unit, lease_begin_date=TODAY - 90 * DAY)
    wo = work_order_create(unit=unit, title="Carpet stain", requested_date=TODAY)
    assert wo.lease == new
    wo = work_order_update(work_order=wo, requested_date=TODAY - 200 * DAY)
    assert (wo.lease, wo.tenant) == (old, old.tenant)
    assert wo.sla_due_date == TODAY - 193 * DAY
    wo = work_order_update(work_order=wo, lease=new.pk)  # an override
    assert (wo.lease, wo.tenant) == (new, new.tenant)
    wo = work_order_update(work_order=wo, requested_date=TODAY - 300 * DAY)
    assert wo.lease == new  # kept: it was chosen, not derived


def test_update_refuses(unit, lease):
    wo = work_order_create(unit=unit, title="x", requested_date=TODAY - 10 * DAY, scheduled_date=TODAY - 5 * DAY)
    with pytest.raises(ApplicationError, match="scheduled date cannot be before"):
        work_order_update(work_order=wo, requested_date=TODAY - 2 * DAY)
    with pytest.raises(ApplicationError, match="needs a title"):
        work_order_update(work_order=wo, title="  ")
    with pytest.raises(ApplicationError, match="not a lease of this unit"):
        work_order_update(work_order=wo, lease=LeaseFactory().pk)
    transition(wo, "cancelled")
    with pytest.raises(ApplicationError, match="is cancelled; it can no longer be changed"):
        work_order_update(work_order=wo, title="y")


# --- transitions -------------------------------------------------------------------------------------------


def test_the_whole_flow_with_events(unit):
    vendor = VendorFactory(name="ProFlow Plumbing")
    wo = work_order_create(unit=unit, title="Leak", requested_date=TODAY - 3 * DAY)
    wo = transition(wo, "assigned", assigned_vendor=vendor.pk)
    assert (wo.status, wo.assigned_vendor) == ("assigned", vendor)
    wo = transition(wo, "in_progress")
    wo = transition(wo, "completed", actual_cost=Decimal("245.10"), technician_notes="Replaced the P-trap.")
    assert (wo.status, wo.completed_date, wo.actual_cost) == ("completed", TODAY, Decimal("245.10"))
    assert wo.closed_at is None
    wo = transition(wo, "closed", note="Invoice matched.")
    wo.refresh_from_db()
    assert wo.status == "closed" and wo.closed_at is not None
    assert [(e.kind, e.from_status, e.to_status) for e in wo.events.order_by("created_at")] == [
        ("created", "", "open"),
        ("status", "open", "assigned"),
        ("status", "assigned", "in_progress"),
        ("note", "", ""),
        ("status", "in_progress", "completed"),
        ("status", "completed", "closed"),
    ]
    messages = [m for _, m in events(wo)]
    assert messages[1] == "Assigned to ProFlow Plumbing."
    assert messages[2] == "Work started by ProFlow Plumbing."
    assert messages[3] == "Replaced the P-trap."
    assert messages[4].startswith("Completed on ") and messages[4].endswith("for $245.10.")
    assert messages[5] == "Closed at $245.10. Invoice matched."


def test_unassigning_takes_the_vendor_off(unit):
    wo = work_order_create(unit=unit, title="x", assigned_vendor=VendorFactory(name="Acme").pk)
    wo = transition(wo, "open", note="Vendor can't come this week.")
    assert (wo.status, wo.assigned_vendor) == ("open", None)
    assert events(wo)[-1] == ("status", "Acme unassigned. Vendor can't come this week.")


def test_in_house_work_needs_no_vendor_and_zero_is_a_cost(unit):
    wo = work_order_create(unit=unit, title="Tighten hinge", requested_date=TODAY - 3 * DAY)
    wo = transition(wo, "in_progress")
    assert events(wo)[-1] == ("status", "Work started in-house.")
    wo = transition(wo, "completed", actual_cost=Decimal("0"), completed_date=TODAY - DAY)
    assert (wo.actual_cost, wo.completed_date) == (Decimal("0"), TODAY - DAY)


def test_illegal_moves_answer_with_the_allowed_ones(unit):
    wo = work_order_create(unit=unit, title="x")
    with pytest.raises(ApplicationError) as exc:
        transition(wo, "closed")
    assert exc.value.message == "An open work order can't move to closed."
    assert exc.value.extra == {"allowed": ["assigned", "in_progress", "cancelled"]}
    with pytest.raises(ApplicationError, match="Choose a vendor"):
        transition(wo, "assigned")
    wo = transition(wo, "in_progress")
    with pytest.raises(ApplicationError, match="actual cost to complete"):
        transition(wo, "completed")
    with pytest.raises(ApplicationError, match="completed date can't be in the future"):
        transition(wo, "completed", actual_cost=1, completed_date=TODAY + DAY)
    with pytest.raises(ApplicationError, match="only given when completing"):
        transition(wo, "cancelled", completed_date=TODAY)
    with pytest.raises(ApplicationError, match="no longer an active vendor"):
        transition(wo, "completed", actual_cost=1, assigned_vendor=VendorFactory(is_active=False).pk)
    wo.refresh_from_db()
    assert wo.status == "in_progress" and wo.actual_cost is None  # nothing applied


def test_completed_before_the_request_is_refused(unit):
    wo = work_order_create(unit=unit, title="x", requested_date=TODAY - 2 * DAY)
    transition(wo, "in_progress")
    with pytest.raises(ApplicationError, match="before the requested date"):
        transition(wo, "completed", actual_cost=5, completed_date=TODAY - 3 * DAY)


def test_reopening_needs_a_note_and_clears_the_completed_date(unit):
    wo = WorkOrderFactory(unit=unit, status="completed", completed_date=TODAY - DAY, actual_cost=Decimal("80"))
    with pytest.raises(ApplicationError, match="Say why"):
        transition(wo, "in_progress")
    wo = transition(wo, "in_progress", note="Leaking again.")
    assert (wo.status, wo.completed_date, wo.actual_cost) == ("in_progress", None, Decimal("80"))
    assert events(wo)[-1] == ("status", "Reopened. Leaking again.")


@pytest.mark.parametrize("final", ["closed", "cancelled"])
def test_final_statuses_are_final(unit, final):
    wo = WorkOrderFactory(unit=unit, status=final, completed_date=TODAY, actual_cost=Decimal("1"))
    with pytest.raises(ApplicationError, match="is final") as exc:
        transition(wo, "in_progress", note="again")
    assert exc.value.extra == {"allowed": []}


def test_cancelling_records_when(unit):
    wo = work_order_create(unit=unit, title="x")
    wo = transition(wo, "cancelled", note="Tenant fixed it.")
    assert wo.closed_at is not None
    assert events(wo)[-1] == ("status", "Cancelled. Tenant fixed it.")


# --- files -------------------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def stored(name="leak.png", kind="png", user=None):
    buf = io.BytesIO()
    if kind == "png":
        Image.new("RGB", (20, 10), (200, 30, 30)).save(buf, "PNG")
    else:
        from pypdf import PdfWriter

        writer = PdfWriter()
        writer.add_blank_page(width=612, height=792)
        writer.write(buf)
    buf.seek(0)
    buf.name = name
    return file_store(upload=buf, purpose="work_order", user=user)


def test_attach_and_remove_files(unit, media):
    wo = work_order_create(unit=unit, title="x")
    photo = work_order_file_attach(work_order=wo, stored_file=stored("leak.png"), **ACTOR)
    doc = work_order_file_attach(work_order=wo, stored_file=stored("quote.pdf", kind="pdf"), **ACTOR)
    scan = work_order_file_attach(work_order=wo, stored_file=stored("receipt.png"), kind="document", **ACTOR)
    assert (photo.kind, doc.kind, scan.kind) == ("photo", "document", "document")
    with pytest.raises(ApplicationError, match="already attached"):
        work_order_file_attach(work_order=wo, stored_file=photo.file)
    with pytest.raises(ApplicationError, match="Only an image can be a photo"):
        work_order_file_attach(work_order=wo, stored_file=stored("more.pdf", kind="pdf"), kind="photo")
    work_order_file_remove(link=doc, **ACTOR)
    assert set(WorkOrderFile.objects.values_list("kind", flat=True)) == {"photo", "document"}
    assert [m for k, m in events(wo) if k == "file"] == [
        "Added photo leak.png.",
        "Added document quote.pdf.",
        "Added document receipt.png.",
        "Removed document quote.pdf.",
    ]
