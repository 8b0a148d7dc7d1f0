from django.urls import path

from socialmap import views

app_name = "socialmap"

urlpatterns = [
    path("", views.search, name="search"),
    path("dienst/<uuid:service_id>/", views.detail, name="detail"),
    path("beheer/", views.manage, name="manage"),
    path("beheer/dienst/nieuw/", views.edit_service, name="new_service"),
    path("beheer/dienst/<uuid:service_id>/", views.edit_service, name="edit_service"),
    path("beheer/dienst/<uuid:service_id>/gecontroleerd/", views.verify_service, name="verify"),
    path("beheer/organisatie/nieuw/", views.edit_organization, name="new_organization"),
    path(
        "beheer/organisatie/<uuid:organization_id>/",
        views.edit_organization,
        name="edit_organization",
    ),
    path("beheer/locatie/nieuw/", views.edit_location, name="new_location"),
    path("beheer/locatie/<uuid:location_id>/", views.edit_location, name="edit_location"),
    path("beheer/importeren/", views.import_file, name="import"),
    path("beheer/importeren/<uuid:job_id>/", views.import_job, name="import_job"),
    path("beheer/exporteren/", views.export_file, name="export"),
]
