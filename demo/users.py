"""The demo's logins: one per role next to the manager, all with the demo password (README, "Demo logins")."""

from django.conf import settings

from core.services import user_upsert
from properties.models import Properties
from properties.services import user_properties_assign

# email local part -> (role, first name, last name, scoped to the first N properties by name or None = all)
DEMO_USERS: list[tuple[str, str, str, str, int | None]] = [
    ("admin", "administrator", "Ada", "Admin", None),
    ("leasing", "leasing_agent", "Lee", "Leasing", None),
    ("maintenance", "maintenance_coordinator", "Max", "Maintenance", None),
    ("accounting", "accountant", "Avery", "Accounts", None),
    ("readonly", "read_only", "Rae", "Readonly", None),
    ("scoped", "property_manager", "Sam", "Scoped", 2),
]


def demo_users_ensure(*, password: str | None = None) -> list[str]:
    """Creates or updates the manager (DEMO_EMAIL, every property) and the per-role logins; returns the emails."""
    password = password or settings.DEMO_PASSWORD
    manager = user_upsert(
        email=settings.DEMO_EMAIL, password=password, role="property_manager", first_name="Demo", last_name="Manager"
    )
    user_properties_assign(user=manager, all_properties=True)
    emails = [manager.email]
    domain = settings.DEMO_EMAIL.split("@", 1)[1]
    names = list(Properties._base_manager.order_by("name").values_list("pk", flat=True))
    for local, role, first, last, first_n in DEMO_USERS:
        user = user_upsert(email=f"{local}@{domain}", password=password, role=role, first_name=first, last_name=last)
        if first_n is None:
            user_properties_assign(user=user, all_properties=True)
        else:
            user_properties_assign(user=user, property_ids=names[:first_n])
        emails.append(user.email)
    return emails
