from django.apps import AppConfig


class TurnoverConfig(AppConfig):
    name = "turnover"
