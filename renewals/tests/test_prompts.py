import datetime
from decimal import Decimal

import pytest

from core.ai import complete_json
from core.ai.prompts import render_system, render_user
from renewals.prompts import RENEWAL_LETTER, letter_html, letter_inputs, percent, renewal_letter_offline

TODAY = datetime.date(2026, 11, 22)


def inputs(**kw):
    base = dict(
        tenant_first_name="Maria",
        tenant_last_name="Gonzalez",
        unit_number="A-102",
        property_name="Harbor View",
        property_address="100 Harbor Way, Seattle, WA 98101",
        manager_name="Dana Reyes",
        manager_email="dana@harborview.example",
        manager_phone="+12065550100",
        current_rent=Decimal("1850.00"),
        offered_rent=Decimal("1914.75"),
        lease_end_date=datetime.date(2027, 1, 31),
        month_to_month=False,
        term_months=12,
        new_lease_start=datetime.date(2027, 2, 1),
        new_lease_end=datetime.date(2028, 1, 31),
        strategy="market_rate",
        today=TODAY,
    )
    base.update(kw)
    return letter_inputs(**base)


def letter(**kw):
    return renewal_letter_offline(inputs(**kw), images=[], documents=[])


def test_inputs_are_the_formatted_figures():
    i = inputs()
    assert (i["current_rent"], i["offered_rent"], i["rent_change"], i["increase_pct"], i["rent_direction"]) == (
        "$1,850.00",
        "$1,914.75",
        "$64.75",
        "3.5%",
        "increase",
    )
    assert (i["new_lease_start"], i["new_lease_end"], i["current_lease_end"]) == (
        "February 1, 2027",
        "January 31, 2028",
        "January 31, 2027",
    )
    assert i["letter_date"] == "November 22, 2026"


@pytest.mark.parametrize(("value", "text"), [(3.5, "3.5%"), (5.0, "5%"), (1.96, "1.96%"), (0.0, "0%")])
def test_percent(value, text):
    assert percent(value) == text


def test_increase_letter():
    out = letter()
    text = out["letter_text"]
    assert text.startswith("November 22, 2026\n\nDear Maria Gonzalez,")
    assert "Your lease for unit A-102 ends on January 31, 2027" in text
    assert "12-month lease renewal from February 1, 2027 through January 31, 2028" in text
    assert (
        "Your new monthly rent will be $1,914.75, an increase of $64.75 (3.5%) from your current rent of $1,850.00."
        in text
    )
    assert "contact Dana Reyes at +12065550100 or dana@harborview.example before February 1, 2027" in text
    assert "written notice" not in text  # no notice period given (letters written before the rules existed)
    assert text.rstrip().endswith(
        "Dana Reyes\nHarbor View\n100 Harbor Way, Seattle, WA 98101\n+12065550100 · dana@harborview.example"
    )
    assert "\n\n\n" not in text
    assert out["subject"] == "Your lease renewal offer for unit A-102 at Harbor View"
    assert out["sms_text"] == (
        "Hi Maria, your lease renewal offer for unit A-102 at Harbor View is ready: 12 months from Feb 1, 2027 at "
        "$1,914.75/month. Details are in your email. Questions? Call +12065550100."
    )


def test_the_letter_states_the_lawful_dates_and_the_citation():
    """A Nov 28 letter for +8% under a 30-day rule: effective Jan 1 (never Dec 1), reply by Dec 18."""
    text = letter(
        today=datetime.date(2026, 11, 28),
        current_rent=Decimal("1000.00"),
        offered_rent=Decimal("1080.00"),
        month_to_month=True,
        new_lease_start=datetime.date(2027, 1, 1),
        new_lease_end=datetime.date(2027, 12, 31),
        reply_by=datetime.date(2026, 12, 18),
        notice_days=30,
        notice_citation="Cal. Civ. Code §827",
    )["letter_text"]
    assert "12-month lease renewal from January 1, 2027 through December 31, 2027" in text
    assert (
        "This letter is your written notice of the new rent. It takes effect no sooner than January 1, 2027, at "
        "least 30 days after the date of this notice, as Cal. Civ. Code §827 requires." in text
    )
    assert "dana@harborview.example by December 18, 2026." in text
    assert "December 1," not in text and "before" not in text
    values = inputs(reply_by=datetime.date(2026, 12, 18), notice_days=30, notice_citation="X §1")
    user = render_user(RENEWAL_LETTER, values, max_chars=10_000)
    assert "Reply by: December 18, 2026" in user and "30 days (law: X §1)" in user


def test_hold_and_decrease_letters():
    assert "Your monthly rent will stay the same: $1,850.00." in letter(offered_rent=Decimal("1850.00"))["letter_text"]
    lower = letter(offered_rent=Decimal("1800.00"))["letter_text"]
    assert "Your new monthly rent will be $1,800.00, $50.00 less than your current rent of $1,850.00." in lower


def test_month_to_month_letter_and_missing_contact():
    text = letter(month_to_month=True, manager_name="", manager_email="", manager_phone="")["letter_text"]
    assert "on a month-to-month basis" in text and "ends on" not in text
    assert "simply reply to this letter before" in text
    assert "The Harbor View leasing team" in text


def test_sms_stays_within_320_characters():
    out = letter(tenant_first_name="A" * 150, property_name="B" * 150)
    assert len(out["sms_text"]) <= 320


@pytest.mark.django_db
def test_the_gateway_validates_the_offline_letter_and_the_prompt_renders():
    from core.models import AICallLog

    result = complete_json(RENEWAL_LETTER, inputs())
    assert result.provider == "offline" and result.data["letter_text"]
    assert AICallLog.objects.get().prompt_name == "renewals.letter"
    user = render_user(RENEWAL_LETTER, inputs(), max_chars=4000)
    assert "Offered monthly rent: $1,914.75" in user and "rent_direction: increase" in user
    assert "Never mention churn" in render_system(RENEWAL_LETTER, inputs(), max_chars=4000)


def test_letter_html_escapes_and_keeps_paragraphs():
    html = letter_html("Dear <Maria>,\n\nLine one\nline two & more")
    assert "<p>Dear &lt;Maria&gt;,</p>" in html
    assert "<p>Line one<br>line two &amp; more</p>" in html
