from django.urls import path

from core import apis

urlpatterns = [
    path("health/", apis.HealthApi.as_view(), name="health"),
    path("auth/token/", apis.AuthTokenApi.as_view(), name="auth-token"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="auth-logout"),
    path("auth/me/", apis.MeApi.as_view(), name="auth-me"),
    path("jobs/<str:job_id>/", apis.JobDetailApi.as_view(), name="job-detail"),
]
