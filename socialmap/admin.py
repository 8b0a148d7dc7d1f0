from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from socialmap import models


@admin.register(models.Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organization", "status", "last_verified"]
    list_filter = ["status"]
    search_fields = ["name", "organization__name"]


@admin.register(models.Organization, models.Location)
class HistoryAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


admin.site.register(
    [models.Coordinator, models.Taxonomy, models.TaxonomyTerm, models.ServiceArea, models.Attribute]
)
