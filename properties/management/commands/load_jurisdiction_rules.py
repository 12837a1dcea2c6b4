from pathlib import Path

from django.core.management.base import BaseCommand

from properties.rules_data import DATA_FILE
from properties.services import jurisdiction_rules_load


class Command(BaseCommand):
    help = "Loads the jurisdiction rules shipped in properties/data/jurisdiction_rules.json (idempotent upsert)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="a rules file in the same format")

    def handle(self, *args, file: Path, **options):
        created, updated = jurisdiction_rules_load(path=file)
        self.stdout.write(f"Jurisdiction rules: {created} created, {updated} updated.")
