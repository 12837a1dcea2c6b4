from django.urls import path

from dashboard.apis import DashboardStatsApi, PropertyUnitGridApi, SearchApi

urlpatterns = [
    path("search/", SearchApi.as_view(), name="search"),
    path("dashboard/stats/", DashboardStatsApi.as_view(), name="dashboard-stats"),
    path("properties/<uuid:property_id>/unit-grid/", PropertyUnitGridApi.as_view(), name="property-unit-grid"),
]
