"""/api/v1/pricing/ — spec 2.2."""

from django.urls import path

from pricing import apis

urlpatterns = [
    path("snapshots/", apis.SnapshotListApi.as_view(), name="pricing-snapshots"),
    path("snapshots/export/", apis.SnapshotExportApi.as_view(), name="pricing-snapshots-export"),
    path("units/<str:unit_id>/history/", apis.UnitPricingHistoryApi.as_view(), name="pricing-unit-history"),
    path("units/<str:unit_id>/apply/", apis.UnitApplyRecommendedRentApi.as_view(), name="pricing-unit-apply"),
    path("revenue-opportunity/", apis.RevenueOpportunityApi.as_view(), name="pricing-revenue-opportunity"),
    path("run-engine/", apis.RunEngineApi.as_view(), name="pricing-run-engine"),
]
