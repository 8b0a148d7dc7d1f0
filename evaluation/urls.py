from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("traject/client/<int:person_id>/", views.trajectory, name="trajectory"),
    path("ervaring/<uuid:public_id>/", views.experience, name="experience"),
    path("kosten/<slug:slug>/", views.costs, name="costs"),
    path("werkplezier/team/<int:team_id>/", views.joy_team, name="joy_team"),
    path("werkplezier/ronde/<int:round_id>/", views.joy_round, name="joy_round"),
    path("werkplezier/ronde/<int:round_id>/sluiten/", views.joy_close, name="joy_close"),
]
