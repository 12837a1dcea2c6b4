from django.core.management.base import BaseCommand

from demo.users import demo_users_ensure


class Command(BaseCommand):
    help = "Create or update the demo logins (DEMO_EMAIL, the manager, and one login per role) with DEMO_PASSWORD."

    def handle(self, *args, **opts):
        emails = demo_users_ensure()
        self.stdout.write("Demo logins: " + ", ".join(emails))
