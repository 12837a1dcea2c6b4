from django.urls import path
from rest_framework.routers import SimpleRouter

from predictive_maintenance.apis import (
    EquipmentViewSet,
    MaintenancePredictionViewSet,
    RiskHeatmapApi,
    RiskScoreViewSet,
    SuggestionViewSet,
)

router = SimpleRouter()
router.register("equipment", EquipmentViewSet, basename="equipment")
router.register("predictions", MaintenancePredictionViewSet, basename="maintenance-prediction")
router.register("risk-scores", RiskScoreViewSet, basename="risk-score")
router.register("suggestions", SuggestionViewSet, basename="preventive-suggestion")
urlpatterns = [
    path("risk-heatmap/", RiskHeatmapApi.as_view(), name="risk-heatmap"),
    *router.urls,
]
