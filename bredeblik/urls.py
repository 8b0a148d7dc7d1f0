from django.urls import include, path

from bredeblik.lazy_urls import LazyNamespacedInclude


# For apps that the header, footer and fill-in pages do not link to: they load on their first
# request or link, not in a worker that only serves residents filling in their webs.
def lazy_include(route: str, app_name: str, urlconf: str = "") -> LazyNamespacedInclude:
    return LazyNamespacedInclude(
        route, urlconf or f"{app_name}.urls", app_name=app_name, namespace=app_name
    )


urlpatterns = [
    # Patterns are tried in order, and a resident filling in a web sends most of all requests
    # (a save on every answer): their paths are found first.
    path("web/", include("assessments.urls")),
    path("", include("core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("people.urls")),
    lazy_include("organisatie/", "organisations"),
    lazy_include("delen/", "sharing"),
    lazy_include("gesprek/", "conversations"),
    lazy_include("samen/", "together"),
    lazy_include("traject/", "trajectories"),
    path("sociale-kaart/", include("socialmap.urls")),
    lazy_include("hsds/", "hsds", "socialmap.hsds_urls"),
    lazy_include("verwijzingen/", "referrals"),
    path("inzicht/", include("insights.urls")),
    lazy_include("bijeenkomst/", "community"),
    lazy_include("fhir/", "interop"),
    lazy_include("aan-de-slag/", "implementation"),
    lazy_include("netwerk/", "network"),
    lazy_include("evaluatie/", "evaluation"),
    # The API (django-ninja and pydantic) loads on its first request or link, not in a worker
    # that only serves pages.
    LazyNamespacedInclude("api/v1/", "bredeblik.api_urls", app_name="ninja", namespace="api"),
    # The admin likewise: every app's admin.py loads with it (bredeblik/admin_site.py).
    LazyNamespacedInclude("beheer/", "bredeblik.admin_urls", app_name="admin", namespace="admin"),
]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
