import datetime

import pytest

from socialmap import demo, selectors, services
from socialmap.models import Service, TaxonomyTerm
from socialmap.taxonomy import DIMENSIONS_TAXONOMY

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_fictional():
    first = demo.load()
    count = Service.objects.count()
    demo.load()
    assert Service.objects.count() == count == 25
    assert "fictief" in first
    dimensions = set(
        TaxonomyTerm.objects.filter(
            taxonomy__name=DIMENSIONS_TAXONOMY, attributes__isnull=False
        ).values_list("code", flat=True)
    )
    assert len(dimensions) == 6


def test_changes_are_kept_in_history(demo_map):
    service = Service.objects.get(name="Taalcafé")
    service.description = "Nieuwe tekst"
    service.save()
    assert service.history.count() == 2
    assert service.history.first().description == "Nieuwe tekst"


def test_extra_dimension_becomes_a_term(demo_map):
    service = Service.objects.get(name="Werkfit-traject")
    services.set_dimensions(service, ["dagelijks_functioneren", "werk"])
    codes = {a.taxonomy_term.code for a in service.attributes.all()}
    assert {"dagelijks_functioneren", "werk"} <= codes
    assert "zingeving" not in codes


def test_overdue_lists_entries_older_than_a_year():
    demo.load()
    today = datetime.date(2026, 11, 24)
    overdue = set(selectors.overdue_for_check(today).values_list("name", flat=True))
    assert "Wandelgroep Samen op Pad" in overdue  # checked January 2025
    assert "Sportclub Zonnedal – bewegen op maat" not in overdue  # checked September 2026
    services.mark_verified(Service.objects.get(name="Wandelgroep Samen op Pad"), today)
    assert "Wandelgroep Samen op Pad" not in set(
        selectors.overdue_for_check(today).values_list("name", flat=True)
    )


def test_postcode_area():
    assert selectors.postcode_area("9991 AB") == "9991"
    assert selectors.postcode_area("abc") == ""
