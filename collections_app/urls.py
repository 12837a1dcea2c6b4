"""/api/v1/collections/ — literal segments come before the id routes. Ids are matched as plain strings and
parsed in the view, so a malformed id answers the same JSON 404 as an unknown one."""

from django.urls import path

from collections_app import apis

urlpatterns = [
    path("", apis.CollectionCaseListApi.as_view(), name="collection-case-list"),
    path("dashboard-stats/", apis.CollectionDashboardStatsApi.as_view(), name="collection-dashboard-stats"),
    path("run-scan/", apis.CollectionRunScanApi.as_view(), name="collection-run-scan"),
    path("<str:case_id>/", apis.CollectionCaseDetailApi.as_view(), name="collection-case-detail"),
    path("<str:case_id>/actions/", apis.CollectionCaseActionsApi.as_view(), name="collection-case-actions"),
    path(
        "<str:case_id>/send-reminder/",
        apis.CollectionCaseSendReminderApi.as_view(),
        name="collection-case-send-reminder",
    ),
    path("<str:case_id>/offer-plan/", apis.CollectionCaseOfferPlanApi.as_view(), name="collection-case-offer-plan"),
    path("<str:case_id>/accept-plan/", apis.CollectionCaseAcceptPlanApi.as_view(), name="collection-case-accept-plan"),
    path(
        "<str:case_id>/record-payment/",
        apis.CollectionCaseRecordPaymentApi.as_view(),
        name="collection-case-record-payment",
    ),
    path("<str:case_id>/escalate/", apis.CollectionCaseEscalateApi.as_view(), name="collection-case-escalate"),
    path(
        "<str:case_id>/approve-legal/",
        apis.CollectionCaseApproveLegalApi.as_view(),
        name="collection-case-approve-legal",
    ),
    path(
        "<str:case_id>/dismiss-legal/",
        apis.CollectionCaseDismissLegalApi.as_view(),
        name="collection-case-dismiss-legal",
    ),
]
