from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("api/cijfers/", views.api_figures, name="api_figures"),
    path("wijk/<str:area>/", views.neighbourhood_report, name="report"),
    path("leefomgeving/", views.living_environment, name="living_environment"),
    path("programma/", views.programmes, name="programmes"),
    path("programma/<int:pk>/", views.programme_evaluation, name="programme"),
    path("meetellen/<str:token>/", views.opt_in, name="opt_in"),
    path("meetellen/<str:token>/stoppen/", views.opt_out, name="opt_out"),
]
