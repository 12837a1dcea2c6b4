from django.apps import AppConfig


class CollectionsAppConfig(AppConfig):
    name = "collections_app"
    label = "collections_app"
    verbose_name = "Smart collections"

    def ready(self):
        from collections_app import jobs  # noqa: F401 - registers the "Scan Now" job kind
