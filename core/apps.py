from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        # The role groups follow core.roles after every migrate (new permissions, a changed matrix).
        post_migrate.connect(_roles_sync, sender=self, dispatch_uid="core.roles_sync")


def _roles_sync(sender, using="default", **kwargs):
    from core.services import roles_sync

    roles_sync()
