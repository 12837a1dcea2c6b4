"""Manager notifications: once per dedupe key, critical ones paged once, the bell's API, scoped."""

import pytest

from core.models import Notification, OutboxMessage
from core.notifications.services import notification_create, notifications_create_many
from properties.tests.factories import PropertyFactory


def _critical(key="agent:x:1", prop=None):
    return notification_create(
        kind="test.agent",
        severity="critical",
        title="Boiler failure risk: Maple Court",
        body="The boiler is likely to fail within a week.",
        link="/units",
        dedupe_key=key,
        property_id=prop.pk if prop else None,
    )


@pytest.mark.django_db
def test_an_agent_run_twice_notifies_once_and_pages_the_oncall_manager_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, created = _critical()
    with django_capture_on_commit_callbacks(execute=True):
        again, created_again = _critical()
        notifications_create_many(
            [{"kind": "test.agent", "severity": "critical", "title": "same", "dedupe_key": "agent:x:1"}]
        )
    assert created and not created_again and first.pk == again.pk
    assert Notification.objects.count() == 1
    sent = OutboxMessage.objects.filter(feature="notifications")
    assert sorted(sent.values_list("channel", flat=True)) == ["email", "sms"]
    email = sent.get(channel="email")
    assert email.to == "oncall@unitcycle.local" and email.subject == "Critical: Boiler failure risk: Maple Court"
    assert sent.get(channel="sms").to == "+12065550100"


@pytest.mark.django_db
def test_warnings_are_not_paged_and_bad_severity_is_refused(django_capture_on_commit_callbacks):
    from core.exceptions import ApplicationError

    with django_capture_on_commit_callbacks(execute=True):
        notification_create(kind="k", severity="warning", title="t", dedupe_key="w1")
    assert not OutboxMessage.objects.exists()
    with pytest.raises(ApplicationError):
        notification_create(kind="k", severity="urgent!", title="t")


@pytest.mark.django_db
def test_bell_api_lists_counts_filters_and_marks_read(api_client, make_user):
    _critical("a")
    notification_create(kind="k", severity="info", title="FYI", dedupe_key="b")
    body = api_client.get("/api/v1/notifications/").json()
    assert body["count"] == 2 and body["unread"] == {"unread": 2, "unread_critical": 1}
    assert [n["severity"] for n in body["results"]] == ["critical", "info"]  # unread critical first, then newest
    assert [n["title"] for n in api_client.get("/api/v1/notifications/", {"kind": "k"}).json()["results"]] == ["FYI"]
    critical_id = api_client.get("/api/v1/notifications/", {"severity": "critical"}).json()["results"][0]["id"]
    read = api_client.post(f"/api/v1/notifications/{critical_id}/read/")
    assert read.status_code == 200 and read.json()["is_read"] is True
    body = api_client.get("/api/v1/notifications/", {"unread": "true"}).json()
    assert [n["title"] for n in body["results"]] == ["FYI"] and body["unread"]["unread_critical"] == 0
    # read state is per person: another manager still has both unread
    other = make_user("property_manager")
    assert other.get("/api/v1/notifications/").json()["unread"]["unread"] == 2
    # once read, the critical one takes its place by time (newest first)
    assert [n["severity"] for n in api_client.get("/api/v1/notifications/").json()["results"]] == ["info", "critical"]
    assert api_client.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert api_client.get("/api/v1/notifications/").json()["unread"]["unread"] == 0
    assert api_client.get("/api/v1/notifications/", {"severity": "loud"}).status_code == 400
    assert api_client.post("/api/v1/notifications/not-an-id/read/").status_code == 404


@pytest.mark.django_db
def test_a_scoped_manager_sees_their_properties_and_portfolio_wide_notifications_only(make_user):
    mine, theirs = PropertyFactory(name="Mine Court"), PropertyFactory(name="Theirs Tower")
    _critical("mine", mine)
    outside, _ = _critical("theirs", theirs)
    notification_create(kind="k", severity="info", title="Portfolio-wide", dedupe_key="all")
    scoped = make_user("property_manager", properties=[mine])
    titles = {n["id"] for n in scoped.get("/api/v1/notifications/").json()["results"]}
    assert str(outside.pk) not in titles and len(titles) == 2
    assert scoped.post(f"/api/v1/notifications/{outside.pk}/read/").status_code == 404
    assert scoped.post("/api/v1/notifications/read-all/").json() == {"marked": 2}


def test_anonymous_callers_get_401(anon_client):
    assert anon_client.get("/api/v1/notifications/").status_code == 401


@pytest.mark.django_db
def test_a_role_sees_only_notifications_whose_permission_it_holds(make_user):
    notification_create(
        kind="collections.deep_arrears",
        severity="critical",
        title="Arrears",
        dedupe_key="arrears",
        permission="view_collections",
    )
    notification_create(kind="k", severity="info", title="For everyone", dedupe_key="everyone")
    leasing, accountant = make_user("leasing_agent"), make_user("accountant")
    assert [n["title"] for n in leasing.get("/api/v1/notifications/").json()["results"]] == ["For everyone"]
    assert {n["title"] for n in accountant.get("/api/v1/notifications/").json()["results"]} == {
        "Arrears",
        "For everyone",
    }
    hidden = Notification.objects.get(dedupe_key="arrears")
    assert leasing.post(f"/api/v1/notifications/{hidden.pk}/read/").status_code == 404
    assert leasing.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
