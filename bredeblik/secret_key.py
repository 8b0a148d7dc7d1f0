"""The production rule for SECRET_KEY: long, varied and never the development key."""

from django.core.exceptions import ImproperlyConfigured

MIN_LENGTH = 50
MIN_DISTINCT_CHARACTERS = 5


def check_production_secret_key(key: str, development_key: str) -> None:
    """Raise ImproperlyConfigured for a key that would let anyone forge sessions and links."""
    if not key:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG is not 1.")
    if key == development_key or key.startswith("django-insecure"):
        raise ImproperlyConfigured("SECRET_KEY is a development key; generate a new one.")
    if len(key) < MIN_LENGTH or len(set(key)) < MIN_DISTINCT_CHARACTERS:
        raise ImproperlyConfigured(
            f"SECRET_KEY is weak: use at least {MIN_LENGTH} random characters "
            f"(for example: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
