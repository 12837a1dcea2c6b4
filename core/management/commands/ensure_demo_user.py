from django.conf import settings
from django.core.management.base import BaseCommand

from core.services import user_upsert


class Command(BaseCommand):
    help = "Create or update the manager login from DEMO_EMAIL / DEMO_PASSWORD."

    def handle(self, *args, **opts):
        user_upsert(email=settings.DEMO_EMAIL, password=settings.DEMO_PASSWORD, first_name="Demo", last_name="Manager")
        self.stdout.write(f"Manager login: {settings.DEMO_EMAIL}")
