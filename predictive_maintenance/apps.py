from django.apps import AppConfig


class PredictiveMaintenanceConfig(AppConfig):
    name = "predictive_maintenance"
