"""/api/v1/imports/ — `templates/<kind>/` before the id route; ids are parsed in the view (malformed = 404)."""

from django.urls import path

from imports import apis

urlpatterns = [
    path("", apis.ImportListApi.as_view(), name="import-list"),
    path("templates/<str:kind>/", apis.ImportTemplateApi.as_view(), name="import-template"),
    path("<str:run_id>/", apis.ImportDetailApi.as_view(), name="import-detail"),
]
