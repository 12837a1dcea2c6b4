from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.apis import ApiNotFound
from core.spa import spa_index

api_v1 = [
    path("", include("core.urls")),
    path("ai/", include("core.ai.urls")),
    path("messages/", include("core.messaging.urls")),
    path("files/", include("core.files.urls")),
    path("webhooks/", include("core.messaging.webhook_urls")),
    path("notifications/", include("core.notifications.urls")),
    path("", include("dashboard.urls")),
    path("properties/", include("properties.urls")),
    path("jurisdiction-rules/", include("properties.jurisdiction_urls")),
    path("units/", include("units.urls")),
    path("tenants/", include("tenants.urls")),
    path("invoices/", include("invoices.urls")),
    path("predictive-maintenance/", include("predictive_maintenance.urls")),
    path("renewals/", include("renewals.urls")),
    path("collections/", include("collections_app.urls")),
    path("turnover/", include("turnover.urls")),
    path("inspections/", include("inspections.urls")),
    path("responsibility/", include("responsibility.urls")),
    path("pricing/", include("pricing.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("imports/", include("imports.urls")),
    path("communications/", include("communications.urls")),
    path("chat/", include("chat.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    # spec 5.3 names its routes /api/v2/communications/…: the same views (spec README)
    path("api/v2/communications/", include(("communications.urls", "communications_v2"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's init script from a URL (no inline <script>) so it runs under the
    # CSP; Swagger UI styles itself with inline <style> elements, allowed on this page only.
    path(
        "api/docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="swagger-ui",
    ),
    re_path(r"^api/", ApiNotFound.as_view()),
    # Everything else that is not an API/admin/static path is the Angular app.
    re_path(r"^(?!api/|admin/|static/|media/).*$", spa_index, name="spa"),
]
