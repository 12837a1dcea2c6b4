"""python manage.py export_portfolio DIR: the portfolio as the four import files."""

from django.core.management.base import BaseCommand

from imports.export import portfolio_export


class Command(BaseCommand):
    help = "Writes properties.csv, units.csv, tenants.csv and leases.csv (the import format) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        counts = portfolio_export(directory=directory)
        self.stdout.write(", ".join(f"{kind}: {n}" for kind, n in counts.items()) + f" -> {directory}")
