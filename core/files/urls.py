from django.urls import path

from core.files import apis

urlpatterns = [
    path("", apis.FileCreateApi.as_view(), name="file-create"),
    path("signed/<str:token>/", apis.FileSignedContentApi.as_view(), name="file-signed-content"),
    path("<str:file_id>/", apis.FileDetailApi.as_view(), name="file-detail"),
    path("<str:file_id>/content/", apis.FileContentApi.as_view(), name="file-content"),
    path("<str:file_id>/signed-url/", apis.FileSignedUrlApi.as_view(), name="file-signed-url"),
]
