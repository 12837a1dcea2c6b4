"""The dunning prompt: Claude through the real SDK (local stub), the fallback, and the offline templates."""

import json

import pytest

from collections_app.models import CollectionAction, CollectionCase
from collections_app.prompts import COLLECTIONS_MESSAGE, collections_message_offline
from collections_app.services import collections_escalate, collections_scan
from collections_app.tests.factories import DUE, at, day, overdue_tenant
from core.ai.testing import stub_claude
from core.messaging.testing import FakeSmsBackend

pytestmark = pytest.mark.django_db

INPUTS = {
    "tenant_first_name": "Sam",
    "balance": "$1,850.00",
    "due_date": "November 2, 2026",
    "days_overdue": 5,
    "late_fees": "$75.00",
    "step_level": 3,
    "step_label": "Formal notice",
    "channel": "email+letter",
    "tone": "formal",
    "unit": "B-312",
    "property": "Oak Ridge",
    "office_phone": "+12065550100",
    "payment_plan": "",
}


@pytest.fixture
def claude(settings):
    yield from stub_claude(settings)


def test_claude_writes_the_step_through_the_gateway(claude):
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    claude.add_message(json.dumps({"subject": "Rent reminder", "body": "Hi, your $1,700.00 was due November 2."}))
    collections_escalate(now=at(1))
    action = CollectionAction.objects.get(step_level=1)
    assert (action.ai_provider, action.message_text) == ("anthropic", "Hi, your $1,700.00 was due November 2.")
    assert FakeSmsBackend.sent[0]["body"] == action.message_text
    sent = claude.requests[0].json
    user_text = sent["messages"][0]["content"][-1]["text"]
    assert "Balance past due: $1,700.00" in user_text and "Tone: friendly" in user_text and "Channel: sms" in user_text
    assert f'<untrusted_data source="tenant_profile">\n{tenant.first_name}\n</untrusted_data>' in user_text


def test_claude_down_falls_back_to_the_offline_templates(claude):
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    for _ in range(3):
        claude.add_error(529, "overloaded_error", "Overloaded")
    collections_escalate(now=at(1))
    action = CollectionAction.objects.get(step_level=1)
    assert action.ai_provider == "offline" and "$1,700.00" in action.message_text
    assert CollectionCase.objects.get(tenant=tenant).escalation_level == 1


@pytest.mark.parametrize("tone", ["friendly", "firm", "formal", "legal"])
@pytest.mark.parametrize("level,channel", [(1, "sms"), (2, "email"), (3, "email+letter"), (4, "email"), (5, "letter")])
def test_offline_templates_for_every_tone_and_step(tone, level, channel):
    inputs = {
        **INPUTS,
        "tone": tone,
        "step_level": level,
        "channel": channel,
        "payment_plan": "2 payments: $925.00 due November 9, 2026; $925.00 due November 23, 2026."
        if level == 4
        else "",
    }
    out = collections_message_offline(inputs, images=[], documents=[])
    assert set(out) == {"subject", "body"} and out["subject"] and "\n" not in out["subject"]
    assert "$1,850.00" in out["body"] and "November 2, 2026" in out["body"]
    if channel == "sms":
        assert len(out["body"]) <= 320
    else:
        assert out["body"].startswith(("Hi Sam", "Dear Sam")) and "Oak Ridge Management" in out["body"]
    if level == 4:
        assert "$925.00 due November 23, 2026" in out["body"]
    if level == 5:
        assert "legal review" in out["body"] and "review" in out["subject"]


def test_prompt_declares_every_input_it_uses():
    assert COLLECTIONS_MESSAGE.placeholders <= set(INPUTS)
