from django.apps import AppConfig


class TogetherConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "together"
    verbose_name = "Filling in together and on paper"
