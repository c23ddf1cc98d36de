"""The demo's calendar beyond the four events of ``content.py``: the categories residents filter
by, who each event is for and how accessible it is, and ten more events, so that filtering
("gratis för barn i helgen") always finds something whatever day the demo is loaded.

Dates are relative to the day of loading (``When``): the weekend's events fall on the coming
Saturday and Sunday, or on today's weekend.
"""

from dataclasses import dataclass
from decimal import Decimal

from .content import Event, Picture, paragraph

CATEGORIES = {
    "barn": ("Barn och familj", "barn-och-familj"),
    "musik": ("Musik", "musik"),
    "samtal": ("Föreläsningar och samtal", "forelasningar-och-samtal"),
    "marknad": ("Marknader", "marknader"),
    "natur": ("Natur och friluftsliv", "natur-och-friluftsliv"),
    "idrott": ("Idrott och motion", "idrott-och-motion"),
    "konst": ("Konst och utställningar", "konst-och-utstallningar"),
    "scen": ("Teater och film", "teater-och-film"),
    "stad": ("Stadsbyggnad", "stadsbyggnad"),
}

EVERYONE = ("barn", "unga", "vuxna", "seniorer")


@dataclass(frozen=True)
class Facts:
    """What the calendar filters by: category keys, audience slugs, accessibility."""

    categories: tuple[str, ...]
    audiences: tuple[str, ...]
    wheelchair: bool = False
    hearing_loop: bool = False


# The events of content.py.
FACTS = {
    "hallbar-jul": Facts(("samtal", "barn"), EVERYONE, wheelchair=True, hearing_loop=True),
    "julmarknad": Facts(("marknad",), EVERYONE, wheelchair=True),
    "vinterkonsert": Facts(("musik",), EVERYONE, wheelchair=True, hearing_loop=True),
    "stadsvandring": Facts(("stad",), ("unga", "vuxna", "seniorer")),
}

# The market's three days, opening and closing (content.py's "julmarknad").
MARKET_HOURS = [("12:00", "19:00"), ("10:00", "17:00"), ("11:00", "16:00")]


@dataclass(frozen=True)
class When:
    """One occurrence. ``anchor`` is "weekend" (``days`` after the weekend's Saturday) or
    "today" (``days`` after the day of loading); no ``start`` is all day, for ``length``
    days."""

    anchor: str
    days: int
    start: str | None = None
    end: str | None = None
    length: int = 1


@dataclass(frozen=True)
class CalendarEvent:
    event: Event
    facts: Facts
    when: tuple[When, ...]


def _event(key, slug, title, lead, venue, address, organiser, audience, body, **more):
    return Event(
        key=key,
        slug=slug,
        title=title,
        lead=lead,
        picture=more.pop("picture", None),
        venue=venue,
        address=address,
        organiser=organiser,
        audience=audience,
        body=[paragraph(body)],
        **more,
    )


