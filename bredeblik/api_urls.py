"""The JSON API's URLs, imported on the first API request or link (see bredeblik/urls.py)."""

from bredeblik.api import api

urlpatterns, app_name, _namespace = api.urls
