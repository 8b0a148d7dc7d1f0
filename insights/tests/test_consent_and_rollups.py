import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from assessments.tests.factories import make_web
from insights import services
from insights.models import CollectiveConsent, DimensionRollup
from insights.tests.helpers import counted_web
from people.models import User

GRAINS = DimensionRollup.Grain.values


def webs_counted() -> int:
    """Webs in the figures; every grain must agree, or a page would contradict another."""
    counts = {
        grain: sum(
            DimensionRollup.objects.filter(dimension="*", grain=grain).values_list(
                "count", flat=True
            )
        )
        for grain in GRAINS
    }
    assert len(set(counts.values())) == 1, counts
    return counts["full"]


def dimension_total(dimension: str) -> tuple[int, float]:
    totals = set()
    for grain in GRAINS:
        rows = DimensionRollup.objects.filter(dimension=dimension, grain=grain)
        totals.add((sum(r.count for r in rows), sum(r.total for r in rows)))
    assert len(totals) == 1, totals
    return totals.pop()


@pytest.mark.django_db
def test_completing_a_consented_web_counts_it_without_an_explicit_call():
    counted_web((6, 7, 5, 8, 4, 6))
    counted_web((8, 7, 5, 8, 4, 6))
    assert webs_counted() == 2
    assert dimension_total("lichaamsfuncties") == (2, 14.0)


@pytest.mark.django_db
def test_a_web_without_consent_or_not_completed_does_not_count():
    make_web()
    draft = make_web(complete=False)
    services.opt_in(draft, postcode_area="9991", age_band="45-64")
    assert webs_counted() == 0


@pytest.mark.django_db
def test_opting_out_removes_the_web_from_figures_at_once():
    keep = counted_web((6, 6, 6, 6, 6, 6))
    leave = counted_web((2, 2, 2, 2, 2, 2))
    assert services.opt_out(leave)
    assert webs_counted() == 1
    assert dimension_total("zingeving") == (1, 6.0)
    assert CollectiveConsent.objects.get(assessment=leave).opted_out_at is not None
    # a later save of the web does not bring it back
    leave.save()
    assert webs_counted() == 1
    assert keep.collective_consent.is_active


@pytest.mark.django_db
def test_erasing_a_web_removes_it_from_figures():
    web = counted_web()
    counted_web()
    web.delete()
    assert webs_counted() == 1


@pytest.mark.django_db
def test_changing_the_area_moves_the_web():
    web = counted_web(area="9991")
    services.opt_in(web, postcode_area="9992", age_band="45-64")
    webs = DimensionRollup.objects.filter(dimension="*").exclude(grain="national")
    areas = set(webs.values_list("postcode_area", flat=True))
    assert areas == {"9992"}
    assert webs_counted() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("area", ["", "123", "0999", "12a4", "12345", "1234 AB"])
def test_bad_postcode_area_is_refused_and_nothing_stored(area):
    web = make_web()
    with pytest.raises(ValidationError):
        services.opt_in(web, postcode_area=area, age_band="45-64")
    assert not CollectiveConsent.objects.exists()


@pytest.mark.django_db
def test_rebuild_gives_the_same_rollups_as_the_live_updates():
    for i in range(5):
        counted_web((i, 5, 6, None, 8, 9), area=f"999{i % 2}")
    left = counted_web((1, 1, 1, 1, 1, 1))
    services.opt_out(left)
    fields = (
        "grain",
        "postcode_area",
        "age_band",
        "period",
        "dimension",
        "count",
        "total",
        "bin_0_2",
        "bin_9_10",
    )
    live = sorted(DimensionRollup.objects.values_list(*fields))
    call_command("rebuild_insights", verbosity=0)
    call_command("rebuild_insights", verbosity=0)
    assert sorted(DimensionRollup.objects.values_list(*fields)) == live
    assert dimension_total("kwaliteit_van_leven")[0] == 0  # skipped everywhere
    assert webs_counted() == 5


@pytest.mark.django_db
def test_person_opts_in_and_out_on_the_result_page(client):
    web = make_web()
    result = reverse("assessments:result", args=[web.access_token])
    html = client.get(result).content.decode()
    assert reverse("insights:opt_in", args=[web.access_token]) in html
    response = client.post(
        reverse("insights:opt_in", args=[web.access_token]),
        {"postcode_area": "9991", "age_band": "30-44", "agree": "yes"},
    )
    assert response.status_code == 302
    consent = CollectiveConsent.objects.get(assessment=web)
    assert consent.postcode_area == "9991"
    assert webs_counted() == 1
    client.post(reverse("insights:opt_out", args=[web.access_token]))
    assert webs_counted() == 0


@pytest.mark.django_db
def test_bad_input_on_the_form_changes_nothing(client):
    web = make_web()
    client.post(
        reverse("insights:opt_in", args=[web.access_token]),
        {"postcode_area": "12", "age_band": "30-44", "agree": "yes"},
    )
    client.post(
        reverse("insights:opt_in", args=[web.access_token]),
        {"postcode_area": "9991", "age_band": "30-44"},
    )
    assert not CollectiveConsent.objects.exists()


@pytest.mark.django_db
def test_someone_else_cannot_opt_in_or_out_for_a_web_with_an_owner(client):
    owner = User.objects.create_user("eigenaar@example.org", "a-long-test-password")
    web = counted_web(owner=owner)
    other = User.objects.create_user("ander@example.org", "a-long-test-password")
    client.force_login(other)
    response = client.post(reverse("insights:opt_out", args=[web.access_token]))
    assert response.status_code == 404
    response = client.post(
        reverse("insights:opt_in", args=[web.access_token]),
        {"postcode_area": "1234", "age_band": "30-44", "agree": "yes"},
    )
    assert response.status_code == 404
    assert CollectiveConsent.objects.get(assessment=web).postcode_area == "9991"
    assert webs_counted() == 1
