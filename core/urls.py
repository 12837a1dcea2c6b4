from django.urls import path

from core import apis

urlpatterns = [
    path("health/", apis.HealthApi.as_view(), name="health"),
    path("auth/token/", apis.AuthTokenApi.as_view(), name="auth-token"),
    path("auth/csrf/", apis.CsrfApi.as_view(), name="auth-csrf"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="auth-logout"),
    path("auth/logout-all/", apis.LogoutAllApi.as_view(), name="auth-logout-all"),
    path("auth/sessions/", apis.AuthSessionListApi.as_view(), name="auth-session-list"),
    path("auth/sessions/<str:session_id>/", apis.AuthSessionDetailApi.as_view(), name="auth-session-detail"),
    path("auth/me/", apis.MeApi.as_view(), name="auth-me"),
    path("jobs/<str:job_id>/", apis.JobDetailApi.as_view(), name="job-detail"),
]
