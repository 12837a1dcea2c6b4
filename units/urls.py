"""/api/v1/units/ — the work-order routes (literal segments before the id routes) come before the unit router.
Work-order ids are matched as plain strings and parsed in the view, so a malformed id answers the same JSON 404
as an unknown one."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from units import apis

router = SimpleRouter()
router.register("", apis.UnitViewSet, basename="unit")

urlpatterns = [
    path("work-orders/", apis.WorkOrderListCreateApi.as_view(), name="work-order-list"),
    path("work-orders/summary/", apis.WorkOrderSummaryApi.as_view(), name="work-order-summary"),
    path("work-orders/export/", apis.WorkOrderExportApi.as_view(), name="work-order-export"),
    path("work-orders/<str:id>/", apis.WorkOrderDetailApi.as_view(), name="work-order-detail"),
    path("work-orders/<str:id>/transition/", apis.WorkOrderTransitionApi.as_view(), name="work-order-transition"),
    path("work-orders/<str:id>/files/", apis.WorkOrderFilesApi.as_view(), name="work-order-files"),
    path(
        "work-orders/<str:id>/files/<str:link_id>/",
        apis.WorkOrderFileDetailApi.as_view(),
        name="work-order-file-detail",
    ),
    *router.urls,
]
