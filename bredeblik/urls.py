from django.contrib import admin
from django.urls import include, path

from bredeblik.lazy_urls import LazyNamespacedInclude

urlpatterns = [
    path("", include("core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("people.urls")),
    path("web/", include("assessments.urls")),
    path("organisatie/", include("organisations.urls")),
    path("delen/", include("sharing.urls")),
    path("gesprek/", include("conversations.urls")),
    path("samen/", include("together.urls")),
    path("traject/", include("trajectories.urls")),
    path("sociale-kaart/", include("socialmap.urls")),
    path("hsds/", include("socialmap.hsds_urls")),
    path("verwijzingen/", include("referrals.urls")),
    path("inzicht/", include("insights.urls")),
    path("bijeenkomst/", include("community.urls")),
    path("fhir/", include("interop.urls")),
    path("aan-de-slag/", include("implementation.urls")),
    path("netwerk/", include("network.urls")),
    path("evaluatie/", include("evaluation.urls")),
    # The API (django-ninja and pydantic) loads on its first request or link, not in a worker
    # that only serves pages.
    LazyNamespacedInclude("api/v1/", "bredeblik.api_urls", app_name="ninja", namespace="api"),
    path("beheer/", admin.site.urls),
]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
