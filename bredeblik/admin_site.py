"""The admin, with every app's admin.py imported on first use instead of at start-up.

Django's AdminConfig imports them all in each worker; the pages residents fill in never need
them. They load with the admin's URLs (bredeblik/admin_urls.py) or when the checks run.
"""

from django.contrib import admin
from django.contrib.admin.apps import SimpleAdminConfig


class AdminSite(admin.AdminSite):
    def check(self, app_configs):
        admin.autodiscover()
        return super().check(app_configs)


class AdminConfig(SimpleAdminConfig):
    default_site = "bredeblik.admin_site.AdminSite"
