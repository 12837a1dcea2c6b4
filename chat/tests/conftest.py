import datetime

import pytest

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def seeded(db):
    """The demo portfolio (200 leases, history) with the agents run on TODAY."""
    from collections_app.services import collections_scan
    from demo.seed import seed_portfolio
    from predictive_maintenance.services import risk_scores_compute
    from pricing.services import pricing_engine_run
    from renewals.services import renewal_scan
    from tenants.services import lease_statuses_classify
    from turnover.services import turnover_cases_backfill

    seed_portfolio(leases=200, with_history=True, today=TODAY)
    lease_statuses_classify(today=TODAY)
    turnover_cases_backfill()
    renewal_scan(today=TODAY)
    collections_scan(today=TODAY)
    risk_scores_compute(today=TODAY)
    pricing_engine_run(as_of=TODAY)
    return TODAY


@pytest.fixture
def conversation(user):
    from chat.services import conversation_create

    return conversation_create(user=user)


@pytest.fixture
def ask(user, conversation):
    """ask(question, today=TODAY, who=user) -> (answer text, first tool result output or None, done event)."""
    from chat.services import message_stream

    def run(question, *, who=None, today=TODAY, convo=None):
        events = list(
            message_stream(conversation=convo or conversation, user=who or user, content=question, today=today)
        )
        done = events[-1]
        assert done["type"] == "done", events[-3:]
        results = [e for e in events if e["type"] == "tool_result"]
        return done["text"], (results[0]["output"] if results else None), done

    return run
