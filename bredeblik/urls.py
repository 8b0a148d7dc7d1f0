from django.contrib import admin
from django.urls import include, path

from bredeblik.api import api

urlpatterns = [
    path("", include("core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("people.urls")),
    path("web/", include("assessments.urls")),
    path("organisatie/", include("organisations.urls")),
    path("delen/", include("sharing.urls")),
    path("gesprek/", include("conversations.urls")),
    path("sociale-kaart/", include("socialmap.urls")),
    path("hsds/", include("socialmap.hsds_urls")),
    path("verwijzingen/", include("referrals.urls")),
    path("inzicht/", include("insights.urls")),
    path("bijeenkomst/", include("community.urls")),
    path("fhir/", include("interop.urls")),
    path("api/v1/", api.urls),
    path("beheer/", admin.site.urls),
]
