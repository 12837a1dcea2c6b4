"""Lifecycle dates: within the accepted window (core.fields) and consistent with the lease's own dates."""

import datetime

import pytest
from django.utils import timezone

from tenants.models import LeaseStatusLog
from tenants.tests.factories import LeaseFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def url(lease, action):
    return f"/api/v1/tenants/leases/{lease.pk}/{action}/"


@pytest.mark.parametrize(
    "field,value",
    [("notice_move_out_date", "0798-03-01"), ("notice_date", "0798-01-01"), ("notice_move_out_date", "9999-12-31")],
)
def test_give_notice_outside_the_window_is_400(api_client, field, value):
    lease = LeaseFactory()
    body = {"notice_move_out_date": (TODAY + 60 * DAY).isoformat(), field: value}
    response = api_client.post(url(lease, "give-notice"), body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{field}: Date must be between 2000-01-01 and ")
    assert not LeaseStatusLog.objects.exists()


def test_notice_before_the_lease_started_is_400(api_client):
    lease = LeaseFactory(lease_begin_date=TODAY - 10 * DAY, lease_end_date=TODAY + 355 * DAY)
    body = {"notice_date": (TODAY - 20 * DAY).isoformat(), "notice_move_out_date": (TODAY + 40 * DAY).isoformat()}
    response = api_client.post(url(lease, "give-notice"), body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == f"The notice date cannot be before the lease start ({lease.lease_begin_date})."


def test_move_out_before_the_lease_start_or_the_notice_is_400(api_client):
    lease = LeaseFactory(lease_begin_date=TODAY - 100 * DAY, lease_end_date=TODAY + 265 * DAY)
    notice = TODAY - 40 * DAY
    assert (
        api_client.post(
            url(lease, "give-notice"),
            {"notice_date": notice.isoformat(), "notice_move_out_date": (notice + 30 * DAY).isoformat()},
            format="json",
        ).status_code
        == 200
    )
    early = api_client.post(
        url(lease, "mark-vacant"), {"actual_move_out_date": (TODAY - 50 * DAY).isoformat()}, format="json"
    )
    assert (early.status_code, early.json()["detail"]) == (
        400,
        f"The move-out date cannot be before the notice date ({notice}).",
    )
    before_start = api_client.post(
        url(lease, "mark-vacant"), {"actual_move_out_date": (TODAY - 200 * DAY).isoformat()}, format="json"
    )
    assert before_start.status_code == 400
    assert (
        before_start.json()["detail"] == f"The move-out date must be after the lease start ({lease.lease_begin_date})."
    )
    year_798 = api_client.post(url(lease, "mark-vacant"), {"actual_move_out_date": "0798-03-01"}, format="json")
    assert year_798.status_code == 400 and "between 2000-01-01" in year_798.json()["detail"]
    ok = api_client.post(url(lease, "mark-vacant"), {"actual_move_out_date": (TODAY - DAY).isoformat()}, format="json")
    assert ok.status_code == 200
