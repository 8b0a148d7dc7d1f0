from django.apps import AppConfig


class SocialmapConfig(AppConfig):
    name = "socialmap"
