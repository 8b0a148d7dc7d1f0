"""The project's URLs plus the HSDS API, which bredeblik/urls.py does not mount yet."""

from django.urls import include, path

from bredeblik.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("hsds/", include("socialmap.hsds_urls"))]
