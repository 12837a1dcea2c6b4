from django.urls import path

from core.notifications import apis

urlpatterns = [
    path("", apis.NotificationListApi.as_view(), name="notification-list"),
    path("reminders/", apis.ReminderListCreateApi.as_view(), name="reminder-list"),
    path("read-all/", apis.NotificationReadAllApi.as_view(), name="notification-read-all"),
    path("<str:notification_id>/read/", apis.NotificationReadApi.as_view(), name="notification-read"),
]
