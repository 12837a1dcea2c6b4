from django.apps import AppConfig


class ResponsibilityConfig(AppConfig):
    name = "responsibility"
    verbose_name = "Owner vs tenant responsibility"
