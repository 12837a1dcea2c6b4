"""/api/v1/portfolio/ — literal segments come before the id routes. Ids are matched as strings and parsed in
the view, so malformed and unknown ids answer the same JSON 404."""

from django.urls import path

from portfolio import apis

urlpatterns = [
    path("command-center/", apis.CommandCenterListApi.as_view(), name="command-center"),
    path("command-center/select-all/", apis.CommandCenterSelectAllApi.as_view(), name="command-center-select-all"),
    path("command-center/export/", apis.CommandCenterExportApi.as_view(), name="command-center-export"),
    path("ai-queue/", apis.AIQueueListApi.as_view(), name="ai-queue"),
    path("ai-queue/stats/", apis.AIQueueStatsApi.as_view(), name="ai-queue-stats"),
    path("ai-queue/run/", apis.AIQueueRunApi.as_view(), name="ai-queue-run"),
    path("ai-queue/<str:item_id>/", apis.AIQueueDetailApi.as_view(), name="ai-queue-detail"),
    path("ai-queue/<str:item_id>/dismiss/", apis.AIQueueDismissApi.as_view(), name="ai-queue-dismiss"),
    path("bulk-actions/", apis.BulkActionListCreateApi.as_view(), name="bulk-actions"),
    path("bulk-actions/action-types/", apis.BulkActionTypesApi.as_view(), name="bulk-action-types"),
    path("bulk-actions/preview/", apis.BulkActionPreviewApi.as_view(), name="bulk-action-preview"),
    path("bulk-actions/<str:batch_id>/", apis.BulkActionDetailApi.as_view(), name="bulk-action-detail"),
    path("bulk-actions/<str:batch_id>/cancel/", apis.BulkActionCancelApi.as_view(), name="bulk-action-cancel"),
]
