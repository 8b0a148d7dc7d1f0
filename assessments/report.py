"""The A4 PDF report a person takes to a conversation: web, scores, flagged items, notes, questions.

ReportLab is pure Python (no system libraries), so the report works on a fresh machine. The web
is drawn from the same geometry as the SVG on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from assessments.models import Assessment
from assessments.presentation import (
    WebView,
    build_web_view,
    conversation_questions,
    speaks_to_young_person,
)
from assessments.spider_web import LABEL_FONT_SIZE, LABEL_LINE_HEIGHT, WebGeometry
from core.formatting import format_score

WEB_BLUE = colors.HexColor("#1f5f8b")
GRID = colors.HexColor("#c9cfda")


def _number(value: float | None) -> str:
    return _("open") if value is None else format_score(value)


def web_grid(
    geometry: WebGeometry, size: float, color=GRID, axis_width: float = 0.6
) -> tuple[Drawing, Callable[[float, float], tuple[float, float]]]:
    """The web's rings and axes as a PDF drawing, and the function that puts a point of the
    web's geometry on it (y grows upwards in a PDF, so every y is mirrored)."""
    scale = size / geometry.size
    drawing = Drawing(size, size)

    def pt(x: float, y: float) -> tuple[float, float]:
        return x * scale, size - y * scale

    for ring in geometry.rings:
        points = []
        for pair in ring.split():
            x, y = (float(v) for v in pair.split(","))
            points.extend(pt(x, y))
        drawing.add(Polygon(points, strokeColor=color, fillColor=None, strokeWidth=0.6))
    cx, cy = pt(*geometry.center)
    for axis in geometry.axes:
        ex, ey = pt(*axis.end)
        drawing.add(Line(cx, cy, ex, ey, strokeColor=color, strokeWidth=axis_width))
    return drawing, pt


def _drawing(web: WebView, size: float = 150 * mm) -> Drawing:
    """The web, its shape and its labels in PDF coordinates."""
    scale = size / web.geometry.size
    drawing, pt = web_grid(web.geometry, size)
    if web.outline.is_complete:
        flat = [c for p in web.outline.dots for c in pt(*p)]
        drawing.add(
            Polygon(
                flat,
                strokeColor=WEB_BLUE,
                fillColor=colors.Color(0.12, 0.37, 0.55, alpha=0.28),
                strokeWidth=1.6,
            )
        )
    else:
        for a, b in web.outline.segments:
            drawing.add(PolyLine([*pt(*a), *pt(*b)], strokeColor=WEB_BLUE, strokeWidth=1.6))
    for x, y in web.outline.dots:
        px, py = pt(x, y)
        drawing.add(Circle(px, py, 2.2, fillColor=WEB_BLUE, strokeColor=WEB_BLUE))
    for label in web.labels:
        for line_number, line in enumerate(
            label.lines + ([f"({_('open')})"] if label.is_open else [])
        ):
            lx, ly = pt(label.x, label.y + LABEL_LINE_HEIGHT * line_number)
            drawing.add(
                String(
                    lx,
                    ly,
                    line,
                    fontName="Helvetica",
                    fontSize=LABEL_FONT_SIZE * scale * 0.85,
                    textAnchor=label.anchor,
                )
            )
    return drawing


def _text(value) -> str:
    """ReportLab reads Paragraph text as markup: what people typed (a note, a custom part's
    name) must print as the characters they typed, never as a tag such as <img src=…>."""
    return escape(str(value))


def _web_section(web: WebView, styles) -> list:
    assessment = web.assessment
    story: list = [
        Paragraph(_text(_("My spider web")), styles["Title"]),
        Paragraph(
            _text(
                f"{web.title} · {formats.date_format(assessment.created_at, 'j F Y')}"
                + (f" · {assessment.get_moment_display()}" if assessment.moment else "")
                + (f" · {assessment.get_entry_display()}" if assessment.entry else "")
            ),
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
        _drawing(web),
    ]
    surface = (
        _("Health surface: %(surface)s%% of the whole web.")
        % {"surface": format_score(web.health_surface)}
        if web.health_surface is not None
        else _("The health surface appears when every part has a score.")
    )
    if speaks_to_young_person(assessment):
        # A child's or young person's report speaks like their result page: no percentage.
        surface = _("The further a point is from the middle, the better that part goes for you.")
    story += [Paragraph(_text(surface), styles["Normal"]), Spacer(1, 4 * mm)]

    rows = [[_("Part"), _("Score (0 to 10)"), _("Your note")]]
    for row in web.rows:
        rows.append(
            [
                Paragraph(
                    _text(row.name + (" *" if row.flagged_count else "")), styles["BodyText"]
                ),
                _number(row.score),
                Paragraph(_text(row.note or ""), styles["BodyText"]),
            ]
        )
    table = Table(rows, colWidths=[55 * mm, 30 * mm, 85 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [table, Spacer(1, 5 * mm)]

    if web.flagged:
        flagged = [Paragraph(_text(_("What I want to talk about")), styles["Heading2"])]
        flagged += [
            Paragraph(f"• <b>{_text(item.dimension)}</b>: {_text(item.text)}", styles["BodyText"])
            for item in web.flagged
        ]
        story.append(KeepTogether(flagged))
    questions = [Paragraph(_text(_("Questions for the conversation")), styles["Heading2"])]
    questions += [Paragraph(f"• {_text(q)}", styles["BodyText"]) for q in conversation_questions()]
    story.append(KeepTogether(questions))
    return story


def render_report_pdf(assessments: list[Assessment], language: str) -> bytes:
    """One section per web, in the given language."""
    buffer = BytesIO()
    with translation.override(language):
        styles = getSampleStyleSheet()
        styles.add(ParagraphStyle("Small", parent=styles["Normal"], fontSize=8))
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=16 * mm,
            title=_("My spider web"),
            author="Brede Blik",
            lang=language,
        )
        story: list = []
        for index, assessment in enumerate(assessments):
            if index:
                story.append(PageBreak())
            story += _web_section(build_web_view(assessment, language), styles)
        if not story:
            story.append(Paragraph(_text(_("There are no webs yet.")), styles["Normal"]))
        story += [
            Spacer(1, 6 * mm),
            Paragraph(
                _text(
                    _("* = you want to talk about something in this part. Made with Brede Blik.")
                ),
                styles["Small"],
            ),
        ]
        document.build(story)
    return buffer.getvalue()
