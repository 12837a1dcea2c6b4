"""/api/v1/renewals/ — literal segments (`dashboard-stats/`, `run-scan/`, `export/`, `bulk-approve/`) come before the id routes.

Ids are matched as plain strings and parsed in the view, so a malformed id answers the same JSON 404
(`{"detail": "Renewal recommendation not found."}`) as an unknown one.
"""

from django.urls import path

from renewals import apis

urlpatterns = [
    path("", apis.RenewalListApi.as_view(), name="renewal-list"),
    path("dashboard-stats/", apis.RenewalDashboardStatsApi.as_view(), name="renewal-dashboard-stats"),
    path("run-scan/", apis.RenewalRunScanApi.as_view(), name="renewal-run-scan"),
    path("export/", apis.RenewalExportApi.as_view(), name="renewal-export"),
    path("bulk-approve/", apis.RenewalBulkApproveApi.as_view(), name="renewal-bulk-approve"),
    path("<str:recommendation_id>/", apis.RenewalDetailApi.as_view(), name="renewal-detail"),
    path("<str:recommendation_id>/approve/", apis.RenewalApproveApi.as_view(), name="renewal-approve"),
    path("<str:recommendation_id>/send/", apis.RenewalSendApi.as_view(), name="renewal-send"),
    path(
        "<str:recommendation_id>/generate-letter/",
        apis.RenewalGenerateLetterApi.as_view(),
        name="renewal-generate-letter",
    ),
    path("<str:recommendation_id>/letter/", apis.RenewalLetterUpdateApi.as_view(), name="renewal-letter"),
    path("<str:recommendation_id>/update-letter/", apis.RenewalLetterUpdateApi.as_view(), name="renewal-update-letter"),
    path("<str:recommendation_id>/respond/", apis.RenewalRespondApi.as_view(), name="renewal-respond"),
]
