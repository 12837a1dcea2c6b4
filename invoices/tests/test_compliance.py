"""Vendor paperwork states (pure): 30 days before a lapse is 'expiring' (spec 5.4), the lapse day still counts."""

import datetime

import pytest

from invoices.compliance import document_state, vendor_compliance

TODAY = datetime.date(2026, 3, 28)


def _in(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("expiry", "state"),
    [
        (None, "missing"),
        (_in(-1), "expired"),
        (_in(0), "expiring"),  # lapses today: still covered today
        (_in(30), "expiring"),
        (_in(31), "active"),
    ],
)
def test_document_state_boundaries(expiry, state):
    assert document_state(expiry, TODAY) == state


def test_vendor_compliance_reports_both_documents_and_the_earliest_expiry():
    c = vendor_compliance(insurance_expiry=_in(12), license_expiry=_in(200), today=TODAY)
    assert c == {
        "state": "expiring",
        "insurance": "expiring",
        "license": "active",
        "insurance_days_left": 12,
        "license_days_left": 200,
        "days_to_expiry": 12,
    }


@pytest.mark.parametrize(
    ("insurance", "license_", "state", "days"),
    [
        (_in(-3), None, "expired", -3),  # expired outranks missing
        (_in(10), None, "missing", 10),  # missing outranks expiring
        (_in(40), _in(90), "active", 40),
        (None, None, "missing", None),
    ],
)
def test_vendor_state_is_the_worst_document(insurance, license_, state, days):
    c = vendor_compliance(insurance_expiry=insurance, license_expiry=license_, today=TODAY)
    assert (c["state"], c["days_to_expiry"]) == (state, days)
