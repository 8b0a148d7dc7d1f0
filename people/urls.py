from django.contrib.auth import views as auth_views
from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("aanmelden/", views.signup, name="signup"),
    path("mijn-webs/", views.my_webs, name="my_webs"),
    path("web-toevoegen/", views.attach, name="attach"),
    path("mijn-gegevens.json", views.export_json, name="export_json"),
    path("mijn-gegevens.pdf", views.export_pdf, name="export_pdf"),
    path("verwijderen/", views.delete_account, name="delete_account"),
]
