"""A fictional social map for the made-up municipality "Zonnedal" (postcodes 9990-9999).

Every name, address and number here is invented. Ids come from uuid5, so loading twice
changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from socialmap.models import (
    Address,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from socialmap.services import reindex, set_areas, set_dimensions, set_target_groups
from socialmap.taxonomy import ensure_defaults, stable_id

MUNICIPALITY = "Gemeente Zonnedal (fictief)"
NEIGHBOURHOODS = {
    "9991": "Zonnedal-Centrum",
    "9992": "Oosterhof",
    "9993": "Westerveld",
    "9994": "De Molenwijk",
    "9995": "Beekdal",
}
ALL = list(NEIGHBOURHOODS)

# name, organisation, dimensions, target groups, areas, place (key into PLACES), description
ENTRIES = [
    (
        "Wandelgroep Samen op Pad",
        "Buurtwerk Zonnedal",
        ["lichaamsfuncties", "meedoen"],
        ["iedereen", "ouderen"],
        ALL,
        "buurthuis",
        "Elke dinsdagochtend een rustige wandeling van een uur, met koffie na afloop.",
    ),
    (
        "Sportclub Zonnedal – bewegen op maat",
        "Sportclub Zonnedal",
        ["lichaamsfuncties"],
        ["iedereen"],
        ALL,
        "sporthal",
        "Sporten in een kleine groep, op je eigen tempo. Eerste drie keer gratis.",
    ),
    (
        "Schuldhulp Zonnedal",
        "Stichting Geldzorgen Zonnedal",
        ["kwaliteit_van_leven", "dagelijks_functioneren"],
        ["iedereen", "gezinnen"],
        ALL,
        "gemeentehuis",
        "Gratis hulp bij schulden en rekeningen die zich opstapelen.",
    ),
    (
        "Thuisadministratie met een vrijwilliger",
        "Vrijwilligerscentrale Zonnedal",
        ["dagelijks_functioneren"],
        ["ouderen", "iedereen"],
        ALL,
        "vrijwilligerscentrale",
        "Een vrijwilliger helpt je thuis met post, formulieren en overzicht.",
    ),
    (
        "Welzijnscoach – Welzijn op Recept",
        "Buurtwerk Zonnedal",
        ["mentaal_welbevinden", "zingeving", "meedoen"],
        ["iedereen"],
        ALL,
        "buurthuis",
        "Je huisarts verwijst je naar de welzijnscoach. Samen zoek je wat jou energie geeft.",
    ),
    (
        "Geestelijk verzorger in de wijk",
        "Centrum voor Levensvragen Zonnedal",
        ["zingeving", "mentaal_welbevinden"],
        ["ouderen", "iedereen"],
        ALL,
        "buurthuis",
        "Een gesprek over zingeving, verlies of levensvragen. Voor iedereen, gelovig of niet.",
    ),
    (
        "Digitaal Café in de bibliotheek",
        "Bibliotheek Zonnedal",
        ["dagelijks_functioneren", "meedoen"],
        ["ouderen", "iedereen"],
        ALL,
        "bibliotheek",
        "Hulp bij je telefoon, DigiD en e-mail. Stel je vraag aan een vrijwilliger.",
    ),
    (
        "Taalcafé",
        "Bibliotheek Zonnedal",
        ["meedoen", "dagelijks_functioneren"],
        ["nieuwkomers"],
        ALL,
        "bibliotheek",
        "Nederlands oefenen in een ontspannen gesprek.",
    ),
    (
        "Vrijwilligerswerk vinden",
        "Vrijwilligerscentrale Zonnedal",
        ["meedoen", "zingeving"],
        ["iedereen"],
        ALL,
        "vrijwilligerscentrale",
        "Ontdek welk vrijwilligerswerk bij je past.",
    ),
    (
        "Buurthuis De Zonnewijzer – open inloop",
        "Buurtwerk Zonnedal",
        ["meedoen", "kwaliteit_van_leven"],
        ["iedereen"],
        ["9991", "9992"],
        "buurthuis",
        "Binnenlopen voor koffie, een praatje of een activiteit.",
    ),
    (
        "Samen eten in Oosterhof",
        "Buurtwerk Zonnedal",
        ["meedoen", "kwaliteit_van_leven"],
        ["ouderen"],
        ["9992"],
        "oosterhof",
        "Elke donderdag samen koken en eten voor een kleine bijdrage.",
    ),
    (
        "Mantelzorgsteunpunt",
        "Stichting Mantelzorg Zonnedal",
        ["mentaal_welbevinden", "kwaliteit_van_leven"],
        ["mantelzorgers"],
        ALL,
        "gemeentehuis",
        "Advies, even op adem komen en lotgenoten ontmoeten als je voor een ander zorgt.",
    ),
    (
        "Valpreventie: In Balans",
        "Fysiotherapie Beekdal (fictief)",
        ["lichaamsfuncties"],
        ["ouderen"],
        ["9995", "9994"],
        "beekdal",
        "Oefengroep om stevig te blijven staan en vallen te voorkomen.",
    ),
    (
        "Slaapspreekuur",
        "Gezondheidscentrum Zonnedal",
        ["lichaamsfuncties", "mentaal_welbevinden"],
        ["iedereen"],
        ALL,
        "gezondheidscentrum",
        "Praktische tips als je slecht slaapt, met de praktijkondersteuner.",
    ),
    (
        "Gezond koken op een klein budget",
        "Gezondheidscentrum Zonnedal",
        ["lichaamsfuncties", "kwaliteit_van_leven"],
        ["gezinnen"],
        ALL,
        "gezondheidscentrum",
        "Vier avonden samen koken: lekker, gezond en betaalbaar.",
    ),
    (
        "Jongerenwerk Westerveld",
        "Buurtwerk Zonnedal",
        ["meedoen", "zingeving"],
        ["jongeren"],
        ["9993"],
        "westerveld",
        "Een plek voor jongeren van 12 tot 23 om te chillen, te sporten en plannen te maken.",
    ),
    (
        "Opvoedsteunpunt",
        "Centrum Jong Zonnedal",
        ["dagelijks_functioneren", "mentaal_welbevinden"],
        ["gezinnen"],
        ALL,
        "gemeentehuis",
        "Vragen over opvoeden? Loop binnen of bel voor een afspraak.",
    ),
    (
        "Maatjesproject Samen Sterk",
        "Vrijwilligerscentrale Zonnedal",
        ["meedoen", "mentaal_welbevinden"],
        ["iedereen", "ouderen"],
        ALL,
        "vrijwilligerscentrale",
        "Een vaste maatje voor een wandeling, een spelletje of een kop koffie.",
    ),
    (
        "Moestuin De Groene Duim",
        "Stichting Buurtgroen Zonnedal",
        ["zingeving", "lichaamsfuncties", "meedoen"],
        ["iedereen"],
        ["9994", "9995"],
        "molenwijk",
        "Samen tuinieren, oogsten en delen.",
    ),
    (
        "Werkfit-traject",
        "Werkplein Zonnedal (fictief)",
        ["dagelijks_functioneren", "zingeving"],
        ["iedereen"],
        ALL,
        "gemeentehuis",
        "Stap voor stap weer aan het werk, met een eigen coach.",
    ),
    (
        "Formulierenbrigade",
        "Stichting Geldzorgen Zonnedal",
        ["dagelijks_functioneren", "kwaliteit_van_leven"],
        ["iedereen", "nieuwkomers"],
        ALL,
        "bibliotheek",
        "Hulp bij toeslagen en formulieren van de gemeente en de Belastingdienst.",
    ),
    (
        "Rouwgroep",
        "Centrum voor Levensvragen Zonnedal",
        ["zingeving", "mentaal_welbevinden"],
        ["iedereen"],
        ALL,
        "buurthuis",
        "Zes bijeenkomsten met anderen die iemand hebben verloren.",
    ),
    (
        "Zwemmen voor 55-plussers",
        "Sportclub Zonnedal",
        ["lichaamsfuncties", "meedoen"],
        ["ouderen"],
        ALL,
        "zwembad",
        "Rustig baantjes zwemmen en watergym in warm water.",
    ),
    (
        "Cultuurclub De Ontmoeting",
        "Bibliotheek Zonnedal",
        ["zingeving", "meedoen", "kwaliteit_van_leven"],
        ["iedereen"],
        ["9991", "9993"],
        "bibliotheek",
        "Samen naar film, lezing of museum, en erover praten.",
    ),
    (
        "Woonadvies: veilig thuis",
        "Woonstichting Zonnedal (fictief)",
        ["kwaliteit_van_leven"],
        ["ouderen"],
        ALL,
        "gemeentehuis",
        "Advies over een veilig en prettig huis, ook bij ruzie met buren.",
    ),
]

# key: name, street, postcode, latitude, longitude (a made-up place in the north of NL)
PLACES = {
    "buurthuis": ("Buurthuis De Zonnewijzer", "Zonnebloemstraat 12", "9991 AA", 53.101, 6.501),
    "sporthal": ("Sporthal Zonnedal", "Sportlaan 3", "9993 BC", 53.097, 6.488),
    "gemeentehuis": ("Gemeentehuis Zonnedal", "Marktplein 1", "9991 AB", 53.103, 6.505),
    "vrijwilligerscentrale": ("Huis van de Buurt", "Kerkstraat 8", "9991 AC", 53.104, 6.499),
    "bibliotheek": ("Bibliotheek Zonnedal", "Boekenhof 2", "9991 AD", 53.102, 6.508),
    "oosterhof": ("Wijkcentrum Oosterhof", "Oosterlaan 40", "9992 CD", 53.100, 6.522),
    "beekdal": ("Fysiotherapie Beekdal", "Beekweg 5", "9995 EF", 53.086, 6.513),
    "gezondheidscentrum": ("Gezondheidscentrum Zonnedal", "Dokterspad 7", "9992 GH", 53.099, 6.515),
    "westerveld": ("Jongerencentrum Westerveld", "Westerweg 21", "9993 JK", 53.098, 6.480),
    "molenwijk": ("Tuin De Groene Duim", "Molenpad 14", "9994 LM", 53.091, 6.495),
    "zwembad": ("Zwembad De Golfslag", "Badweg 2", "9993 NP", 53.095, 6.485),
}


def _organization(name: str) -> Organization:
    organization, _created = Organization.objects.get_or_create(
        id=stable_id("demo", "organization", name),
        defaults={"name": name, "description": f"{name} – {MUNICIPALITY}. Fictieve organisatie."},
    )
    return organization


def _location(key: str) -> Location:
    name, street, postcode, latitude, longitude = PLACES[key]
    location, created = Location.objects.get_or_create(
        id=stable_id("demo", "location", key),
        defaults={"name": name, "latitude": latitude, "longitude": longitude},
    )
    if created:
        Address.objects.create(
            id=stable_id("demo", "address", key),
            location=location,
            address_1=street,
            postal_code=postcode,
            city="Zonnedal",
            state_province="Fictief",
        )
    return location


@transaction.atomic
def load() -> str:
    ensure_defaults()
    created = 0
    for index, (name, org, dimensions, groups, areas, place, description) in enumerate(ENTRIES):
        service, is_new = Service.objects.get_or_create(
            id=stable_id("demo", "service", name),
            defaults={
                "name": name,
                "organization": _organization(org),
                "description": description,
                # A few entries are deliberately overdue for a check, to show the coordinator page.
                "last_verified": datetime.date(2025, 1, 15)
                if index % 6 == 0
                else datetime.date(2026, 9, 1),
            },
        )
        if not is_new:
            continue
        created += 1
        location = _location(place)
        ServiceAtLocation.objects.create(
            id=stable_id("demo", "sal", name), service=service, location=location
        )
        Phone.objects.create(
            id=stable_id("demo", "phone", name),
            service=service,
            number=f"0599-{100000 + index * 7:06d}",
        )
        Schedule.objects.create(
            id=stable_id("demo", "schedule", name),
            service=service,
            freq="WEEKLY",
            byday="TU",
            opens_at=datetime.time(9, 30),
            closes_at=datetime.time(12, 0),
            description="Dinsdag 9.30 – 12.00 uur",
        )
        set_dimensions(service, dimensions)
        set_target_groups(service, groups)
        set_areas(service, areas, NEIGHBOURHOODS)
        reindex(service)
    return f"socialmap: {MUNICIPALITY}, {created} new services ({len(ENTRIES)} in the demo map)"
