"""What a person sees of a web: scores, flagged items, notes and the drawing, in their language."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext_lazy

from assessments.models import Assessment
from assessments.spider_web import (
    LABEL_LINE_HEIGHT,
    Outline,
    WebGeometry,
    label_lines,
    web_geometry,
)
from instruments.scoring import score_change


@dataclass(frozen=True)
class FlaggedItem:
    dimension: str
    text: str
    value: float | None


# A plain subtitle for each of the six parts, shown next to the part's name on resident pages.
DIMENSION_SUBTITLES = {
    "lichaamsfuncties": gettext_lazy("how your body feels"),
    "mentaal_welbevinden": gettext_lazy("how your mind and feelings are doing"),
    "zingeving": gettext_lazy("what makes your life worthwhile"),
    "kwaliteit_van_leven": gettext_lazy("how good your life feels"),
    "meedoen": gettext_lazy("your place among other people"),
    "dagelijks_functioneren": gettext_lazy("how you manage your day"),
}


def dimension_subtitle(dimension_id: str) -> str:
    subtitle = DIMENSION_SUBTITLES.get(dimension_id)
    return str(subtitle) if subtitle else ""


@dataclass(frozen=True)
class DimensionRow:
    id: str
    name: str
    score: float | None
    note: str
    flagged_count: int
    answered: int
    total: int
    earlier_score: float | None = None
    change: float | None = None
    subtitle: str = ""


@dataclass(frozen=True)
class WebLabel:
    lines: list[str]
    x: float
    y: float
    anchor: str
    is_open: bool
    flagged_count: int


@dataclass
class WebView:
    assessment: Assessment
    title: str
    rows: list[DimensionRow]
    flagged: list[FlaggedItem]
    geometry: WebGeometry
    outline: Outline
    labels: list[WebLabel]
    earlier: Assessment | None = None
    earlier_outline: Outline | None = None
    only_shared_dimensions: bool = False
    open_dimensions: list[str] = field(default_factory=list)

    @property
    def health_surface(self) -> float | None:
        return self.assessment.health_surface

    @property
    def open_parts(self) -> list[tuple[int, str]]:
        """(page number, name) of each part without a score: a web split over several
        conversations is finished part by part, also after it was rounded off."""
        return [(number, row.name) for number, row in enumerate(self.rows, 1) if row.score is None]


def web_label(assessment: Assessment, language: str) -> str:
    """How a web is named in lists: its name, the date and the moment, e.g.
    "Spinnenweb – kort · 26 november 2026 · intake"."""
    parts = [
        assessment.definition.name.get(language),
        formats.date_format(assessment.created_at, "j F Y"),
    ]
    if assessment.moment:
        parts.append(str(assessment.get_moment_display()))
    return " · ".join(parts)


def conversation_questions() -> list[str]:
    from django.utils.translation import gettext as _

    return [
        _("What strikes you when you look at your web?"),
        _("What is really important to you?"),
        _("What would you like to change?"),
        _("What could be a first small step?"),
        _("What makes you happy?"),
        _("What do you hope for?"),
        _("What difference would that make?"),
        _("What works well already?"),
        _("What would be the next sign that things are getting better?"),
    ]


def build_web_view(
    assessment: Assessment, language: str, earlier: Assessment | None = None
) -> WebView:
    """The web of `assessment`; with `earlier`, the overlay and the change per shared dimension."""
    definition = assessment.definition
    answers = {a.item_id: a for a in assessment.answers.all()}
    notes = {n.dimension_id: n.text for n in assessment.notes.all()}
    scores = assessment.dimension_scores or {}
    earlier_scores = (earlier.dimension_scores or {}) if earlier else {}
    change = score_change(earlier_scores, scores) if earlier else {}

    rows, flagged = [], []
    for dimension in definition.dimensions:
        name = dimension.name.get(language)
        dim_answers = [answers.get(item.id) for item in dimension.items]
        for item in dimension.items:
            answer = answers.get(item.id)
            if answer is not None and answer.wants_to_talk:
                flagged.append(FlaggedItem(name, item.text.get(language), answer.value))
        rows.append(
            DimensionRow(
                id=dimension.id,
                name=name,
                score=scores.get(dimension.id),
                note=notes.get(dimension.id, ""),
                flagged_count=sum(1 for a in dim_answers if a is not None and a.wants_to_talk),
                answered=sum(1 for a in dim_answers if a is not None and a.value is not None),
                total=len(dimension.items),
                earlier_score=earlier_scores.get(dimension.id),
                change=change.get(dimension.id),
                subtitle=dimension_subtitle(dimension.id),
            )
        )

    geometry = web_geometry([(row.id, row.name) for row in rows])
    outline = geometry.outline([row.score for row in rows])
    labels = []
    for axis, row in zip(geometry.axes, rows, strict=True):
        lines = label_lines(row.name)
        # Labels above the centre grow upwards so they never cover the web.
        y = (
            axis.label_at[1] - (len(lines) - 1) * LABEL_LINE_HEIGHT
            if axis.label_at[1] < geometry.center[1] - 1
            else axis.label_at[1]
            + (LABEL_LINE_HEIGHT if abs(axis.label_at[0] - geometry.center[0]) < 1 else 6)
        )
        labels.append(
            WebLabel(lines, axis.label_at[0], y, axis.anchor, row.score is None, row.flagged_count)
        )

    earlier_outline = None
    only_shared = False
    if earlier is not None:
        earlier_ids = [d.id for d in earlier.definition.dimensions]
        only_shared = earlier_ids != [row.id for row in rows]
        earlier_outline = geometry.outline([earlier_scores.get(row.id) for row in rows])

    return WebView(
        assessment=assessment,
        title=definition.name.get(language),
        rows=rows,
        flagged=flagged,
        geometry=geometry,
        outline=outline,
        labels=labels,
        earlier=earlier,
        earlier_outline=earlier_outline,
        only_shared_dimensions=only_shared,
        open_dimensions=[row.name for row in rows if row.score is None],
    )


YOUNG_KINDS = ("child", "youth")


@dataclass(frozen=True)
class FaceRow:
    name: str
    score: float | None
    symbol: str
    label: str


def speaks_to_young_person(assessment: Assessment) -> bool:
    """Children's and youth versions get a result in their words, without a surface percentage."""
    return assessment.definition.kind in YOUNG_KINDS


def face_rows(web: WebView, language: str) -> list[FaceRow]:
    """Per part the face (of the version's picture scale) nearest to the part's score."""
    choices = web.assessment.definition.scale.choices
    rows = []
    for row in web.rows:
        if row.score is None or not choices:
            rows.append(FaceRow(row.name, row.score, "", ""))
            continue
        nearest = min(choices, key=lambda c: (abs(c.value - row.score), c.value))
        rows.append(FaceRow(row.name, row.score, nearest.symbol, nearest.label.get(language)))
    return rows


def young_questions(kind: str) -> list[str]:
    from django.utils.translation import gettext as _

    if kind == "child":
        return [
            _("Which part makes you smile?"),
            _("What are you proud of?"),
            _("What would you like to be different?"),
            _("Who could help you with that?"),
        ]
    return [
        _("What do you notice when you look at your web?"),
        _("What is already going well?"),
        _("What would you like to change?"),
        _("Who could help you with that?"),
        _("What is one small thing you could try this week?"),
    ]
