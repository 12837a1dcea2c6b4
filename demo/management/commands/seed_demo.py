"""python manage.py seed_demo [--seed 42] [--leases 4353] [--reset | --if-empty] [--no-history] [--today YYYY-MM-DD]"""

import datetime
import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings

from collections_app.services import collections_scan
from demo.inspections import inspection_demo_seed
from demo.invoices import invoice_queue_seed
from demo.messages import message_history_seed
from demo.responsibility import responsibility_demo_seed
from demo.seed import DEFAULT_LEASES, DEFAULT_SEED, portfolio_delete, portfolio_exists, seed_portfolio
from demo.turnover import turnover_demo_seed
from demo.users import demo_users_ensure
from predictive_maintenance.services import risk_scores_compute

# The demo's own workflows run offline: no model call, no email or SMS leaves, background jobs inline.
DEMO_SERVICE_SETTINGS = {
    "AI_PROVIDER": "offline",
    "MESSAGING_EMAIL_BACKEND": "outbox",
    "MESSAGING_SMS_BACKEND": "outbox",
    "JOBS_RUN_INLINE": True,
}


class Command(BaseCommand):
    help = "Seeds the demo portfolio (23 properties, 4,353 leases by default) and the manager login."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 42)")
        parser.add_argument("--leases", type=int, default=DEFAULT_LEASES, help="number of leases/units (default 4353)")
        parser.add_argument(
            "--no-history", action="store_true", help="skip ledger, work orders, invoices, equipment and turnover cases"
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="seed as of this date (YYYY-MM-DD; default: today)",
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--reset", action="store_true", help="delete all demo-domain rows first, then reseed")
        mode.add_argument("--if-empty", action="store_true", help="do nothing when demo data is already present")

    def handle(self, *args, **opts):
        if opts["leases"] < 1:
            raise CommandError("--leases must be at least 1.")
        started = time.perf_counter()
        # the lease moves of the re-let replay signal the apps after commit; their (eager) tasks need no log line each
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        with transaction.atomic():
            deleted = {}
            if portfolio_exists():
                if opts["if_empty"]:
                    self.stdout.write("Demo data already present; skipping.")
                    return
                if not opts["reset"]:
                    raise CommandError(
                        "The database already has properties or leases. "
                        "Run with --reset to delete them and reseed, or --if-empty to skip."
                    )
                deleted = portfolio_delete()
                self.stdout.write(f"Deleted {sum(deleted.values()):,} rows from {len(deleted)} tables.")
            self.stdout.write(f"Seeding {opts['leases']:,} leases (seed {opts['seed']})...")
            summary = seed_portfolio(
                seed=opts["seed"],
                leases=opts["leases"],
                today=opts["today"],
                with_history=not opts["no_history"],
                stdout=self.stdout if opts["verbosity"] > 1 else None,
            )
            demo_users_ensure()
            # the turnover board (every stage) and the invoice AI queue are alive on first run; through the features'
            # services, with the offline AI and the outbox whatever is configured (not with --no-history)
            turnover = invoices = collections = inspections = "skipped (--no-history)"
            if not opts["no_history"]:
                today = datetime.date.fromisoformat(summary["today"])
                with override_settings(**DEMO_SERVICE_SETTINGS):
                    turnover = turnover_demo_seed(seed=opts["seed"], today=today)
                    invoices = invoice_queue_seed(seed=opts["seed"], today=today)
                    # 1.3: the daily scan once, so the collections screen shows the overdue tenants (no dunning sent)
                    collections = collections_scan(today=today)
                    inspections = inspection_demo_seed()  # move-out inspections with photos (3.1)
            if not opts["no_history"]:
                message_history_seed(seed=opts["seed"], today=opts["today"])  # the tenant inbox (5.3)
        risk = responsibility = ""
        if not opts["no_history"]:
            # 2.3: the weekly risk agent once, so the heatmap, the suggestions and the unit cards are alive on first run
            risk = risk_scores_compute(today=datetime.date.fromisoformat(summary["today"]))
            # who pays for recent repairs: determinations, and charges in every status (PRP responsibility)
            # (offline, the outbox: the seed makes no model call and sends nothing, whatever is configured)
            with override_settings(**DEMO_SERVICE_SETTINGS):
                responsibility = responsibility_demo_seed(today=datetime.date.fromisoformat(summary["today"]))
        elapsed = time.perf_counter() - started
        split, expiring = summary["lease_split"], summary["expiring"]
        lines = [
            f"Seeded the demo portfolio as of {summary['today']} in {elapsed:.1f}s:",
            f"  properties          {summary['properties']:>10,}",
            f"  units               {summary['units']:>10,}",
            f"  tenants             {summary['tenants']:>10,}",
            f"  leases              {summary['leases']:>10,}   current {split['current']:,}, expired-but-active "
            f"{split['expired']:,}, notice {split['notice']:,}, vacant {split['vacant']:,}",
            f"                                   expiring in 30/60/90 days: {expiring['30_days']:,} / "
            f"{expiring['60_days']:,} / {expiring['90_days']:,}",
            f"  vendors             {summary['vendors']:>10,}",
            f"  ledger entries      {summary['ledger_entries']:>10,}   ({summary['overdue_leases']:,} leases overdue)",
            f"  work orders         {summary['work_orders']:>10,}",
            f"  invoices            {summary['invoices']:>10,}   ({summary['invoice_line_items']:,} line items)",
            f"  equipment           {summary['equipment']:>10,}",
            f"  total rows          {summary['total_rows']:>10,}   "
            f"({summary['total_rows'] / max(elapsed, 1e-9):,.0f} rows/s)",
            f"  turnover            {turnover}",
            f"  invoice AI queue    {invoices}",
            f"  collections         {collections}",
            f"  inspections         {inspections}",
            *([f"  risk scores         {risk}"] if risk else []),
            *([f"  responsibility      {responsibility}"] if responsibility else []),
            f"Manager login: {settings.DEMO_EMAIL}",
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
