"""/api/v1/chat/ — ids are matched as strings and parsed in the view (malformed and unknown answer the same 404)."""

from django.urls import path

from chat import apis

urlpatterns = [
    path("conversations/", apis.ConversationListCreateApi.as_view(), name="chat-conversations"),
    path(
        "conversations/<str:conversation_id>/messages/",
        apis.ConversationMessagesApi.as_view(),
        name="chat-conversation-messages",
    ),
    path("daily-digest/", apis.DailyDigestApi.as_view(), name="chat-daily-digest"),
]
