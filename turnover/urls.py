"""/api/v1/turnover/ — the literal routes before the case routes; case ids are matched as strings and parsed in
the view, so a malformed id answers the same JSON 404 as an unknown one."""

from django.urls import path

from turnover import apis

urlpatterns = [
    path("", apis.TurnoverCaseListApi.as_view(), name="turnover-list"),
    path("export/", apis.TurnoverCaseExportApi.as_view(), name="turnover-export"),
    path("kanban/", apis.TurnoverKanbanApi.as_view(), name="turnover-kanban"),
    path("dashboard-stats/", apis.TurnoverDashboardStatsApi.as_view(), name="turnover-dashboard-stats"),
    path("<str:case_id>/", apis.TurnoverCaseDetailApi.as_view(), name="turnover-detail"),
    path("<str:case_id>/advance-stage/", apis.TurnoverAdvanceStageApi.as_view(), name="turnover-advance-stage"),
    path("<str:case_id>/deductions/", apis.TurnoverDeductionsApi.as_view(), name="turnover-deductions"),
    path(
        "<str:case_id>/deductions/<str:deduction_id>/",
        apis.TurnoverDeductionDetailApi.as_view(),
        name="turnover-deduction-detail",
    ),
    path(
        "<str:case_id>/deductions/<str:deduction_id>/approve/",
        apis.TurnoverDeductionApproveApi.as_view(),
        name="turnover-deduction-approve",
    ),
    path(
        "<str:case_id>/checklist/<str:item_id>/",
        apis.TurnoverChecklistItemApi.as_view(),
        name="turnover-checklist-item",
    ),
    path(
        "<str:case_id>/generate-deduction-letter/",
        apis.TurnoverGenerateLetterApi.as_view(),
        name="turnover-generate-letter",
    ),
    path("<str:case_id>/letter-preview/", apis.TurnoverLetterPreviewApi.as_view(), name="turnover-letter-preview"),
    path("<str:case_id>/letter-pdf/", apis.TurnoverLetterPdfApi.as_view(), name="turnover-letter-pdf"),
    path("<str:case_id>/send-deduction-letter/", apis.TurnoverSendLetterApi.as_view(), name="turnover-send-letter"),
]
