from django.urls import path

from implementation import views

app_name = "implementation"

urlpatterns = [
    path("", views.index, name="index"),
    path("team/<int:team_id>/", views.team, name="team"),
    path("team/<int:team_id>/route/<slug:step_id>/", views.route_step, name="route_step"),
    path("team/<int:team_id>/vraag/<int:number>/", views.reflection, name="reflection"),
    path("team/<int:team_id>/ronde/", views.open_round, name="open_round"),
    path("team/<int:team_id>/ronde/<int:round_id>/", views.round_detail, name="round"),
    path("team/<int:team_id>/ronde/<int:round_id>/sluiten/", views.close_round, name="close_round"),
    path("afvinken/<int:item_id>/", views.tick, name="tick"),
    path("organisatie/<slug:slug>/checklist/", views.checklist, name="checklist"),
    path(
        "organisatie/<slug:slug>/checklist/<int:item_id>/",
        views.checklist_item,
        name="checklist_item",
    ),
]
