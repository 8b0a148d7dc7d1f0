from django.urls import path

from interop import views

app_name = "interop"

urlpatterns = [
    path(
        "Questionnaire/<str:instrument_id>/<str:version>",
        views.questionnaire,
        name="questionnaire",
    ),
    path(
        "QuestionnaireResponse/<str:token>",
        views.questionnaire_response,
        name="questionnaire_response",
    ),
]
