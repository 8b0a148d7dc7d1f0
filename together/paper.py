"""The blank A4 form of an instrument, to fill in on paper: questions with boxes (or faces) and an
empty web to draw on. Drawn with ReportLab like the report, in the given language.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from assessments.report import web_grid
from assessments.spider_web import label_lines, web_geometry
from instruments.definition import InstrumentDefinition

INK = colors.HexColor("#1b1b1b")
GRID = colors.HexColor("#9aa3b2")
BOX = 7 * mm
FACE = 11 * mm


def _boxes(numbers: int = 11) -> Drawing:
    """Eleven empty boxes labelled 0 to 10, to put a cross in."""
    gap = 1.6 * mm
    drawing = Drawing(numbers * (BOX + gap), BOX + 4 * mm)
    for n in range(numbers):
        x = n * (BOX + gap)
        drawing.add(Rect(x, 0, BOX, BOX, strokeColor=INK, fillColor=None, strokeWidth=0.8))
        drawing.add(
            String(
                x + BOX / 2,
                BOX + 1 * mm,
                str(n),
                fontSize=8,
                textAnchor="middle",
                fontName="Helvetica",
            )
        )
    return drawing


def _face(x: float, y: float, mood: int) -> list:
    """A simple face; `mood` 0 (sad) to 4 (happy) bends the mouth. Outline only, no colour."""
    r = FACE / 2
    cx, cy = x + r, y + r
    shapes = [
        Circle(cx, cy, r, strokeColor=INK, fillColor=None, strokeWidth=0.8),
        Circle(cx - r * 0.35, cy + r * 0.25, r * 0.08, strokeColor=INK, fillColor=INK),
        Circle(cx + r * 0.35, cy + r * 0.25, r * 0.08, strokeColor=INK, fillColor=INK),
    ]
    bend = (mood - 2) * r * 0.15
    mouth_y = cy - r * 0.35
    shapes.append(
        PolyLine(
            [
                cx - r * 0.4,
                mouth_y + bend,
                cx - r * 0.2,
                mouth_y - bend * 0.3,
                cx,
                mouth_y - bend * 0.6,
                cx + r * 0.2,
                mouth_y - bend * 0.3,
                cx + r * 0.4,
                mouth_y + bend,
            ],
            strokeColor=INK,
            strokeWidth=0.9,
        )
    )
    return shapes


def _faces(labels: list[str]) -> Drawing:
    """One face per choice with its words under it and a box to tick below that."""
    width = 30 * mm
    drawing = Drawing(width * len(labels), FACE + BOX + 9 * mm)
    for n, label in enumerate(labels):
        x = n * width + (width - FACE) / 2
        for shape in _face(x, BOX + 6 * mm, round(n * 4 / max(1, len(labels) - 1))):
            drawing.add(shape)
        drawing.add(
            String(
                n * width + width / 2,
                BOX + 2.5 * mm,
                label,
                fontSize=7,
                textAnchor="middle",
                fontName="Helvetica",
            )
        )
        drawing.add(
            Rect(
                n * width + (width - BOX) / 2,
                0,
                BOX,
                BOX,
                strokeColor=INK,
                fillColor=None,
                strokeWidth=0.8,
            )
        )
    return drawing


def _tick_box(text: str, styles) -> Drawing:
    drawing = Drawing(120 * mm, 5 * mm)
    drawing.add(Rect(0, 0, 4 * mm, 4 * mm, strokeColor=INK, fillColor=None, strokeWidth=0.8))
    drawing.add(String(6 * mm, 1 * mm, text, fontSize=9, fontName="Helvetica"))
    return drawing


def _empty_web(definition: InstrumentDefinition, language: str, size: float = 160 * mm) -> Drawing:
    """The web without points: rings from 0 to 10 and one labelled axis per part."""
    geometry = web_geometry([(d.id, d.name.get(language)) for d in definition.dimensions])
    drawing, pt = web_grid(geometry, size, color=GRID, axis_width=0.8)
    cx, cy = pt(*geometry.center)
    for axis in geometry.axes:
        ex, ey = pt(*axis.end)
        # Numbers along each axis, so a dot can be put at the right height by hand.
        for k in (2, 4, 6, 8, 10):
            px = cx + (ex - cx) * k / 10
            py = cy + (ey - cy) * k / 10
            drawing.add(
                String(px + 2, py + 2, str(k), fontSize=6, fillColor=GRID, fontName="Helvetica")
            )
        lx, ly = pt(*axis.label_at)
        for number, line in enumerate(label_lines(axis.label)):
            drawing.add(
                String(
                    lx,
                    ly - number * 11,
                    line,
                    fontName="Helvetica",
                    fontSize=9,
                    textAnchor=axis.anchor,
                )
            )
    return drawing


def render_blank_pdf(definition: InstrumentDefinition, language: str) -> bytes:
    buffer = BytesIO()
    with translation.override(language):
        styles = getSampleStyleSheet()
        styles.add(ParagraphStyle("Item", parent=styles["BodyText"], fontSize=11, leading=14))
        title = definition.name.get(language)
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=16 * mm,
            title=title,
            author="Brede Blik",
            lang=language,
        )
        scale = definition.scale
        story: list = [
            Paragraph(title, styles["Title"]),
            Paragraph(_("To fill in on paper"), styles["Heading2"]),
            Paragraph(_("Name: ______________________   Date: ______________"), styles["Item"]),
            Spacer(1, 3 * mm),
        ]
        if scale.choices:
            story.append(Paragraph(_("Put a cross under the face that fits best."), styles["Item"]))
        else:
            story.append(
                Paragraph(
                    _(
                        "Put a cross in one box per question: "
                        "0 means “%(low)s”, 10 means “%(high)s”."
                    )
                    % {"low": scale.low.get(language), "high": scale.high.get(language)},
                    styles["Item"],
                )
            )
        story += [
            Paragraph(
                _(
                    "Do you want to talk about a question? Tick “I want to talk about this”. "
                    "You may skip a question."
                ),
                styles["Item"],
            ),
            Spacer(1, 4 * mm),
        ]
        talk = _("I want to talk about this")
        for dimension in definition.dimensions:
            story.append(Paragraph(dimension.name.get(language), styles["Heading2"]))
            if dimension.description.get(language):
                story.append(Paragraph(dimension.description.get(language), styles["BodyText"]))
            for item in dimension.items:
                answer = (
                    _faces([c.label.get(language) for c in scale.choices])
                    if scale.choices
                    else _boxes()
                )
                story.append(
                    KeepTogether(
                        [
                            Spacer(1, 2 * mm),
                            Paragraph(item.text.get(language), styles["Item"]),
                            Spacer(1, 1.5 * mm),
                            answer,
                            Spacer(1, 1.5 * mm),
                            _tick_box(talk, styles),
                        ]
                    )
                )
            story += [
                Spacer(1, 2 * mm),
                Paragraph(_("Anything else you want to say about this part:"), styles["BodyText"]),
                Paragraph("_" * 80, styles["BodyText"]),
                Paragraph("_" * 80, styles["BodyText"]),
            ]
        story += [
            PageBreak(),
            Paragraph(_("Your spider web"), styles["Title"]),
            Paragraph(
                _(
                    "Put a dot on each line at your score (0 in the middle, 10 at the end) "
                    "and join the dots."
                ),
                styles["Item"],
            ),
            Spacer(1, 6 * mm),
            _empty_web(definition, language),
        ]
        document.build(story)
    return buffer.getvalue()
