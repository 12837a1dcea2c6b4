"""Synthetic message history for the sentiment agent's tests and benchmark: rows straight into the tables
(deterministic per seed), no pipeline."""

import datetime
import random

from django.utils import timezone

from communications.models import TenantConversation, TenantMessage
from tenants.models import TenantLease

TEXTS = [("billing", -0.1), ("complaint", -0.6), ("maintenance", -0.3), ("general", 0.5), ("lease", 0.0)]


def history_generate(*, share: float = 0.2, seed: int = 5, now=None, batch: int = 5000) -> int:
    rng = random.Random(seed)
    now = now or timezone.now()
    leases = list(
        TenantLease._base_manager.filter(lease_status__in=["active", "month_to_month", "notice"])
        .order_by("lease_number")
        .values_list("tenant_id", "unit_id", "property_id")
    )
    chosen = [row for row in leases if rng.random() < share]
    convs = [
        TenantConversation(tenant_id=t, unit_id=u, property_id=p, channel="sms", last_message_at=now)
        for t, u, p in chosen
    ]
    TenantConversation._base_manager.bulk_create(convs, batch_size=batch)
    msgs = []
    for conv in convs:
        for _ in range(rng.randint(1, 5)):
            category, base = rng.choice(TEXTS)
            sentiment = round(max(-1.0, min(1.0, base + rng.uniform(-0.3, 0.3))), 3)
            direction = "inbound" if rng.random() < 0.75 else "outbound"
            msgs.append(
                TenantMessage(
                    conversation=conv,
                    direction=direction,
                    channel="sms",
                    content="…",
                    sentiment=sentiment if direction == "inbound" else 0.0,
                    ai_classification={"category": category, "is_emergency": rng.random() < 0.01},
                    created_at=now - datetime.timedelta(minutes=rng.randint(10, 60 * 24 * 55)),
                )
            )
    TenantMessage._base_manager.bulk_create(msgs, batch_size=batch)
    return len(msgs)
