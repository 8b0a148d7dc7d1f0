from django.urls import path

from conversations import own_views, views
from instruments import views as instrument_views

app_name = "conversations"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("team/", views.team_view, name="team"),
    path("mijn-plan/", views.my_plan, name="my_plan"),
    path("mijn-traject/", views.my_trajectory, name="my_trajectory"),
    path("mijn-plan/stap/", own_views.own_step, name="own_step"),
    path("zelf/", own_views.own_start, name="own_start"),
    path("zelf/<uuid:public_id>/", own_views.own_detail, name="own_detail"),
    path("zelf/<uuid:public_id>/vraag/<int:number>/", own_views.own_question, name="own_question"),
    path("client/<int:person_id>/nieuw/", views.start, name="start"),
    path("client/<int:person_id>/traject/", views.trajectory, name="trajectory"),
    path("stap/<uuid:public_id>/status/", views.step_status, name="step_status"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/vraag/<int:number>/", views.question, name="question"),
    path("<uuid:public_id>/thema/", views.theme, name="theme"),
    path("<uuid:public_id>/stappen/", views.add_step, name="add_step"),
    # The organisation's own dimension lives in the instruments app; routed here.
    path(
        "eigen-dimensie/<slug:slug>/",
        instrument_views.custom_dimension,
        name="custom_dimension",
    ),
]
