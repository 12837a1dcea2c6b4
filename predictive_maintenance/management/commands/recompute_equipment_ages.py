import datetime

from django.core.management.base import BaseCommand, CommandError

from predictive_maintenance.services import equipment_ages_recompute


class Command(BaseCommand):
    help = (
        "Recomputes every equipment record's age_years from its install date, set-based (one UPDATE per chunk "
        "of ids). Safe to re-run. Same as `run_task predictive_maintenance.recompute_equipment_ages`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Compute ages as of this date (YYYY-MM-DD); default today.")
        parser.add_argument("--chunk-size", type=int, default=2000)

    def handle(self, *args, **opts):
        today = None
        if opts["today"]:
            try:
                today = datetime.date.fromisoformat(opts["today"])
            except ValueError:
                raise CommandError("--today must be a date like 2026-03-28.")
        if opts["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1.")
        self.stdout.write(equipment_ages_recompute(today=today, chunk_size=opts["chunk_size"]))
