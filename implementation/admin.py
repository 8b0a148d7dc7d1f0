from django.contrib import admin

from implementation.models import ChecklistItem, RouteEntry, TeamReflection, TeamWebRound


@admin.register(RouteEntry)
class RouteEntryAdmin(admin.ModelAdmin):
    list_display = ["team", "step", "status", "recorded_at"]
    list_filter = ["step", "status"]


@admin.register(TeamReflection)
class TeamReflectionAdmin(admin.ModelAdmin):
    list_display = ["team", "question", "written_at"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["organisation", "role", "display_text", "position"]
    list_filter = ["role"]


@admin.register(TeamWebRound)
class TeamWebRoundAdmin(admin.ModelAdmin):
    # The picture only: who took part is never kept once a round closes.
    list_display = ["team", "opened_at", "closed_at", "participant_count"]
    readonly_fields = ["picture", "participant_count"]
