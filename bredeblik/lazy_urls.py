"""A namespaced include whose module is imported on its first request or reverse.

Django imports every included urlconf when it first reverses any URL: the root resolver
populates each include to collect its names, nested namespaces and callbacks. A namespaced
include needs none of that from the root (its names are looked up through the namespace), so
this one skips it until a request or a `reverse("api:…")` reaches it. The JSON API
(django-ninja with pydantic, some 12 MB) is mounted this way, so a worker that only serves
pages does not hold it.
"""

from __future__ import annotations

from django.urls import URLResolver
from django.urls.resolvers import RoutePattern


class LazyNamespacedInclude(URLResolver):
    def __init__(self, route: str, urlconf: str, *, app_name: str, namespace: str) -> None:
        super().__init__(RoutePattern(route), urlconf, app_name=app_name, namespace=namespace)
        self._wanted = False

    def _populate(self) -> None:
        if self._wanted:
            super()._populate()

    @property
    def reverse_dict(self):
        # Every reverse into the namespace, and anything else that reads the names, comes here.
        self._wanted = True
        return super().reverse_dict

    @property
    def namespace_dict(self) -> dict:
        return {}  # the included module declares no namespaces of its own

    @property
    def app_dict(self) -> dict:
        return {}
