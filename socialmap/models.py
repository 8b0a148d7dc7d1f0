"""The social map after Open Referral HSDS 3.0: field names follow the HSDS tables so that
import and export map one to one. Ids are UUIDs, as HSDS requires."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class Coordinator(models.Model):
    """A neighbourhood coordinator who keeps the social map current."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="socialmap_coordinator"
    )

    class Meta:
        verbose_name = _("social map coordinator")
        verbose_name_plural = _("social map coordinators")

    def __str__(self) -> str:
        return str(self.user)


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    email = models.EmailField(_("email address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    class LocationType(models.TextChoices):
        PHYSICAL = "physical", _("a place to visit")
        POSTAL = "postal", _("postal address")
        VIRTUAL = "virtual", _("online")

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="locations"
    )
    location_type = models.CharField(
        _("kind of location"),
        max_length=16,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    address_1 = models.CharField(_("street and number"), max_length=200)
    city = models.CharField(_("place"), max_length=100)
    state_province = models.CharField(_("province"), max_length=100)
    postal_code = models.CharField(_("postcode"), max_length=10)
    country = models.CharField(_("country"), max_length=2, default="NL")
    address_type = models.CharField(
        _("kind of address"),
        max_length=16,
        choices=Location.LocationType.choices,
        default=Location.LocationType.PHYSICAL,
    )

    class Meta:
        ordering = ["address_1"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class Service(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        DEFUNCT = "defunct", _("stopped")
        TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    eligibility_description = models.TextField(_("who it is for"), blank=True)
    fees_description = models.TextField(_("costs"), blank=True)
    # HSDS "assured_date": when someone last checked the entry is still right.
    last_verified = models.DateField(_("last checked"), null=True, blank=True)
    # Normalised (accent-free, lower case, stemmed) text, so search behaves the same on
    # SQLite and PostgreSQL; rebuilt by socialmap.services.reindex.
    search_name = models.TextField(blank=True, default="", editable=False)
    search_text = models.TextField(blank=True, default="", editable=False)
    history = HistoricalRecords(excluded_fields=["search_name", "search_text"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="unique_service_location")
        ]
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return self.name or self.email


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(_("phone number"), max_length=40)
    type = models.CharField(_("kind of phone"), max_length=20, blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    def __str__(self) -> str:
        return self.number


class Schedule(models.Model):
    """Opening hours as an HSDS (iCalendar-like) weekly rule."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    freq = models.CharField(_("how often"), max_length=10, blank=True, default="WEEKLY")
    byday = models.CharField(_("days"), max_length=40, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    description = models.CharField(_("opening hours"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return self.description or self.byday


class ServiceArea(models.Model):
    """A neighbourhood a service serves: `name` holds the 4-digit postcode area."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(_("postcode area"), max_length=10, db_index=True)
    description = models.CharField(_("neighbourhood"), max_length=200, blank=True)
    extent_type = models.CharField(max_length=40, blank=True, default="postcode")

    class Meta:
        ordering = ["name"]
        verbose_name = _("area served")
        verbose_name_plural = _("areas served")

    def __str__(self) -> str:
        return self.name


class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"))
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    taxonomy = models.ForeignKey(
        Taxonomy, null=True, blank=True, on_delete=models.CASCADE, related_name="terms"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("code"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")

    def __str__(self) -> str:
        return self.name


class Attribute(models.Model):
    """Links a service to a taxonomy term: its dimensions and its target groups."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    link = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes"
    )
    link_type = models.CharField(max_length=100, blank=True)
    link_entity = models.CharField(max_length=40, default="service")
    value = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["link", "taxonomy_term"], name="unique_service_term")
        ]
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")

    def __str__(self) -> str:
        return f"{self.link} – {self.taxonomy_term}"
