from rest_framework.routers import SimpleRouter

from core.messaging import apis

router = SimpleRouter()
router.register("outbox", apis.OutboxViewSet, basename="outbox")
router.register("inbound", apis.InboundViewSet, basename="inbound")

urlpatterns = router.urls
