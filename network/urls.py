from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:network_id>/beheren/", views.manage, name="manage"),
    path("<int:network_id>/beheren/<int:member_id>/", views.member_action, name="member_action"),
    path("<int:network_id>/stoppen/", views.end, name="end"),
    path("<int:network_id>/", views.detail, name="detail"),
    path("<int:network_id>/web/<uuid:web_id>/", views.member_web, name="web"),
    path("<int:network_id>/overleg/nieuw/", views.plan, name="plan"),
    path("<int:network_id>/overleg/<int:meeting_id>/", views.meeting, name="meeting"),
    path(
        "<int:network_id>/afspraak/<int:agreement_id>/",
        views.agreement_done,
        name="agreement_done",
    ),
    path("uitnodiging/<str:token>/", views.join, name="join"),
]
