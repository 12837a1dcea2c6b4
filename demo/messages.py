"""A realistic tenant message history for the demo inbox (feature 5.3), written after the portfolio is seeded.

Its own random stream (seed + 53), so the portfolio's rows and statistics do not move. About 2.5% of tenants with
a current lease get 1-4 messages over the last 45 days, classified by the real offline classifier; routine
questions carry the AI's answer from the tenant's real figures, repairs and complaints a staff reply, and the two
most recent emergencies are left open for the on-call manager. No work orders, notifications or outbox rows are
written (the portfolio's maintenance statistics stay as seeded); `communications.calculate_daily_sentiment` then
scores the tenants."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from communications.facts import tenant_account_facts
from communications.models import TenantConversation, TenantMessage
from communications.prompts import auto_response_offline, classify_offline_text
from communications.services import daily_sentiment_calculate
from tenants.models import TenantLease

MESSAGES = [
    "Hi, when is my rent due this month? And how much is it?",
    "How much do I owe right now?",
    "When does my lease end?",
    "my kitchen sink is leaking under the cabinet",
    "The bathroom faucet drips all night",
    "dishwasher isn't draining again",
    "there are roaches in the kitchen, can someone come spray",
    "the bedroom window won't close all the way",
    "my upstairs neighbors are so loud every night",
    "this is the third time I've asked about the leak. really frustrated",
    "Thanks for fixing the sink so quickly!",
    "love the new gym hours!",
    "can I get a second parking permit?",
    "is the pool open this weekend?",
    "I'd like to renew my lease, what will the rent be?",
    "I paid my rent yesterday, did you get it?",
    "why was I charged a late fee? I paid on the 3rd",
    "any update on my repair request?",
    "I'm contacting my lawyer if the mold isn't handled",
    "can I get a copy of my lease",
]
EMERGENCY = ["theres water coming thru my bathroom light!!", "I smell gas in the hallway by my door"]
STAFF = "Thanks for letting us know. We're on it and will update you today. — Leasing office"


def message_history_seed(*, seed: int = 42, today: datetime.date | None = None, share: float = 0.025) -> dict:
    today = today or timezone.localdate()
    rng = random.Random(seed + 53)
    leases = list(
        TenantLease.objects.filter(lease_status__in=["active", "month_to_month", "notice"])
        .select_related("tenant", "unit", "property")
        .order_by("lease_number")
    )
    if not leases:
        return {"conversations": 0, "messages": 0}
    chosen = rng.sample(leases, k=max(3, int(len(leases) * share)))
    now = timezone.now()
    convs, msgs = 0, 0
    for i, lease in enumerate(chosen):
        tenant = lease.tenant
        emergency = i < 2
        texts = [EMERGENCY[i]] if emergency else rng.sample(MESSAGES, k=rng.randint(1, 4))
        conv = TenantConversation._base_manager.create(
            tenant=tenant, unit=lease.unit, property=lease.property, channel="sms"
        )
        convs += 1
        at = now - datetime.timedelta(hours=rng.randint(1, 3)) if emergency else now - datetime.timedelta(days=45)
        facts = None
        for text in texts:
            if not emergency:
                at = min(now - datetime.timedelta(minutes=30), at + datetime.timedelta(hours=rng.randint(6, 240)))
            c = classify_offline_text(text, month=at.month)
            inbound = TenantMessage._base_manager.create(
                conversation=conv,
                direction="inbound",
                channel="sms",
                content=text,
                ai_classification=c,
                sentiment=c["sentiment"],
                from_address=tenant.phone,
                processed_at=at,
                read_at=None if emergency else at,
                created_at=at,
            )
            msgs += 1
            reply, auto = None, False
            if c["category"] in ("billing", "lease", "general") and c["confidence"] > 0.85:
                facts = facts or tenant_account_facts(tenant=tenant, today=today)
                answer = auto_response_offline(
                    {**facts["formatted"], "tenant_first_name": tenant.first_name, "intent": c["intent"]},
                    images=None,
                    documents=None,
                )
                reply, auto = (answer["content"], True) if answer["auto_respond"] else (None, False)
            elif not emergency and rng.random() < 0.7:
                reply = STAFF
            if reply:
                out = TenantMessage._base_manager.create(
                    conversation=conv,
                    direction="outbound",
                    channel="sms",
                    content=reply,
                    is_ai_generated=auto,
                    is_auto_sent=auto,
                    delivery="sent",
                    sent_by="" if auto else "Leasing office",
                    in_reply_to=inbound,
                )
                reply_at = at + (
                    datetime.timedelta(seconds=4) if auto else datetime.timedelta(minutes=rng.randint(20, 600))
                )
                TenantMessage._base_manager.filter(pk=out.pk).update(created_at=min(reply_at, now))
                msgs += 1
        last = TenantMessage._base_manager.filter(conversation=conv).order_by("-created_at").first()
        TenantConversation._base_manager.filter(pk=conv.pk).update(
            last_message_at=last.created_at,
            category=c["category"],
            urgency=c["urgency"],
            sentiment_score=c["sentiment"],
            escalated=emergency,
            escalation_reason="Emergency: no automatic reply; on-call manager paged." if emergency else "",
            unread_count=1 if emergency else 0,
            ai_auto_responded=last.is_auto_sent,
            status=(
                "waiting_staff"
                if emergency or last.direction == "inbound"
                else ("waiting_tenant" if rng.random() < 0.5 else "resolved")
            ),
        )
    daily_sentiment_calculate(today=today)
    return {"conversations": convs, "messages": msgs}
