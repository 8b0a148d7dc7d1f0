"""Collective figures: consent to count, programmes, analysts and the dashboard's rollups."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

postcode_area_validator = RegexValidator(
    r"^[1-9][0-9]{3}$", _("Enter the four digits of your postcode, for example 1234.")
)


class AgeBand(models.TextChoices):
    CHILD = "0-11", _("0 to 11 years")
    TEEN = "12-17", _("12 to 17 years")
    YOUNG_ADULT = "18-29", _("18 to 29 years")
    ADULT = "30-44", _("30 to 44 years")
    MIDDLE = "45-64", _("45 to 64 years")
    SENIOR = "65-79", _("65 to 79 years")
    ELDERLY = "80+", _("80 years or older")


class Programme(models.Model):
    """A trajectory an organisation runs (e.g. coaching); its participants' webs can be compared."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class CollectiveConsent(models.Model):
    """A person's yes to counting one web anonymously. Only the 4-digit area, never an address."""

    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="collective_consent"
    )
    postcode_area = models.CharField(
        _("postcode area"), max_length=4, validators=[postcode_area_validator]
    )
    age_band = models.CharField(_("age group"), max_length=5, choices=AgeBand.choices)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="consents"
    )
    opted_in_at = models.DateTimeField()
    opted_out_at = models.DateTimeField(null=True, blank=True)
    # What the rollups last counted for this web (cell and scores), so a save that changes
    # nothing counted is not queued again.
    counted = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["postcode_area", "age_band"])]
        verbose_name = _("consent to count in figures")
        verbose_name_plural = _("consents to count in figures")

    def __str__(self) -> str:
        return f"{self.postcode_area} {self.age_band}"

    @property
    def is_active(self) -> bool:
        return self.opted_out_at is None


class Analyst(models.Model):
    """A municipality or GGD analyst; sees figures for their own postcode areas or the country."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insight_analyst"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL
    )
    is_national = models.BooleanField(_("whole country"), default=False)
    postcode_areas = models.JSONField(_("postcode areas"), default=list, blank=True)

    class Meta:
        verbose_name = _("analyst")
        verbose_name_plural = _("analysts")

    def __str__(self) -> str:
        return str(self.user)


class DimensionRollup(models.Model):
    """Sums per cell (area, age group, quarter, programme): the source the published blocks are cut
    from, kept in step with consents by the task queue and rebuilt by `rebuild_insights`.

    dimension WEBS counts webs; the other rows hold that dimension's sums over the same webs.
    """

    WEBS = "*"

    postcode_area = models.CharField(max_length=4)
    age_band = models.CharField(max_length=5)
    period = models.CharField(max_length=6)  # e.g. 2025Q3
    # A rebuild writes every row anew (seven per cell), so these two cost nothing per row: no
    # index (no read looks rows up by organisation or programme alone; deleting one scans the
    # table once) and no check in the database (the rows are counted from consents, whose own
    # keys are checked; Django's CASCADE still removes them with their programme).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
    )
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
    )
    dimension = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)
    total = models.FloatField(default=0)
    total_squares = models.FloatField(default=0)
    bin_0_2 = models.PositiveIntegerField(default=0)
    bin_3_4 = models.PositiveIntegerField(default=0)
    bin_5_6 = models.PositiveIntegerField(default=0)
    bin_7_8 = models.PositiveIntegerField(default=0)
    bin_9_10 = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["period", "postcode_area", "age_band"])]

    def __str__(self) -> str:
        return f"{self.postcode_area} {self.age_band} {self.period} {self.dimension}"


class PendingRecount(models.Model):
    """A rollup cell that a change has touched and the task queue has not recounted yet.

    One row per cell however many saves touch it: a save marks the cell in its own transaction
    and queues a task only when the mark is new (`saves` is 1); that task recounts every marked
    cell, removing each mark in the transaction that recounts it.
    """

    cell = models.CharField(max_length=40, unique=True)  # see services.CellKey.mark
    postcode_area = models.CharField(max_length=4)
    age_band = models.CharField(max_length=5)
    period = models.CharField(max_length=6)
    # No foreign key: a deleted programme takes its rollups with it, and its mark recounts nothing.
    programme_id = models.PositiveIntegerField(null=True)
    saves = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.cell


class PublishedPeriod(models.Model):
    """A closed quarter whose blocks are published. Published figures never change afterwards:
    a later difference between two versions would give away the webs that changed."""

    period = models.CharField(max_length=6, unique=True)
    published_at = models.DateTimeField(auto_now_add=True)
    webs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["period"]

    def __str__(self) -> str:
        return self.period


class PublishedFigure(models.Model):
    """One dimension of one published block (see insights/disclosure.py); WEBS counts its webs.

    Every figure an analyst can obtain is a sum of these rows, so it covers whole blocks only.
    """

    period = models.CharField(max_length=6)
    year = models.PositiveSmallIntegerField()
    area_key = models.CharField(max_length=80)  # see disclosure.AreaSet.key
    area_label = models.CharField(max_length=5)  # the area, or its prefix and * when combined
    age_band = models.CharField(max_length=5, blank=True)  # blank: several age groups combined
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.SET_NULL)
    programme_combined = models.BooleanField(default=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL
    )
    dimension = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)
    total = models.FloatField(default=0)
    total_squares = models.FloatField(default=0)
    bin_0_2 = models.PositiveIntegerField(default=0)
    bin_3_4 = models.PositiveIntegerField(default=0)
    bin_5_6 = models.PositiveIntegerField(default=0)
    bin_7_8 = models.PositiveIntegerField(default=0)
    bin_9_10 = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["dimension", "area_label"]),
            models.Index(fields=["dimension", "age_band"]),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.area_label} {self.age_band} {self.dimension}"


class ProgrammeQuote(models.Model):
    """An anonymised story the evaluator puts next to the figures."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"), max_length=1000)
    dimension = models.CharField(_("dimension"), max_length=64, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        return self.text[:40]


class Publication(models.Model):
    """A closed quarter whose team figures or programme evaluations are published, once."""

    class Kind(models.TextChoices):
        TEAM = "team"
        PROGRAMME = "programme"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    period = models.CharField(max_length=6)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "period"], name="one_publication_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}"


class TeamFigures(models.Model):
    """What a team manager sees for one closed quarter: clients with a new web and a web before,
    and their mean change per dimension. Always whole blocks of 10 or more clients
    (conversations/team.py); never changed after publication."""

    team = models.ForeignKey("organisations.Team", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=6)
    clients = models.PositiveIntegerField()
    mean_changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["team", "period"], name="one_team_figure_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.period}"


class ProgrammeFigures(models.Model):
    """A programme's distance travelled for one closed quarter: participants whose newest web
    fell in that quarter, first web against that one. Published once, at least 10 pairs."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="figures")
    period = models.CharField(max_length=6)
    pairs = models.PositiveIntegerField()
    # per dimension: mean difference, confidence low, confidence high, effect size (or null)
    results = models.JSONField(default=dict)

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "period"], name="one_programme_figure_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.period}"
