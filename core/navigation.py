"""Menu entries: every app may offer a `navigation.items(request)` returning (url, label) pairs."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import module_has_submodule


def navigation(request: HttpRequest) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    entries = []
    for config in apps.get_app_configs():
        if config.name == "core" or not module_has_submodule(config.module, "navigation"):
            continue
        module = import_module(f"{config.name}.navigation")
        for url, label in module.items(request):
            entries.append({"url": url, "label": label})
    return {"nav_items": entries}
