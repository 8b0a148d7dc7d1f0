import pytest
from django.test import RequestFactory

from core.redirects import safe_next


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/web/abc/", "/web/abc/"),
        ("", ""),
        ("https://evil.example/", ""),
        ("//evil.example/", ""),
        ("http://testserver/gesprek/", "http://testserver/gesprek/"),
    ],
)
def test_only_pages_on_this_site(target, expected):
    assert safe_next(RequestFactory().get("/"), target) == expected
