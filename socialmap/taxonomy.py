"""The two taxonomies the social map uses: the Positive Health dimensions and target groups.

Ids are derived with uuid5 from the code, so every installation (and every HSDS export) uses
the same ids for the same dimension.
"""

from __future__ import annotations

import uuid

from django.utils.translation import gettext_lazy as _

from socialmap.models import Taxonomy, TaxonomyTerm

NAMESPACE = uuid.UUID("7b0f4c1e-3c55-4a4e-9a57-0c1d2b7e5a10")
DIMENSIONS_TAXONOMY = "positieve-gezondheid"
TARGET_GROUPS_TAXONOMY = "doelgroep"

DIMENSIONS = {
    "lichaamsfuncties": _("Bodily functions"),
    "mentaal_welbevinden": _("Mental well-being"),
    "zingeving": _("Meaningfulness"),
    "kwaliteit_van_leven": _("Quality of life"),
    "meedoen": _("Participation"),
    "dagelijks_functioneren": _("Daily functioning"),
}
# Dutch names are stored in the taxonomy so an HSDS export reads well to Dutch partners.
DIMENSION_NAMES_NL = {
    "lichaamsfuncties": "Lichaamsfuncties",
    "mentaal_welbevinden": "Mentaal welbevinden",
    "zingeving": "Zingeving",
    "kwaliteit_van_leven": "Kwaliteit van leven",
    "meedoen": "Meedoen",
    "dagelijks_functioneren": "Dagelijks functioneren",
}
TARGET_GROUPS = {
    "jongeren": "Jongeren",
    "ouderen": "Ouderen",
    "mantelzorgers": "Mantelzorgers",
    "gezinnen": "Gezinnen",
    "nieuwkomers": "Nieuwkomers",
    "iedereen": "Iedereen",
}


def stable_id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(parts))


def _taxonomy(name: str, description: str) -> Taxonomy:
    taxonomy, _created = Taxonomy.objects.get_or_create(
        id=stable_id(name), defaults={"name": name, "description": description}
    )
    return taxonomy


def dimension_term(code: str, name: str | None = None) -> TaxonomyTerm:
    """The term for a dimension id; an extra dimension (e.g. "werk") is added on first use."""
    taxonomy = _taxonomy(DIMENSIONS_TAXONOMY, "Positieve Gezondheid: de dimensies")
    term, _created = TaxonomyTerm.objects.get_or_create(
        id=stable_id(DIMENSIONS_TAXONOMY, code),
        defaults={
            "taxonomy": taxonomy,
            "code": code,
            "name": name or DIMENSION_NAMES_NL.get(code, code.replace("_", " ").capitalize()),
            "description": name or DIMENSION_NAMES_NL.get(code, code),
            "language": "nl",
        },
    )
    return term


def target_group_term(code: str) -> TaxonomyTerm:
    taxonomy = _taxonomy(TARGET_GROUPS_TAXONOMY, "Doelgroepen")
    name = TARGET_GROUPS.get(code, code.replace("_", " ").capitalize())
    term, _created = TaxonomyTerm.objects.get_or_create(
        id=stable_id(TARGET_GROUPS_TAXONOMY, code),
        defaults={
            "taxonomy": taxonomy,
            "code": code,
            "name": name,
            "description": name,
            "language": "nl",
        },
    )
    return term


def ensure_defaults() -> None:
    for code in DIMENSIONS:
        dimension_term(code)
    for code in TARGET_GROUPS:
        target_group_term(code)


def dimension_label(code: str) -> str:
    return str(DIMENSIONS.get(code, code.replace("_", " ").capitalize()))
