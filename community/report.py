"""The session report the municipality takes back: PDF and CSV, without hidden contributions."""

from __future__ import annotations

import csv
import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from community.models import CommunitySession, Contribution
from community.selectors import contributions_by_dimension, dimension_names, distribution


def report_csv(session: CommunitySession) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("step"), _("group"), _("dimension"), _("kind"), _("factor"), _("text")])
    names = dimension_names()
    for row in distribution(session):
        writer.writerow([1, "", row["name"], _("chosen by"), "", row["count"]])
        for reason in row["reasons"]:
            writer.writerow([1, "", row["name"], _("reason"), "", reason])
    contributions = Contribution.objects.filter(session=session, hidden=False).select_related(
        "group"
    )
    for c in contributions.order_by("group__number", "dimension", "pk"):
        writer.writerow(
            [
                2,
                c.group.number,
                names.get(c.dimension, c.dimension),
                c.get_kind_display(),
                c.get_factor_display() if c.factor else "",
                c.text,
            ]
        )
    return buffer.getvalue()


def report_pdf(session: CommunitySession) -> bytes:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=session.title, lang="nl")
    story = [Paragraph(escape(session.title), styles["Title"])]
    if session.neighbourhood:
        story.append(Paragraph(escape(session.neighbourhood), styles["Heading3"]))
    if session.description:
        story.append(Paragraph(escape(session.description), styles["BodyText"]))
    story.append(Spacer(1, 12))
    story.append(Paragraph(escape(_("Where the plan affects residents most")), styles["Heading2"]))
    rows = distribution(session)
    story.append(
        Table([[_("Dimension"), _("Residents")]] + [[r["name"], r["count"]] for r in rows])
    )
    for row in rows:
        for reason in row["reasons"]:
            story.append(Paragraph(f"{escape(row['name'])}: {escape(reason)}", styles["BodyText"]))
    story.append(Paragraph(escape(_("Opportunities and barriers")), styles["Heading2"]))
    for dimension in contributions_by_dimension(session):
        if not dimension["opportunities"] and not dimension["barriers"]:
            continue
        story.append(Paragraph(escape(dimension["name"]), styles["Heading3"]))
        for label, items in (
            (_("Opportunities"), dimension["opportunities"]),
            (_("Barriers"), dimension["barriers"]),
        ):
            for item in items:
                factor = f" ({escape(item.get_factor_display())})" if item.factor else ""
                who = f"<b>{escape(label)}</b> · {escape(str(item.group))}{factor}"
                story.append(Paragraph(f"{who}: {escape(item.text)}", styles["BodyText"]))
    document.build(story)
    return buffer.getvalue()
