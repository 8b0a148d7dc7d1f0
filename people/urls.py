from django.contrib.auth import views as auth_views
from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="people/login.html"),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("mijn-webs/", views.my_webs, name="my_webs"),
]
