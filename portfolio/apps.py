from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Portfolio command center"

    def ready(self):
        from portfolio import jobs  # noqa: F401 - registers the "Run agent now" job kind
        from portfolio.selectors import rent_notice_open_items
        from tenants.open_items import RENT_INCREASE_NOTICE, open_items_provider_register

        open_items_provider_register(kinds=(RENT_INCREASE_NOTICE,), provider=rent_notice_open_items)
