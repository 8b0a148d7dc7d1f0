"""The parts of base.html that every page shows, each rendered once per process per input.

The header, the footer and the links in the head are most of what a page costs to render and
depend on a few values only: the language, the organisation's brand and, for the header,
whether the visitor is logged in and their menu. See core/parts.py.
"""

from django import template
from django.utils.safestring import SafeString

from core.parts import csrf_hole, shared_part

register = template.Library()


def _brand(context) -> dict:
    organisation = context.get("theme_organisation")
    if not organisation:
        return {"theme_slug": "", "theme_name": ""}
    return {"theme_slug": organisation.slug, "theme_name": organisation.name}


@register.simple_tag(takes_context=True)
def head_links(context) -> SafeString:
    return shared_part("core/_head_links.html", theme_slug=_brand(context)["theme_slug"]).fill()


@register.simple_tag(takes_context=True)
def page_header(context) -> SafeString:
    request = context.get("request")
    user = context.get("user")
    theme = context.get("organisation_theme")
    csrf, holes = csrf_hole(context)
    part = shared_part(
        "core/_header.html",
        (*holes, "full_path"),
        has_request=bool(request),
        authenticated=bool(user and user.is_authenticated),
        nav_items=tuple((item["url"], item["label"]) for item in context.get("nav_items") or ()),
        theme_logo=bool(getattr(theme, "logo", None)),
        **_brand(context),
        **csrf,
    )
    return part.fill(
        csrf_token=str(context.get("csrf_token")),
        full_path=request.get_full_path() if request else "",
    )


@register.simple_tag(takes_context=True)
def page_footer(context) -> SafeString:
    return shared_part("core/_footer.html", theme_name=_brand(context)["theme_name"]).fill()
