"""python manage.py pricing_backfill [--days 90] [--as-of YYYY-MM-DD] [--with-comps] [--if-empty]"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from core.exceptions import ApplicationError
from pricing.market import COMPS_LISTED


class Command(BaseCommand):
    help = "Prices the last N days (default 90) so every unit's pricing chart has a history (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=None, help="last day (default today)")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when prices exist (first run of the demo)"
        )
        parser.add_argument(
            "--with-comps", action="store_true", help="list comps on past days too (the last day always lists them)"
        )

    def handle(self, *args, **opts):
        from pricing.models import PricingSnapshot
        from pricing.services import pricing_history_backfill

        if opts["if_empty"] and PricingSnapshot.objects.exists():
            self.stdout.write("Prices already present; skipping the backfill.")
            return

        try:
            summary = pricing_history_backfill(
                days=opts["days"], as_of=opts["as_of"], history_comps=COMPS_LISTED if opts["with_comps"] else 0
            )
        except ApplicationError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(summary))
