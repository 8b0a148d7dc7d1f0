"""Menu entries: every app may offer a `navigation.items(request)` returning (url, label) pairs.

Working out the menu asks every app what this person may do (roles, consent, referrals,
figures). Answers that several apps need are read once (core.roles.remembered), and the
menu is kept in the session per language for
a few minutes. It only offers links: every view still checks its own permissions on each
request, so a menu that is a few minutes behind a changed role shows at most a link that is
refused, or misses one for those minutes.
"""

from __future__ import annotations

import time
from importlib import import_module

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import module_has_submodule
from django.utils.translation import get_language

SESSION_KEY = "bredeblik_menu"
MENU_SECONDS = 300


def menu_entries(request: HttpRequest) -> list[dict[str, str]]:
    entries = []
    # Several apps ask the same things (the person's roles, whether they analyse figures):
    # core.roles.remembered keeps each answer while the menu is made.
    request.user._menu_memo = {}
    try:
        for config in apps.get_app_configs():
            if config.name == "core" or not module_has_submodule(config.module, "navigation"):
                continue
            module = import_module(f"{config.name}.navigation")
            for url, label in module.items(request):
                entries.append({"url": url, "label": str(label)})
    finally:
        del request.user._menu_memo
    return entries


def navigation(request: HttpRequest) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    language = get_language() or ""
    kept = request.session.get(SESSION_KEY)
    now = time.time()
    if (
        kept
        and kept.get("user") == request.user.pk
        and kept.get("language") == language
        and now - kept.get("at", 0) < MENU_SECONDS
    ):
        return {"nav_items": kept["entries"]}
    entries = menu_entries(request)
    request.session[SESSION_KEY] = {
        "user": request.user.pk,
        "language": language,
        "at": now,
        "entries": entries,
    }
    return {"nav_items": entries}
