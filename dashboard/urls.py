from django.urls import path

from dashboard.apis import DashboardStatsApi, PropertyUnitGridApi

urlpatterns = [
    path("dashboard/stats/", DashboardStatsApi.as_view(), name="dashboard-stats"),
    path("properties/<uuid:property_id>/unit-grid/", PropertyUnitGridApi.as_view(), name="property-unit-grid"),
]
