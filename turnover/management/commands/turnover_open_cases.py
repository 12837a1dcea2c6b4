"""python manage.py turnover_open_cases [--today YYYY-MM-DD] [--recent-days 45]"""

import datetime

from django.core.management.base import BaseCommand

from turnover.services import turnover_cases_backfill
from turnover.services.cases import RECENTLY_VACATED_DAYS


class Command(BaseCommand):
    help = "Opens turnover cases for every lease on notice and every recently vacated unit (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)
        parser.add_argument("--recent-days", type=int, default=RECENTLY_VACATED_DAYS)

    def handle(self, *args, **opts):
        self.stdout.write(turnover_cases_backfill(today=opts["today"], recent_days=opts["recent_days"]))
