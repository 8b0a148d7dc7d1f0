"""What a person sees of a web: scores, flagged items, notes and the drawing, in their language."""

from __future__ import annotations

from dataclasses import dataclass, field

from assessments.models import Assessment
from assessments.spider_web import Outline, WebGeometry, label_lines, web_geometry
from instruments.scoring import score_change


@dataclass(frozen=True)
class FlaggedItem:
    dimension: str
    text: str
    value: float | None


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
            )
        )

    geometry = web_geometry([(row.id, row.name) for row in rows])
    outline = geometry.outline([row.score for row in rows])
    labels = []
    for axis, row in zip(geometry.axes, rows, strict=True):
        lines = label_lines(row.name)
        # Labels above the centre grow upwards so they never cover the web.
        y = (
            axis.label_at[1] - (len(lines) - 1) * 15
            if axis.label_at[1] < geometry.center[1]
            else axis.label_at[1] + 5
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
