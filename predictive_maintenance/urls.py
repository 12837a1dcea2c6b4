from rest_framework.routers import SimpleRouter

from predictive_maintenance.apis import EquipmentViewSet, MaintenancePredictionViewSet

router = SimpleRouter()
router.register("equipment", EquipmentViewSet, basename="equipment")
router.register("predictions", MaintenancePredictionViewSet, basename="maintenance-prediction")
urlpatterns = router.urls
