"""/api/v1/tenants/ — literal segments (`ledger/`, `leases/`, `lifecycle-stats/`) come before the id routes.

Ids are matched as plain strings and parsed in the view, so a malformed id answers the same JSON 404
(`{"detail": "Lease not found."}`) as an unknown one.
"""

from django.urls import path

from tenants import apis

urlpatterns = [
    path("ledger/", apis.LedgerEntryListApi.as_view(), name="ledger-entry-list"),
    path("ledger/<str:entry_id>/", apis.LedgerEntryDetailApi.as_view(), name="ledger-entry-detail"),
    path("leases/", apis.LeaseListApi.as_view(), name="lease-list"),
    path("leases/lifecycle-stats/", apis.LeaseLifecycleStatsApi.as_view(), name="lease-lifecycle-stats"),
    path("leases/<str:lease_id>/", apis.LeaseDetailApi.as_view(), name="lease-detail"),
    path("leases/<str:lease_id>/convert-mtm/", apis.LeaseConvertMtmApi.as_view(), name="lease-convert-mtm"),
    path("leases/<str:lease_id>/give-notice/", apis.LeaseGiveNoticeApi.as_view(), name="lease-give-notice"),
    path("leases/<str:lease_id>/mark-vacant/", apis.LeaseMarkVacantApi.as_view(), name="lease-mark-vacant"),
    path("leases/<str:lease_id>/status-history/", apis.LeaseStatusHistoryApi.as_view(), name="lease-status-history"),
    path("", apis.TenantListApi.as_view(), name="tenant-list"),
    path("<str:tenant_id>/", apis.TenantDetailApi.as_view(), name="tenant-detail"),
]
