import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialmap import search, selectors
from socialmap.search import Candidate


def test_normalise_removes_accents_case_and_punctuation():
    assert search.normalise("Digitaal CAFÉ – Één keer!") == "digitaal cafe een keer"


def test_stem_joins_dutch_word_forms():
    assert search.stem("wandelen") == search.stem("wandeling") == "wandel"
    assert search.stem("schulden") == "schuld"
    assert search.stem("de") == "de"  # too short to strip


def _candidate(key, name, text=""):
    return Candidate(key, name, search.index_text([name]), search.index_text([text]))


def test_name_match_ranks_above_description_match():
    ranked = search.rank(
        "wandelen",
        [
            _candidate("maatje", "Maatjesproject", "samen een wandeling maken"),
            _candidate("groep", "Wandelgroep", "elke dinsdag"),
        ],
    )
    assert [c.key for c in ranked] == ["groep", "maatje"]


def test_equal_scores_are_alphabetical():
    ranked = search.rank("", [_candidate(2, "Zwemmen"), _candidate(1, "Bibliotheek")])
    assert [c.key for c in ranked] == [1, 2]


@given(st.lists(st.text(max_size=30), max_size=8), st.text(max_size=20))
def test_rank_returns_every_candidate_once(names, query):
    candidates = [_candidate(i, name) for i, name in enumerate(names)]
    ranked = search.rank(query, candidates)
    assert sorted(c.key for c in ranked) == list(range(len(names)))


@given(st.text(max_size=40))
def test_normalise_is_idempotent_and_ascii(text):
    once = search.normalise(text)
    assert search.normalise(once) == once


@pytest.mark.django_db
class TestFindServices:
    def names(self, **kwargs):
        return [s.name for s in selectors.find_services(selectors.Query(**kwargs))]

    def test_accent_and_case_insensitive(self, demo_map):
        assert "Digitaal Café in de bibliotheek" in self.names(text="DIGITAAL cafe")

    def test_word_forms_match(self, demo_map):
        assert "Wandelgroep Samen op Pad" in self.names(text="wandelen")

    def test_dimension_and_postcode_filter(self, demo_map):
        names = self.names(dimension="zingeving", postcode="9993 AB")
        assert "Jongerenwerk Westerveld" in names
        # Serves only Oosterhof (9992).
        assert "Samen eten in Oosterhof" not in self.names(postcode="9993")
        assert "Samen eten in Oosterhof" in self.names(postcode="9992")
        assert "Sportclub Zonnedal – bewegen op maat" not in names

    def test_target_group_filter(self, demo_map):
        names = self.names(target_group="mantelzorgers")
        assert names == ["Mantelzorgsteunpunt"]

    def test_no_match_is_empty(self, demo_map):
        assert self.names(text="ruimtevaart") == []

    def test_dimension_and_target_group_together_need_both(self, demo_map):
        # The support point for carers works on mental well-being, not on taking part.
        carers = "Mantelzorgsteunpunt"
        assert self.names(dimension="mentaal_welbevinden", target_group="mantelzorgers") == [carers]
        assert self.names(dimension="meedoen", target_group="mantelzorgers") == []
        assert carers not in self.names(dimension="meedoen")

    @pytest.mark.parametrize("filters", [{"dimension": "ruimtevaart"}, {"target_group": "elfen"}])
    def test_a_term_that_does_not_exist_finds_nothing(self, demo_map, filters):
        assert self.names(**filters) == []


@pytest.mark.django_db
def test_after_a_large_import_postgresql_plans_with_the_new_size():
    from django.db import connection

    from socialmap import hsds_store

    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL plans from table statistics that an import must refresh")
    organization = {
        "id": "00000000-0000-4000-8000-000000000001",
        "name": "Stichting Buurt",
        "description": "Een fictieve stichting.",
    }
    services = [
        {
            "id": f"00000000-0000-4000-9000-{n:012d}",
            "name": f"Wandelgroep {n}",
            "status": "active",
            "organization": organization,
        }
        for n in range(hsds_store.LARGE_IMPORT_ROWS)
    ]
    hsds_store.import_upload("regio.json", json.dumps(services).encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'socialmap_service'")
        assert cursor.fetchone()[0] == hsds_store.LARGE_IMPORT_ROWS
