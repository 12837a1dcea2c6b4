"""Reactions to other apps' signals, connected in TurnoverConfig.ready() (the one place)."""

from tenants.lifecycle import ACTIVE, NOTICE, VACANT


def on_lease_status_changed(sender, *, lease_ids, previous_status, new_status, **kwargs):
    """tenants.signals.lease_status_changed (sent after commit): a notice opens a case, a move-out stamps it (or
    opens one at Inspect), a vacant lease re-let (vacant -> active) closes the unit's case as Leased. Queues the
    work with ids (eager without a broker)."""
    if new_status in (NOTICE, VACANT) or (new_status == ACTIVE and previous_status == VACANT):
        from turnover.tasks import auto_create_turnover_case

        auto_create_turnover_case.delay(
            lease_ids=[str(i) for i in lease_ids], previous_status=previous_status, new_status=new_status
        )
