"""The admin's URLs, imported on the first admin request or link (see bredeblik/urls.py)."""

from django.contrib import admin

admin.autodiscover()
urlpatterns, app_name, _namespace = admin.site.urls
