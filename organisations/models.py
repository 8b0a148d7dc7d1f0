from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A practice, welfare organisation, municipality or other body whose staff use Brede Blik."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.name}"


class Membership(models.Model):
    class Role(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        TEAM_MANAGER = "team_manager", _("team manager")
        ORGANISATION_ADMIN = "organisation_admin", _("organisation admin")
        # Burgerkracht: holds the other conversation without a professional registration.
        VOLUNTEER = "volunteer", _("volunteer or peer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "team", "role"], name="unique_membership"
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class MembershipOffer(models.Model):
    """An admin's proposal to give someone a role (in a team); nothing counts until accepted.

    Addressed to an email address, whether or not it has an account yet: the admin's page
    then looks the same either way, and the person sees it once they log in with it.
    """

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="membership_offers"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="membership_offers"
    )
    role = models.CharField(_("role"), max_length=32, choices=Membership.Role.choices)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "organisation", "team", "role"], name="unique_membership_offer"
            )
        ]
        verbose_name = _("membership offer")
        verbose_name_plural = _("membership offers")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"

    def get_role_display(self) -> str:
        return str(Membership.Role(self.role).label)


class MembershipEvent(models.Model):
    """The log of who joined or left an organisation or team, who proposed it, and when."""

    class Action(models.TextChoices):
        OFFERED = "offered", _("offered")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        REMOVED = "removed", _("removed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="membership_events"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="membership_events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="membership_events",
    )
    # The address an offer went to; emptied when that account is deleted.
    email = models.EmailField(_("email address"), blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Membership.Role.choices)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.user} {self.action} {self.organisation}"


class Theme(models.Model):
    """An organisation's own look: its residents and staff see its colour, font and logo.

    Colours only brand the pages (buttons, links, header); no colour ever judges a score.
    """

    class Font(models.TextChoices):
        SYSTEM = "system", _("The device's own font")
        SERIF = "serif", _("A serif font")
        ROUNDED = "rounded", _("A rounded font")

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="theme", verbose_name=_("organisation")
    )
    colour = models.CharField(
        _("main colour"),
        max_length=7,
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as # and six characters."))
        ],
        help_text=_("For example #1f5f8b. Dark enough to read white text on."),
    )
    font = models.CharField(_("font"), max_length=16, choices=Font.choices, default=Font.SYSTEM)
    logo = models.FileField(
        _("logo"),
        upload_to="organisation-logos/",
        blank=True,
        validators=[FileExtensionValidator(["svg", "png", "jpg", "jpeg", "webp"])],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self) -> None:
        from organisations.theming import contrast_with_white

        if self.colour and len(self.colour) == 7 and contrast_with_white(self.colour) < 4.5:
            raise ValidationError(
                {"colour": _("This colour is too light: white text on it is hard to read.")}
            )
