from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    # The autosave and the part pages come first: they are requested most (see bredeblik/urls).
    path("<str:token>/antwoord/", views.save_answer, name="save_answer"),
    path("<str:token>/deel/<int:number>/", views.fill_in, name="fill_in"),
    # "start/" before "<str:token>/", which would take it too.
    path("start/", views.start, name="start"),
    path("hervatten/", views.resume, name="resume"),
    path("<str:token>/", views.result, name="result"),
    path("<str:token>/begin/", views.started, name="started"),
    path("<str:token>/afronden/", views.finish, name="finish"),
    path("<str:token>/opnieuw/", views.fill_in_again, name="fill_in_again"),
    path("<str:token>/geschiedenis/", views.history, name="history"),
    path("<str:token>/vergelijk/", views.compare, name="compare"),
    path("<str:token>/web.svg", views.web_svg, name="web_svg"),
    path("<str:token>/rapport.pdf", views.report_pdf, name="report_pdf"),
]
