from django.contrib import admin

from evaluation.models import AimFigures, JoyRound, ProgrammeTrajectory


@admin.register(ProgrammeTrajectory)
class ProgrammeTrajectoryAdmin(admin.ModelAdmin):
    # No client column: the admin list is not a list of who takes part.
    list_display = ["reference", "programme", "started_on", "ended_on", "contact_hours", "costs"]
    list_filter = ["programme"]
    exclude = ["client"]


@admin.register(JoyRound)
class JoyRoundAdmin(admin.ModelAdmin):
    # Only the count: the sums stay out of the admin, as they are while a round is open.
    list_display = ["team", "opened_at", "closed_at", "answer_count"]
    exclude = ["totals"]


@admin.register(AimFigures)
class AimFiguresAdmin(admin.ModelAdmin):
    list_display = ["programme", "period", "published_at"]
    readonly_fields = ["experience", "joy", "costs"]
