"""The session report the municipality takes back: PDF and CSV, without hidden contributions.

Per part of the web, the opportunities and barriers are grouped by living-environment factor, so
the report shows what in the neighbourhood helps or hinders each part of health.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from community.models import CommunitySession
from community.selectors import distribution, session_factors
from core.exports import SafeCsvWriter


def report_csv(session: CommunitySession) -> str:
    """One row per count and per contribution; the text is always the last column."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow(
        [_("step"), _("group"), _("dimension"), _("factor"), _("kind"), _("number"), _("text")]
    )
    for row in distribution(session):
        writer.writerow([1, "", row["name"], "", _("chosen by"), row["count"], ""])
        for reason in row["reasons"]:
            writer.writerow([1, "", row["name"], "", _("reason"), "", reason])
    for dimension in session_factors(session):
        for group in dimension.groups:
            label = capfirst(group.label)
            writer.writerow(
                [2, "", dimension.name, label, _("Opportunities"), len(group.opportunities), ""]
            )
            writer.writerow([2, "", dimension.name, label, _("Barriers"), len(group.barriers), ""])
            for item in [*group.opportunities, *group.barriers]:
                writer.writerow(
                    [
                        2,
                        item.group.number,
                        dimension.name,
                        label,
                        item.get_kind_display(),
                        "",
                        item.text,
                    ]
                )
    return buffer.getvalue()


def report_pdf(session: CommunitySession) -> bytes:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=session.title, lang="nl")
    story = [Paragraph(escape(session.title), styles["Title"])]
    place = [session.neighbourhood] if session.neighbourhood else []
    if session.postcode_area:
        place.append(_("postcode area %(area)s") % {"area": session.postcode_area})
    if place:
        story.append(Paragraph(escape(" · ".join(place)), styles["Heading3"]))
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
    story.append(
        Paragraph(
            escape(_("Opportunities and barriers per factor in the living environment")),
            styles["Heading2"],
        )
    )
    for dimension in session_factors(session):
        if not dimension.groups:
            continue
        story.append(Paragraph(escape(dimension.name), styles["Heading3"]))
        story.append(
            Table(
                [[_("Factor"), _("Opportunities"), _("Barriers")]]
                + [
                    [capfirst(g.label), len(g.opportunities), len(g.barriers)]
                    for g in dimension.groups
                ],
                hAlign="LEFT",
            )
        )
        for group in dimension.groups:
            story.append(Paragraph(escape(capfirst(group.label)), styles["Heading4"]))
            for label, items in (
                (_("Opportunity"), group.opportunities),
                (_("Barrier"), group.barriers),
            ):
                for item in items:
                    who = f"<b>{escape(label)}</b> · {escape(str(item.group))}"
                    story.append(Paragraph(f"{who}: {escape(item.text)}", styles["BodyText"]))
    document.build(story)
    return buffer.getvalue()
