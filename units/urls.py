from rest_framework.routers import SimpleRouter

from units.apis import UnitViewSet, WorkOrderViewSet

router = SimpleRouter()
router.register("work-orders", WorkOrderViewSet, basename="work-order")
router.register("", UnitViewSet, basename="unit")
urlpatterns = router.urls
