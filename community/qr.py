"""QR code for joining, as inline SVG (no image files, no JavaScript)."""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str) -> SafeString:
    import segno  # loaded only where a code is drawn

    svg = segno.make(url, error="m").svg_inline(
        scale=4, title=url, dark="#000", light="#fff", omitsize=True
    )
    # segno's markup is generated from the URL it encodes, which we escape in the title ourselves.
    return format_html('<div class="qr" role="img" aria-label="{}">{}</div>', url, mark_safe(svg))
