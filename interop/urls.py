from django.urls import path

from interop import views

app_name = "interop"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("Questionnaire", views.questionnaire_search, name="questionnaire_search"),
    path("Questionnaire/<str:resource_id>", views.questionnaire_read, name="questionnaire_read"),
    path(
        "Questionnaire/<str:instrument_id>/<str:version>",
        views.questionnaire_version,
        name="questionnaire",
    ),
    path(
        "QuestionnaireResponse",
        views.questionnaire_response_type,
        name="questionnaire_responses",
    ),
    path(
        "QuestionnaireResponse/<str:resource_id>",
        views.questionnaire_response_read,
        name="questionnaire_response",
    ),
]
