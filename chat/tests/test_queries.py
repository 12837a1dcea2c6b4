"""Query-count bounds: a chat turn and the digest cost a fixed number of queries whatever the portfolio's size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from chat.services import daily_digest_build

from .conftest import TODAY


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_a_turn_and_the_digest_cost_a_fixed_number_of_queries(seeded, ask):

    questions = [
        "Show leases expiring in the next 60 days below market",
        "Show me all overdue balances over $2,000",
        "Which units have had the most maintenance requests this year?",
        "What's our collection rate this month?",
        "Which renewals have a high churn risk?",
        "Which tenants are 5+ days late?",
        "How is the turnover pipeline looking?",
        "Which vacant units are priced above market?",
        "What's our occupancy?",
    ]
    counts = {q: _count(lambda q=q: ask(q)) for q in questions}
    assert max(counts.values()) <= 12, counts  # 9-11 measured: conversation rows, scope, names, one tool, the answer
    assert _count(lambda: daily_digest_build(today=TODAY)) <= 16  # 14 measured: one call of each of nine tools
