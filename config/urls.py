"""Top-level URLs. Pages are under a language prefix (/en/, /fi/, /sv/); the API is not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from cityimpact.accounts.views import admin_login
from cityimpact.core.views import health

api_v1: list[URLPattern | URLResolver] = [
    path("", include("cityimpact.portfolio.api_urls")),
    path("sdg/", include("cityimpact.sdg.api_urls")),
    path("handprint/", include("cityimpact.handprint.api_urls")),
    path("campaigns/", include("cityimpact.campaigns.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]

urlpatterns = [
    path("api/v1/", include((api_v1, "api"))),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", health, name="health"),
]

urlpatterns += i18n_patterns(
    path("admin/login/", admin_login),  # the sign-in limit; before the admin's own login
    path("admin/", admin.site.urls),
    path("accounts/", include("cityimpact.accounts.urls")),
    path("jobs/", include("cityimpact.core.urls")),
    path("sdg/", include("cityimpact.sdg.urls")),
    path("handprint/", include("cityimpact.handprint.urls")),
    path("campaigns/", include("cityimpact.campaigns.urls")),
    path("", include("cityimpact.portfolio.urls")),
)
