from django.urls import path

from core.ai import apis

urlpatterns = [
    path("usage/", apis.AIUsageApi.as_view(), name="ai-usage"),
    path("status/", apis.AIStatusApi.as_view(), name="ai-status"),
]
