from django.urls import path

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.index, name="index"),
    path("mijn/", views.mine, name="mine"),
    path("nieuw/<uuid:conversation_id>/", views.create, name="create"),
    path("<uuid:referral_id>/", views.detail, name="detail"),
    path("<uuid:referral_id>/status/", views.move, name="move"),
]