EVENTS = [
    CalendarEvent(
        _event(
            "sagostund",
            "sagostund-for-de-minsta",
            "Sagostund för de minsta",
            "Bibliotekarierna läser högt ur nya och gamla bilderböcker. En lugn halvtimme med "
            "sagor, ramsor och sång för barn upp till fem år och deras vuxna.",
            "Stadsbiblioteket, barnavdelningen",
            "Kanalgatan 12, Sundhamn",
            "Stadsbiblioteket",
            "Barn 2–5 år med vuxen",
            "<p>Sagostunden är på lördagar hela vintern. Kom i tid: vi börjar när alla hittat "
            "en kudde. Barnvagnar kan parkeras vid hissen på entréplanet.</p>",
        ),
        Facts(("barn",), ("barn",), wheelchair=True, hearing_loop=True),
        (When("weekend", 0, "10:30", "11:00"), When("weekend", 7, "10:30", "11:00"),
         When("weekend", 14, "10:30", "11:00"), When("weekend", 21, "10:30", "11:00")),
    ),
    CalendarEvent(
        _event(
            "vinterlek",
            "vinterlek-i-kanalparken",
            "Vinterlek i Kanalparken",
            "Pulkabacke, snöskulpturer och varm saft vid scenen. Fritidsgårdarna bygger en "
            "hinderbana som alla barn får prova, hela helgen.",
            "Kanalparken",
            "Kanalparken, Sundhamn",
            "Fritid Sundhamn",
            "Barn och familjer",
            "<p>Ta med egen pulka eller låna en av våra. Om det inte finns snö bygger vi en "
            "hinderbana på gräset i stället. Toaletter finns vid parkens café.</p>",
            picture=Picture(
                "kites_meadow",
                3,
                "Drakar över en äng",
                "Illustration: färgglada drakar och ballonger över en äng en solig dag.",
            ),
        ),
        Facts(("barn", "natur"), ("barn", "unga"), wheelchair=True),
        (When("weekend", 0, length=2),),
    ),
    CalendarEvent(
        _event(
            "familjedag",
            "familjedag-pa-naturum",
            "Familjedag på naturum: spår i snön",
            "Vems spår är det? Följ med en naturvägledare ut i skogen och lär dig känna igen "
            "spår efter rådjur, räv och hare. Vi grillar korv efteråt.",
            "Naturum Norra udden",
            "Uddvägen 40, Sundhamn",
            "Naturum Norra udden",
            "Barn från 4 år med vuxen",
            "<p>Vandringen är ungefär två kilometer lång på stig. Klä dig varmt och ta gärna "
            "med en termos. Korven och brödet bjuder vi på.</p>",
        ),
        Facts(("barn", "natur"), ("barn", "vuxna")),
        (When("weekend", 1, "11:00", "13:30"),),
    ),
    CalendarEvent(
        _event(
            "skridskodisco",
            "skridskodisco-pa-isbanan",
            "Skridskodisco på isbanan",
            "Musik, ljusshow och fri åkning på den stora isbanan. Skridskor och hjälmar finns "
            "att låna i receptionen så länge de räcker.",
            "Sundhamns isbana",
            "Idrottsvägen 3, Sundhamn",
            "Fritid Sundhamn",
            "Barn och unga",
            "<p>Barn under tio år åker tillsammans med en vuxen. Hjälm är obligatorisk för "
            "alla under femton år.</p>",
            price=Decimal("40"),
            price_note="Gratis för barn under 7 år",
        ),
        Facts(("idrott", "barn"), ("barn", "unga")),
        (When("weekend", 0, "17:00", "19:00"),),
    ),
    CalendarEvent(
        _event(
            "sittgympa",
            "sittgympa-pa-traffpunkt-hamnen",
            "Sittgympa på Träffpunkt Hamnen",
            "Lugn gympa på stol med fysioterapeut, för rörlighet och balans. Efteråt finns "
            "kaffe och tid att prata en stund.",
            "Träffpunkt Hamnen",
            "Hamngatan 18, Sundhamn",
            "Vård och omsorg, Sundhamns kommun",
            "Seniorer",
            "<p>Ingen anmälan behövs och du behöver inga särskilda kläder. Träffpunkten har "
            "hörslinga och ramp vid entrén.</p>",
        ),
        Facts(("idrott",), ("seniorer",), wheelchair=True, hearing_loop=True),
        (When("today", 2, "10:00", "11:00"), When("today", 9, "10:00", "11:00"),
         When("today", 16, "10:00", "11:00")),
    ),
    CalendarEvent(
        _event(
            "utstallning",
            "sundhamn-forr-och-nu",
            "Utställning: Sundhamn förr och nu",
            "Fotografier från hamnen, torget och kajerna sida vid sida med samma platser i dag. "
            "Utställningen är gjord av hembygdsföreningen och stadsarkivet.",
            "Konsthallen",
            "Torggatan 2, Sundhamn",
            "Sundhamns konsthall",
            "Alla åldrar",
            "<p>Konsthallen har öppet tisdag till söndag klockan 11–17. Visningar för "
            "skolklasser bokas via konsthallen.</p>",
            picture=Picture(
                "town_square",
                5,
                "Ett torg i kvällsljus",
                "Illustration: ett torg med träd och gatlyktor i varmt kvällsljus.",
            ),
        ),
        Facts(("konst",), EVERYONE, wheelchair=True, hearing_loop=True),
        (When("today", 0, length=24),),
    ),
    CalendarEvent(
        _event(
            "kortfilm",
            "kortfilmskvall-for-unga",
            "Kortfilmskväll för unga",
            "Sex kortfilmer gjorda av unga filmare i länet, och samtal med två av regissörerna "
            "efteråt. Popcorn ingår.",
            "Kulturhuset, biografen",
            "Storgatan 30, Sundhamn",
            "Kulturhuset Sundhamn",
            "Unga 13–19 år",
            "<p>Filmerna är textade på svenska. Biografen har hörslinga och platser för "
            "rullstol på första raden.</p>",
        ),
        Facts(("scen",), ("unga",), wheelchair=True, hearing_loop=True),
        (When("today", 6, "18:30", "20:30"),),
    ),
    CalendarEvent(
        _event(
            "klimat",
            "foredrag-klimatanpassning",
            "Föredrag: Så rustar vi Sundhamn för skyfall",
            "Kommunens klimatstrateg berättar hur nya parker, diken och gröna tak ska ta hand om "
            "regnet när skyfallen blir fler. Frågor är välkomna.",
            "Stadshuset, sessionssalen",
            "Rådhustorget 1, Sundhamn",
            "Stadsbyggnadskontoret",
            "Vuxna",
            "<p>Föredraget är ungefär en timme och sänds också på kommunens webbplats. "
            "Sessionssalen har hörslinga.</p>",
            registration_url="https://www.sundhamn.example/anmalan/skyfall",
        ),
        Facts(("samtal", "stad"), ("vuxna", "seniorer"), wheelchair=True, hearing_loop=True),
        (When("today", 9, "18:00", "19:30"),),
    ),
    CalendarEvent(
        _event(
            "fagelskadning",
            "fagelskadning-vid-norra-udden",
            "Fågelskådning vid Norra udden",
            "Vinterns sjöfåglar samlas i viken. Ta med kikare om du har, annars lånar du av "
            "oss. Guiden hjälper dig att skilja knipor från alfåglar.",
            "Fågeltornet vid Norra udden",
            "Uddvägen 52, Sundhamn",
            "Naturskyddsföreningen i Sundhamn",
            "Alla åldrar",
            "<p>Vi ses vid parkeringen. Stigen till tornet är smal och kan vara hal.</p>",
        ),
        Facts(("natur",), EVERYONE),
        (When("today", 12, "08:30", "10:30"),),
    ),
    CalendarEvent(
        _event(
            "barnteater",
            "barnteater-snogubben",
            "Barnteater: Snögubben som ville se våren",
            "En varm och rolig föreställning om en snögubbe som ger sig ut på resa för att få "
            "se en blomma. För barn från tre år, ungefär 40 minuter lång.",
            "Stadsteatern, lilla scenen",
            "Teatergatan 5, Sundhamn",
            "Stadsteatern Sundhamn",
            "Barn 3–8 år",
            "<p>Biljetter köps i teaterns kassa eller på webben. Barn går in tillsammans med "
            "en vuxen.</p>",
            price=Decimal("60"),
            registration_url="https://biljetter.sundhamn.example/snogubben",
        ),
        Facts(("scen", "barn"), ("barn",), wheelchair=True, hearing_loop=True),
        (When("today", 15, "10:00", "10:40"), When("today", 22, "10:00", "10:40")),
    ),
]  # fmt: skip
