"""Demo simulation (POST /simulate/): messages from real tenants through the real pipeline (stored as inbound
messages of provider "simulator", classified, answered), so the inbox can be shown without a phone."""

from __future__ import annotations

import random

from communications.services.inbound import inbound_message_attach
from communications.services.processing import inbound_message_process
from core.exceptions import ApplicationError
from core.messaging.inbound import inbound_message_store
from core.models import InboundMessage
from tenants.models import TenantLease

SAMPLES = [
    "Hi, when is my rent due this month? And how much is it?",
    "my kitchen sink is leaking under the cabinet",
    "theres water coming thru my bathroom light!!",
    "How much do I owe right now?",
    "When does my lease end?",
    "The upstairs neighbors are so loud every night, I can't sleep",
    "this is the third time I've asked about the leak",
    "Thanks for fixing the dishwasher so quickly!",
    "I smell gas in the hallway",
    "the bedroom window won't close all the way",
]


def simulate_inbound(*, count: int = 3, content: str | None = None, tenant_id=None, seed: int | None = None) -> list:
    """Runs `count` messages (or `content`) from tenants with a current lease in the caller's scope."""
    if not 1 <= count <= 10:
        raise ApplicationError("count must be 1-10.", extra={"field": "count"})
    rng = random.Random(seed)
    leases = TenantLease.objects.filter(lease_status__in=["active", "month_to_month", "notice"]).exclude(
        tenant__phone=""
    )
    if tenant_id:
        leases = leases.filter(tenant_id=tenant_id)
    ids = list(leases.order_by("lease_number").values_list("pk", flat=True)[:500])
    if not ids:
        raise ApplicationError("No tenant with a current lease to simulate.", status_code=404)
    results = []
    for i in range(count):
        lease = TenantLease.objects.select_related("tenant").get(pk=rng.choice(ids))
        text = content or rng.choice(SAMPLES)
        inbound, _ = inbound_message_store(
            channel=InboundMessage.Channel.SMS,
            provider="simulator",
            provider_message_id=f"SIM{rng.getrandbits(64):016x}{i}",
            from_address=lease.tenant.phone,
            body=text,
        )
        message = inbound_message_attach(inbound=inbound, process=False)
        results.append(inbound_message_process(message_id=message.pk))
    return results
