"""Site staff create organisations and their first admin here; admins go on at /organisatie/."""

from django.contrib import admin

from organisations.models import Membership, Organisation, Team, Theme


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


class ThemeInline(admin.StackedInline):
    model = Theme
    extra = 0
    max_num = 1


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]
    inlines = [ThemeInline, TeamInline, MembershipInline]
