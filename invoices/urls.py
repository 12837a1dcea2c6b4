from rest_framework.routers import SimpleRouter

from invoices.apis import InvoiceViewSet, VendorViewSet

router = SimpleRouter()
router.register("vendors", VendorViewSet, basename="vendor")
router.register("", InvoiceViewSet, basename="invoice")
urlpatterns = router.urls
