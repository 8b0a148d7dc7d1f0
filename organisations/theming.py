"""An organisation's theme as a stylesheet: design tokens computed from one colour and a font.

The stylesheet is served from a URL (never inline) so the Content Security Policy stays strict.
"""

from __future__ import annotations

from django.http import HttpRequest

from organisations.models import Membership, Organisation, Theme

SESSION_KEY = "theme_organisation"

FONT_STACKS = {
    Theme.Font.SYSTEM: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    Theme.Font.SERIF: 'Georgia, "Noto Serif", "DejaVu Serif", serif',
    Theme.Font.ROUNDED: '"Nunito", "Varela Round", "Trebuchet MS", system-ui, sans-serif',
}

# Share of white (positive) or black (negative) mixed into the main colour for each step of the
# scale the design tokens use (700 darkest … 50 lightest).
SCALE_MIX = {700: -0.55, 600: -0.25, 500: 0.0, 400: 0.15, 300: 0.55, 200: 0.78, 100: 0.9, 50: 0.96}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _mix(hex_colour: str, amount: float) -> str:
    target = 255 if amount > 0 else 0
    share = abs(amount)
    return "#" + "".join(f"{round(c + (target - c) * share):02x}" for c in _rgb(hex_colour))


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio of white text on the colour (1 to 21)."""
    return 1.05 / (_luminance(hex_colour) + 0.05)


def colour_scale(hex_colour: str) -> dict[int, str]:
    return {step: _mix(hex_colour, amount) for step, amount in SCALE_MIX.items()}


def theme_css(theme: Theme) -> str:
    """The tokens that turn the neutral Brede Blik theme into the organisation's brand."""
    lines = [
        f"  --bredeblik-brand-{step}: {value};"
        for step, value in colour_scale(theme.colour).items()
    ]
    lines.append(
        f"  --bredeblik-font: {FONT_STACKS.get(theme.font, FONT_STACKS[Theme.Font.SYSTEM])};"
    )
    return ".bredeblik-theme {\n" + "\n".join(lines) + "\n}\n"


def organisation_for(request: HttpRequest) -> Organisation | None:
    """Whose brand this visitor sees: a staff member's own organisation, else the organisation
    whose link the visitor came in through (kept in the session), else none (neutral theme)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        membership = (
            Membership.objects.filter(user=user, organisation__theme__isnull=False)
            .select_related("organisation")
            .order_by("pk")
            .first()
        )
        if membership is not None:
            return membership.organisation
    slug = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if slug:
        return Organisation.objects.filter(slug=slug, theme__isnull=False).first()
    return None


def remember_organisation(request: HttpRequest, slug: str) -> None:
    """Residents who arrive through an organisation's link (?organisatie=slug) keep its brand."""
    if Organisation.objects.filter(slug=slug, theme__isnull=False).exists():
        request.session[SESSION_KEY] = slug
