from django.apps import AppConfig


class TurnoverConfig(AppConfig):
    name = "turnover"
    verbose_name = "Turnover orchestration"

    def ready(self):
        from tenants.signals import lease_status_changed
        from turnover.receivers import on_lease_status_changed

        lease_status_changed.connect(on_lease_status_changed, dispatch_uid="turnover.on_lease_status_changed")
