from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("", views.home, name="home"),
    path("nieuw/", views.create, name="create"),
    path("<str:code>/", views.take_part, name="take_part"),
    path("<str:code>/bord/", views.board, name="board"),
    path("<str:code>/bord/deel/", views.board_partial, name="board_partial"),
    path("<str:code>/leiden/", views.facilitate, name="facilitate"),
    path("<str:code>/verslag/", views.report, name="report"),
    path("<str:code>/verslag.pdf", views.download_pdf, name="report_pdf"),
    path("<str:code>/verslag.csv", views.download_csv, name="report_csv"),
]
