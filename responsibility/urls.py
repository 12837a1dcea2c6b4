"""/api/v1/responsibility/ — ids matched as strings and parsed in the view (a malformed id is the same JSON 404)."""

from django.urls import path

from responsibility import apis

urlpatterns = [
    path("assess/", apis.AssessApi.as_view(), name="responsibility-assess"),
    path("queue/", apis.QueueApi.as_view(), name="responsibility-queue"),
    path("metrics/", apis.MetricsApi.as_view(), name="responsibility-metrics"),
    path("charges/", apis.ChargeListApi.as_view(), name="responsibility-charges"),
    path("charges/export/", apis.ChargeExportApi.as_view(), name="responsibility-charges-export"),
    path("charges/<str:charge_id>/", apis.ChargeDetailApi.as_view(), name="responsibility-charge"),
    path("charges/<str:charge_id>/bill/", apis.ChargeBillApi.as_view(), name="responsibility-charge-bill"),
    path("charges/<str:charge_id>/pay/", apis.ChargePayApi.as_view(), name="responsibility-charge-pay"),
    path("charges/<str:charge_id>/dispute/", apis.ChargeDisputeApi.as_view(), name="responsibility-charge-dispute"),
    path("charges/<str:charge_id>/resolve/", apis.ChargeResolveApi.as_view(), name="responsibility-charge-resolve"),
    path("public/charges/<str:token>/", apis.PublicChargeDisputeApi.as_view(), name="responsibility-public-charge"),
    path("work-orders/<str:work_order_id>/", apis.WorkOrderResponsibilityApi.as_view(), name="responsibility-wo"),
    path(
        "work-orders/<str:work_order_id>/determine/",
        apis.WorkOrderDetermineApi.as_view(),
        name="responsibility-wo-determine",
    ),
    path(
        "work-orders/<str:work_order_id>/confirm/", apis.WorkOrderConfirmApi.as_view(), name="responsibility-wo-confirm"
    ),
    path("work-orders/<str:work_order_id>/waive/", apis.WorkOrderWaiveApi.as_view(), name="responsibility-wo-waive"),
]
