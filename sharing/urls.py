from django.urls import path

from sharing import views

app_name = "sharing"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:share_id>/stoppen/", views.revoke, name="revoke"),
    path("mijn-web/<str:token>/", views.share_web, name="share_web"),
    path("mijn-web/<str:token>/leeftijd/", views.state_age, name="state_age"),
    path("mijn-web/<str:token>/ouder/", views.give_guardian_consent, name="guardian_consent"),
    path(
        "mijn-web/<str:token>/ouder/intrekken/",
        views.revoke_guardian_consent,
        name="guardian_revoke",
    ),
    path("uitnodiging/", views.invitation_enter, name="invitation_enter"),
    path("uitnodiging/<str:token>/", views.invitation_link, name="invitation_link"),
    path("uitnodigingen/", views.invitation_new, name="invitation_new"),
    path("uitnodigingen/<int:pk>/", views.invitation_print, name="invitation_print"),
    path("met-mij-gedeeld/", views.shared_with_me, name="shared_with_me"),
    path("web/<uuid:public_id>/", views.shared_web, name="shared_web"),
    path("api-sleutels/", views.tokens, name="tokens"),
    path("api-sleutels/<int:pk>/intrekken/", views.token_revoke, name="token_revoke"),
]
