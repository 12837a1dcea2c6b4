import datetime

from django.core.management.base import BaseCommand, CommandError

from tenants import lifecycle
from tenants.selectors import lease_classification_pending
from tenants.services import lease_statuses_classify


class Command(BaseCommand):
    help = (
        "One-time lease reclassification (spec 1.1): active leases past their end date -> month-to-month, "
        "notice leases past their move-out date -> vacant, with a LeaseStatusLog row each. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Classify as of this date (YYYY-MM-DD); default today.")
        parser.add_argument("--chunk-size", type=int, default=2000)
        parser.add_argument("--dry-run", action="store_true", help="Only count what would change.")

    def handle(self, *args, **opts):
        today = None
        if opts["today"]:
            try:
                today = datetime.date.fromisoformat(opts["today"])
            except ValueError:
                raise CommandError("--today must be a date like 2026-03-28.")
        if opts["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1.")
        if opts["dry_run"]:
            pending = lease_classification_pending(today=today)
            self.stdout.write(f"Would transition {pending['to_mtm']} to MTM, {pending['to_vacant']} to vacant.")
            return
        summary = lease_statuses_classify(today=today, chunk_size=opts["chunk_size"], actor=lifecycle.INITIAL_ACTOR)
        self.stdout.write(summary)
