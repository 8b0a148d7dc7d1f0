from django.urls import path

from together import views

app_name = "together"

urlpatterns = [
    path("", views.start, name="start"),
    path("papier/", views.paper_forms, name="paper_forms"),
    path("papier/invoeren/", views.paper_enter, name="paper_enter"),
    path("papier/<slug:instrument_id>/<str:language>.pdf", views.paper_pdf, name="paper_pdf"),
    path("web/<str:token>/stoppen/<int:share_id>/", views.stop_room_share, name="stop_share"),
    path("<uuid:public_id>/", views.room, name="room"),
    path("<uuid:public_id>/toestemming/", views.consent, name="consent"),
]
