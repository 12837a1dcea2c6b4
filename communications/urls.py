from django.urls import path
from rest_framework.routers import SimpleRouter

from communications.apis import (
    BroadcastViewSet,
    ConversationViewSet,
    InboundApi,
    SentimentAtRiskApi,
    SentimentTenantApi,
    SimulateApi,
    TemplateListApi,
)

router = SimpleRouter()
router.register("conversations", ConversationViewSet, basename="conversation")
router.register("broadcasts", BroadcastViewSet, basename="broadcast")

urlpatterns = [
    path("inbound/", InboundApi.as_view()),
    path("templates/", TemplateListApi.as_view()),
    path("sentiment/at-risk/", SentimentAtRiskApi.as_view()),
    path("sentiment/<uuid:tenant_id>/", SentimentTenantApi.as_view()),
    path("simulate/", SimulateApi.as_view()),
    *router.urls,
]
