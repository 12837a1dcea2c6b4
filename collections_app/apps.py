from django.apps import AppConfig


class CollectionsAppConfig(AppConfig):
    name = "collections_app"
    label = "collections_app"
    verbose_name = "Smart collections"

    def ready(self):
        from collections_app import jobs  # noqa: F401 - registers the "Scan Now" job kind
        from collections_app.selectors import collections_open_items
        from tenants.open_items import COLLECTION_CASE, PAYMENT_PLAN, open_items_provider_register

        open_items_provider_register(kinds=(COLLECTION_CASE, PAYMENT_PLAN), provider=collections_open_items)
