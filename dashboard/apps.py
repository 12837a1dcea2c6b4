from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Read models of the base screens (dashboard cards, property honeycomb); no tables of its own."""

    name = "dashboard"
