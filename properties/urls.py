from rest_framework.routers import SimpleRouter

from properties.apis import PropertyViewSet

router = SimpleRouter()
router.register("", PropertyViewSet, basename="property")
urlpatterns = router.urls
