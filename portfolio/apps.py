from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Portfolio command center"

    def ready(self):
        from portfolio import jobs  # noqa: F401 - registers the "Run agent now" job kind
