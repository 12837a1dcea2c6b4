from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Portfolio import"

    def ready(self):
        from imports import jobs  # noqa: F401 - registers the background commit job (core.jobs)
