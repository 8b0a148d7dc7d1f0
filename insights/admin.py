from django.contrib import admin

from insights.models import Analyst, Programme, ProgrammeQuote


@admin.register(Analyst)
class AnalystAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "is_national")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "starts_on", "ends_on")


@admin.register(ProgrammeQuote)
class ProgrammeQuoteAdmin(admin.ModelAdmin):
    list_display = ("programme", "dimension", "added_at")
