from django.apps import AppConfig


class PricingConfig(AppConfig):
    name = "pricing"

    def ready(self):
        from pricing import jobs  # noqa: F401  (registers the "Run engine" job)
