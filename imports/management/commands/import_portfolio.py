"""python manage.py import_portfolio DIR [--dry-run] [--today YYYY-MM-DD]"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from core.exceptions import ApplicationError
from imports.services import import_directory


class Command(BaseCommand):
    help = (
        "Imports properties.csv, units.csv, tenants.csv and leases.csv found in DIR, in that order (one transaction "
        "per file; a file with any bad row writes nothing and stops the import). --dry-run checks them all and "
        "writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--today", help="The day the lifecycle classification runs as (default: today)")

    def handle(self, *args, directory, dry_run, today=None, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today must be YYYY-MM-DD (got {today!r}).")
        try:
            results = import_directory(directory=directory, dry_run=dry_run, today=day)
        except ApplicationError as exc:
            raise CommandError(exc.message)
        failed = False
        for r in results:
            self.stdout.write(f"{r['kind']}: {r['status']} - {r['message']}")
            for e in r["errors"][:50]:
                self.stdout.write(f"  row {e['row']}, {e['column'] or '-'}: {e['message']}")
            if r["error_rows"] > 50:
                self.stdout.write(f"  ... and more ({r['error_rows']} rows with errors)")
            if r["summary"]:
                self.stdout.write(f"  {r['summary']}")
            failed = failed or r["status"] in ("invalid", "failed")
        if failed:
            raise CommandError("Nothing was written for the file with errors (and the files after it).")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
