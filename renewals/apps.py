from django.apps import AppConfig


class RenewalsConfig(AppConfig):
    name = "renewals"
    verbose_name = "Renewal intelligence"

    def ready(self):
        from renewals.receivers import on_lease_status_changed
        from renewals.selectors import renewal_open_items
        from tenants.open_items import RENEWAL_OFFER, open_items_provider_register
        from tenants.signals import lease_status_changed

        lease_status_changed.connect(on_lease_status_changed, dispatch_uid="renewals.on_lease_status_changed")
        from renewals import jobs  # noqa: F401 - registers the "Run scan now" job kind

        open_items_provider_register(kinds=(RENEWAL_OFFER,), provider=renewal_open_items)
