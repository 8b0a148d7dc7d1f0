import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.models import Assessment
from assessments.services import Submission, complete_assessment, save_submission, start_assessment
from instruments.custom import CustomDimensionError, add_dimension
from instruments.models import InstrumentVersion
from instruments.scoring import health_surface, score_change
from instruments.selectors import latest_version, offered_instruments
from organisations.models import Organisation

WORK_ITEMS = [
    ("Ik heb werk dat bij mij past.", "I have work that suits me."),
    ("Ik kan mijn werk goed aan.", "I can cope well with my work."),
]


def base(instrument_id="bredeblik-volwassenen") -> InstrumentVersion:
    return latest_version(instrument_id)


def add_work(organisation, version=None) -> InstrumentVersion:
    return add_dimension(
        version or base(),
        organisation,
        "werk",
        "Werk",
        "Work",
        "Hoe het gaat met werk en vrijwilligerswerk.",
        "How work and volunteering are going.",
        WORK_ITEMS,
    )


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Buurtzorg Fictief", slug="buurtzorg-fictief")


@pytest.mark.django_db
def test_adds_a_seventh_dimension_in_dutch_and_english(organisation):
    version = add_work(organisation)
    assert version.instrument_id == f"bredeblik-volwassenen-{organisation.slug}"
    assert version.version == "1"
    assert version.organisation == organisation
    definition = version.parsed
    assert len(definition.dimensions) == 7
    work = definition.dimensions[-1]
    assert work.name.get("nl") == "Werk" and work.name.get("en") == "Work"
    assert [i.text.get("en") for i in work.items] == [en for _nl, en in WORK_ITEMS]
    # The organisation's staff are offered it; other organisations are not.
    assert version in offered_instruments(organisation)
    other = Organisation.objects.create(name="Ander", slug="ander")
    assert version not in offered_instruments(other)
    assert version not in offered_instruments()


@pytest.mark.django_db
def test_a_second_addition_becomes_the_next_version_and_the_base_is_untouched(organisation):
    original = dict(base().definition)
    first = add_work(organisation)
    second = add_dimension(
        first,
        organisation,
        "wonen_buurt",
        "Buurt",
        "Neighbourhood",
        "Buurt.",
        "Area.",
        [("Ik voel mij thuis in mijn buurt.", "I feel at home in my area.")],
    )
    assert (second.instrument_id, second.version) == (first.instrument_id, "2")
    assert len(second.parsed.dimensions) == 8
    assert base().definition == original


@pytest.mark.django_db
def test_more_than_eight_dimensions_is_refused_and_nothing_stored(organisation):
    version = base()
    for n in range(2):
        version = add_dimension(
            version,
            organisation,
            f"extra_{n}",
            "Extra",
            "Extra",
            "Iets.",
            "Something.",
            [("Vraag.", "Question.")],
        )
    count = InstrumentVersion.objects.count()
    with pytest.raises(CustomDimensionError):
        add_work(organisation, version)
    assert InstrumentVersion.objects.count() == count


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"dimension_id": "Werk!"},
        {"dimension_id": "zingeving"},
        {"name_en": ""},
        {"description_nl": "  "},
        {"items": []},
        {"items": [("Alleen Nederlands.", "")]},
    ],
)
def test_bad_input_is_refused_and_nothing_stored(organisation, changes):
    arguments = {
        "dimension_id": "werk",
        "name_nl": "Werk",
        "name_en": "Work",
        "description_nl": "Werk.",
        "description_en": "Work.",
        "items": WORK_ITEMS,
        **changes,
    }
    count = InstrumentVersion.objects.count()
    with pytest.raises(CustomDimensionError):
        add_dimension(base(), organisation, **arguments)
    assert InstrumentVersion.objects.count() == count


@pytest.mark.django_db
def test_another_organisations_version_cannot_be_the_base(organisation):
    theirs = add_work(Organisation.objects.create(name="Ander", slug="ander"))
    with pytest.raises(CustomDimensionError):
        add_work(organisation, theirs)


def fill(version: InstrumentVersion, scores) -> Assessment:
    web = start_assessment(version)
    answers = {
        item.id: score
        for dimension, score in zip(version.parsed.dimensions, scores, strict=True)
        for item in dimension.items
    }
    save_submission(web, Submission(answers=answers))
    return complete_assessment(web)


@pytest.mark.django_db
def test_a_seven_dimension_web_scores_and_has_a_surface(organisation):
    web = fill(add_work(organisation), [10, 10, 10, 10, 10, 10, 10])
    assert web.dimension_scores["werk"] == 10
    assert web.health_surface == 100.0
    half = fill(add_work(organisation), [5, 5, 5, 5, 5, 5, 5])
    assert half.health_surface == 25.0


@pytest.mark.django_db
def test_comparing_a_six_and_seven_dimension_web_uses_the_shared_dimensions(organisation):
    six = fill(base(), [4, 4, 4, 4, 4, 4])
    seven = fill(add_work(organisation), [5, 5, 5, 5, 5, 5, 8])
    change = score_change(six.dimension_scores, seven.dimension_scores)
    assert "werk" not in change
    assert set(change.values()) == {1.0}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=10), min_size=7, max_size=7))
def test_seven_axis_surface_stays_between_0_and_100(scores):
    surface = health_surface(scores)
    assert surface is not None and 0 <= surface <= 100


@pytest.mark.django_db(transaction=True)
def test_a_version_stored_after_a_rolled_back_one_reads_as_itself(organisation):
    """SQLite hands a rolled-back insert's id to the next one: the parsed definition kept for
    the first must not be read for the second."""
    from django.db import transaction

    with transaction.atomic():
        gone = add_work(organisation)
        assert gone.parsed.dimensions[-1].name.get("nl") == "Werk"
        transaction.set_rollback(True)
    kept = add_dimension(
        base(),
        organisation,
        "school",
        "School",
        "School",
        "Hoe het gaat op school.",
        "How school is going.",
        [("Ik ga graag naar school.", "I like going to school.")],
    )
    assert (kept.instrument_id, kept.version) == (gone.instrument_id, gone.version)
    fresh = InstrumentVersion.objects.get(pk=kept.pk)
    assert fresh.parsed.dimensions[-1].name.get("nl") == "School"
