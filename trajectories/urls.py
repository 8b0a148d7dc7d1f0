from django.urls import path

from trajectories import views

app_name = "trajectories"

urlpatterns = [
    path("client/<int:person_id>/plannen/", views.plan, name="plan"),
]
