from django.contrib.auth import views as auth_views
from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("aanmelden/", views.signup, name="signup"),
    path("aanmelden/verstuurd/", views.signup_sent, name="signup_sent"),
    path("aanmelden/<str:uidb64>/<str:token>/", views.confirm_account, name="confirm_account"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="people/signup_sent.html"),
        name="password_reset_sent",
    ),
    path(
        "wachtwoord-vergeten/<str:uidb64>/<str:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="people/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path("mijn-webs/", views.my_webs, name="my_webs"),
    path("web-toevoegen/", views.attach, name="attach"),
    path("mijn-gegevens.json", views.export_json, name="export_json"),
    path("mijn-gegevens.pdf", views.export_pdf, name="export_pdf"),
    path("verwijderen/", views.delete_account, name="delete_account"),
]
