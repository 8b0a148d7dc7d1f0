"""The social map after Open Referral HSDS 3.0: field names follow the HSDS tables so that
import and export map one to one. Ids are UUIDs, as HSDS requires."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def hsds_extra_field() -> models.JSONField:
    """The record as it came in from an HSDS file, so that an export gives back every field,
    also the ones the map does not use or keeps in another form."""
    return models.JSONField(default=dict, blank=True, editable=False)


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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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
    hsds_extra = hsds_extra_field()
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


class HsdsRecord(models.Model):
    """An imported HSDS record the map has no place for: a table the map does not model
    (programs, funding, languages, ...) or a row that points at a record outside the file or
    does not fit the map's fields. Kept whole so that an export gives it back unchanged."""

    table = models.CharField(max_length=40)
    record_id = models.CharField(max_length=100)
    data = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["table", "record_id"], name="unique_hsds_record")
        ]
        verbose_name = _("HSDS record kept as it came in")
        verbose_name_plural = _("HSDS records kept as they came in")

    def __str__(self) -> str:
        return f"{self.table} {self.record_id}"


class ImportJob(models.Model):
    """An HSDS upload that runs in the background; the file is kept in the database so that
    any app server or worker can pick it up."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("busy")
        DONE = "done", _("finished")
        REJECTED = "rejected", _("not imported")

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=100, blank=True)
    done_steps = models.PositiveIntegerField(default=0)
    total_steps = models.PositiveIntegerField(default=1)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done_steps / max(1, self.total_steps)))
