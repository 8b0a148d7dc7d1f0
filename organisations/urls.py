from django.urls import path

from organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.index, name="index"),
    path("tweestaps/", views.two_factor_setup, name="two_factor_setup"),
    path("tweestaps/controle/", views.two_factor_verify, name="two_factor_verify"),
    path("uitnodigingen/", views.offers, name="offers"),
    path("<slug:slug>/thema.css", views.theme_stylesheet, name="theme_stylesheet"),
    path("<slug:slug>/logo", views.theme_logo, name="theme_logo"),
    path("<slug:slug>/", views.manage, name="manage"),
    path("<slug:slug>/teams/", views.create_team, name="create_team"),
    path("<slug:slug>/leden/", views.add_member, name="add_member"),
    path(
        "<slug:slug>/leden/<int:membership_id>/verwijderen/",
        views.remove_member,
        name="remove_member",
    ),
    path("<slug:slug>/audit.csv", views.audit_csv, name="audit_csv"),
]
