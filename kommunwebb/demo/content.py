"""The demo municipality Sundhamn, as data: pages, news, events, contacts and the alert.

Texts are written for the demo. Pages refer to each other by key (``Link(page="trygghet")``, or
``<a page="trygghet">`` inside rich text); ``loader.py`` turns the keys into real pages. Phone
numbers come from the range the Swedish regulator (PTS) reserves for fiction, 040-628 04 00–99,
and e-mail addresses use the reserved ``.example`` domain, so nothing here reaches a real person.
"""

from dataclasses import dataclass, field
from decimal import Decimal

# --- Building blocks --------------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """A generated illustration (see images.py) and the words that describe it."""

    scene: str
    seed: int
    title: str
    alt: str


@dataclass(frozen=True)
class Link:
    text: str = ""
    page: str | None = None  # key of a demo page
    url: str | None = None


@dataclass(frozen=True)
class Service:
    title: str
    description: str
    page: str | None = None
    url: str | None = None


def nb(text: str) -> str:
    """Keep a phone number or a large number on one line: "040-628\u00a004\u00a000"."""
    return text.replace(" ", "\u00a0")


def paragraph(html: str):
    return ("paragraph", html)


def subheading(text: str):
    return ("subheading", text)


def quote(text: str, attribution: str):
    return ("quote", {"text": text, "attribution": attribution})


def fact_box(body: str, heading: str = "Fakta"):
    return ("fact_box", {"heading": heading, "body": body})


def image(picture: Picture, caption: str = "", credit: str = ""):
    return ("image", {"picture": picture, "caption": caption, "credit": credit})


def document(key: str, title: str = ""):
    return ("document", {"document": key, "title": title})


def contact_card(key: str):
    """A contact card (CONTACTS, by key) in a page's text, with "Öppet nu" from its hours."""
    return ("contact_card", {"card": key})


def read_more(*links: Link, heading: str = "Läs mer"):
    return ("read_more", {"heading": heading, "links": list(links)})


# --- The organisation -------------------------------------------------------------------------

ORGANISATION = "Sundhamns kommun"
SWITCHBOARD = "040-628 04 00"
STODCENTRUM_PHONE = "040-628 04 10"
SOCIAL_JOUR_PHONE = "040-628 04 20"
ENVIRONMENT_PHONE = "040-628 04 30"
LIBRARY_PHONE = "040-628 04 40"
EMAIL = "kontaktcenter@sundhamn.example"
WEB_EMAIL = "webbredaktionen@sundhamn.example"
VISITING_ADDRESS = "Stadshuset, Rådhustorget 1, Sundhamn"
POSTAL_ADDRESS = "Sundhamns kommun, 299 99 Sundhamn"

# The units that answer for pages ("Sidansvarig", kommunwebb/review): key -> (name, mailbox for
# the weekly reminder).
UNITS = {
    "kommunikation": ("Kommunikationsavdelningen", WEB_EMAIL),
    "miljo": ("Miljöförvaltningen", "miljoforvaltningen@sundhamn.example"),
    "social": ("Socialförvaltningen", "socialforvaltningen@sundhamn.example"),
    "kultur": ("Kultur- och fritidsförvaltningen", "kulturochfritid@sundhamn.example"),
}
# Page key -> unit key; the pages under a page belong to its unit unless listed.
PAGE_OWNERS = {
    "home": "kommunikation",
    "events": "kultur",
    "trygghet": "social",
    "miljo": "miljo",
    "area:kultur": "kultur",
    "area:omsorg": "social",
    "area:trygghet": "social",
}
# Review dates relative to the day the demo is loaded, so the report always has something:
# one page overdue, one due within the month. Every other page is due a year after publishing.
REVIEW_IN_DAYS = {"about": -14, "kontakt": 12}

# Answers to "Var sidan till hjälp?" (kommunwebb/feedback) over the last weeks: page key ->
# (Ja, Nej, comments with their answer). Written for the demo; nothing about any visitor.
FEEDBACK = {
    "akut": (23, 2, [(True, "Bra att telefonnumren står överst på sidan.")]),
    "kontakt": (9, 6, [(False, "Jag hittade inte öppettiderna för lördagar.")]),
    "about": (4, 1, []),
    "luft": (11, 3, [(False, "Vad betyder mikrogram per kubikmeter? Förklara gärna.")]),
    "callin": (5, 0, []),
    "bibliotek": (7, 4, [(False, "Står det någonstans om biblioteket har öppet i jul?")]),
}

# Topic name -> slug (the managed vocabulary, kommunwebb/taxonomy). Slugs are plain ASCII so
# topic filters read well in addresses (?amne=miljo).
TOPICS = {
    "Miljö": "miljo",
    "Hälsa": "halsa",
    "Trygghet": "trygghet",
    "Barn och utbildning": "barn-och-utbildning",
    "Kultur": "kultur",
    "Stadsbyggnad": "stadsbyggnad",
}


@dataclass(frozen=True)
class Contact:
    key: str
    name: str
    description: str
    phones: list[tuple[str, str]]
    email: str = ""
    address: str = ""
    # (days, opens, closes) with times as "HH:MM"; None for both times means closed.
    hours: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    # (month, day, opens, closes, note) in the coming December; None times mean closed.
    december_exceptions: list[tuple[int, str | None, str | None, str]] = field(default_factory=list)


CONTACTS = [
    Contact(
        key="stodcentrum",
        name="Stödcentrum",
        description=(
            "Stödsamtal för dig som har utsatts för brott, har bevittnat ett brott eller är "
            "anhörig. Du kan vara anonym."
        ),
        phones=[("Stödcentrum", STODCENTRUM_PHONE)],
        email="stodcentrum@sundhamn.example",
        hours=[("mon-fri", "08:00", "16:00"), ("holidays", None, None)],
    ),
    Contact(
        key="social-jour",
        name="Social jour",
        description=(
            "Akut hjälp från socialtjänsten, råd och stödsamtal när kommunens kontor har "
            "stängt: kvällar, nätter och helger."
        ),
        phones=[("Social jour", SOCIAL_JOUR_PHONE)],
        hours=[("all", "16:00", "03:00")],
    ),
    Contact(
        key="miljo",
        name="Miljöförvaltningen",
        description="Frågor om luftkvalitet, buller, miljötillsyn och naturvård.",
        phones=[("Miljöförvaltningen", ENVIRONMENT_PHONE)],
        email="miljoforvaltningen@sundhamn.example",
        address="Miljöhuset\nStorgatan 18\nSundhamn",
        hours=[("mon-fri", "08:00", "16:00"), ("holidays", None, None)],
    ),
    Contact(
        key="bibliotek",
        name="Stadsbiblioteket",
        description="Lån, frågor om programmet och hjälp med digitala tjänster.",
        phones=[("Informationsdisken", LIBRARY_PHONE)],
        email="stadsbiblioteket@sundhamn.example",
        address="Kanalgatan 12\nSundhamn",
        hours=[
            ("mon-fri", "10:00", "20:00"),
            ("fri", "10:00", "18:00"),
            ("sat-sun", "11:00", "17:00"),
            ("holidays", None, None),
        ],
        december_exceptions=[(23, "10:00", "15:00", "Dagen före julafton: öppet till 15")],
    ),
    Contact(
        key="kontaktcenter",
        name="Kontaktcenter Sundhamn",
        description="Kommunens växel och kundtjänst. Vi svarar på frågor och kopplar dig vidare.",
        phones=[("Växel", SWITCHBOARD)],
        email=EMAIL,
        address="Stadshuset\nRådhustorget 1\nSundhamn",
        hours=[("mon-fri", "08:00", "17:00"), ("holidays", None, None)],
    ),
]


# --- Pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StandardPageData:
    key: str
    parent: str
    slug: str
    title: str
    intro: str
    body: list
    show_in_menus: bool = False


@dataclass(frozen=True)
class TopicPageData:
    key: str
    parent: str
    slug: str
    title: str
    intro: str
    topic: str
    services: list[Service]
    contacts: list[str]
    body: list
    show_in_menus: bool = True


HOME = {
    "slug": "start",
    "title": "Sundhamns kommun",
    "intro": (
        "Nyheter, evenemang och kommunens service – och vart du vänder dig när du behöver "
        "hjälp, dag som natt."
    ),
    # The photo at the top and what it points to (the editor changes both with the seasons).
    "hero": Picture(
        "city_morning",
        11,
        "Sundhamn en klar morgon",
        "Illustration: Sundhamns siluett en klar morgon, med gröna kullar i förgrunden.",
    ),
    "hero_link": ("Hållbar jul: en vecka av workshoppar på Stadsbiblioteket", "event:hallbar-jul"),
}

NEWS_INDEX = {
    "slug": "nyheter",
    "title": "Nyheter",
    "intro": (
        "Nyheter från Sundhamns kommun om allt från skola och miljö till trygghet och kultur. "
        "De senaste visas först."
    ),
}

EVENT_INDEX = {
    "slug": "evenemang",
    "title": "Evenemang",
    "intro": (
        "Vad händer i Sundhamn? Här hittar du kommunens evenemang och det vi ordnar tillsammans "
        "med föreningar och andra arrangörer."
    ),
}

TOPIC_PAGES = [
    TopicPageData(
        key="trygghet",
        parent="area:trygghet",
        slug="trygghet",
        title="Trygghet",
        intro=(
            "Alla ska kunna känna sig trygga i Sundhamn – hemma, i skolan och ute i staden. "
            "Kommunen arbetar långsiktigt med förebyggande insatser och i nära samarbete med "
            "polisen och andra myndigheter."
        ),
        topic="Trygghet",
        services=[
            Service(
                "Stöd vid akuta händelser",
                "Vart du vänder dig efter en allvarlig händelse.",
                page="akut",
            ),
            Service(
                "Hjälp att lämna kriminalitet",
                "Avhopparverksamheten hjälper dig att hitta en väg ut.",
                page="avhoppare",
            ),
            Service(
                "Polisen",
                "Ring 112 vid nödläge och 114\u00a014 för att lämna tips eller anmäla.",
                url="https://polisen.se/",
            ),
            Service(
                "Brottsofferjouren",
                "Stöd till dig som har utsatts för eller bevittnat ett brott.",
                url="https://www.boj.se/",
            ),
        ],
        contacts=["stodcentrum", "social-jour"],
        body=[
            subheading("Förebyggande arbete med barn och unga"),
            paragraph(
                "<p>Det viktigaste kommunen kan göra för en trygg stad på lång sikt är att ge "
                "barn och unga en bra start i livet. Därför satsar vi på att fler elever ska "
                "lämna grundskolan med godkända betyg, och på att tidigt fånga upp den som är på "
                "väg in i droger eller kriminalitet. Skolan, socialtjänsten, barn- och "
                "ungdomspsykiatrin och polisen arbetar ofta tillsammans kring samma ungdomar.</p>"
            ),
            paragraph(
                "<p>Fältassistenter finns ute på kvällar och helger där unga brukar vara. Den som "
                "har börjat begå brott kan få stöd av kommunens sociala insatsgrupper, och "
                "vårdnadshavare kan få hjälp att stötta sina barn.</p>"
            ),
            subheading("Trygghetspatruller"),
            paragraph(
                "<p>Kommunens trygghetspatruller håller rent, lagar det som har gått sönder och "
                "finns på plats där behoven är störst. En plats som ser omhändertagen ut drabbas "
                "mindre av skadegörelse och känns tryggare att vistas på. Patrullerna består i "
                "dag av 48 personer och ska bli 70.</p>"
            ),
            subheading("Fritidsgårdar och allaktivitetshus"),
            paragraph(
                "<p>En meningsfull fritid gör skillnad. Fritidsgårdarna och kommunens tre "
                "allaktivitetshus är öppna för alla åldrar, före och efter skoltid och på "
                "helger. Deltagarna bestämmer själva vad som ska hända, och utbudet spänner från "
                "idrott och läxhjälp till bakning, sagostunder och tjej- och killgrupper.</p>"
            ),
            subheading("Samarbete med polisen"),
            paragraph(
                "<p>Varje vecka träffas kommunens förvaltningar och polisen för att dela en "
                "aktuell bild av läget i stadens olika delar. Där kan skolorna lyfta problem som "
                "påverkar verksamheten, till exempel skadegörelse eller langning i närområdet, "
                "och få hjälp att lösa dem.</p>"
            ),
            read_more(
                Link(page="akut"),
                Link(page="avhoppare"),
                Link("Trygghetspatrullerna blir fler", page="article:patruller"),
                Link("Samarbetet för drogfria skolor fortsätter", page="article:drogfri"),
            ),
        ],
    ),
    TopicPageData(
        key="miljo",
        parent="area:bygga",
        slug="miljo-och-klimat",
        title="Miljö och klimat",
        intro=(
            "Sundhamn ska ha ren luft, grönska nära alla och ett klimatarbete som märks. Här "
            "berättar miljöförvaltningen om läget och om vad kommunen gör."
        ),
        topic="Miljö",
        services=[
            Service(
                "Luften i Sundhamn",
                "Hur många som utsätts för höga halter av kvävedioxid.",
                page="article:luft",
            ),
            Service(
                "Tusenårsskogen", "Stadens nya skog, planterad av invånarna.", page="article:skogen"
            ),
            Service(
                "Sveriges miljömål",
                "De nationella målen för luft, vatten, natur och klimat.",
                url="https://www.sverigesmiljomal.se/",
            ),
        ],
        contacts=["miljo"],
        body=[
            subheading("Luften"),
            paragraph(
                "<p>Miljöförvaltningen mäter luftkvaliteten på flera platser i kommunen, dygnet "
                "runt. Halterna av kvävedioxid har sjunkit kraftigt sedan mitten av 1990-talet, "
                "men partiklar och marknära ozon behöver fortfarande följas noga.</p>"
            ),
            subheading("Grönska"),
            paragraph(
                "<p>Parker, träd och skogar gör staden svalare på sommaren, tar hand om regn vid "
                "skyfall och ger plats för växter och djur. Kommunens mål är att alla ska ha "
                "mindre än fem minuters promenad till en park eller ett grönområde.</p>"
            ),
        ],
    ),
]

STANDARD_PAGES = [
    StandardPageData(
        key="akut",
        parent="trygghet",
        slug="stod-vid-akuta-handelser",
        title="Stöd vid akuta händelser",
        intro=(
            "Har du varit med om eller påverkats av en allvarlig händelse? Här ser du vart du "
            "kan vända dig för att prata med någon – på dagen, på kvällen och mitt i natten."
        ),
        body=[
            paragraph(
                "<p>Vid olyckor, våld och andra allvarliga händelser kan kommunen snabbt kalla "
                "in personal ur sin krisberedskap. Social jour ingår i kommunens centrala "
                "krisstöd och kan komma ut på kort varsel för att bedöma vilket stöd som "
                "behövs.</p>"
                "<p>De linjer du själv kan ringa har olika tider. Vid varje linje ser du om den "
                "har öppet just nu.</p>"
            ),
            fact_box(
                "<p>Ring <b>112</b> om någon är i fara eller om det är bråttom. Vill du lämna "
                "tips eller uppgifter till polisen ringer du 114\u00a014.</p>",
                heading="Vid fara för liv",
            ),
            subheading("Stödcentrum – vardagar klockan 8–16"),
            paragraph(
                "<p>Stödcentrum erbjuder stödsamtal till sundhamnsbor i alla åldrar som har "
                "utsatts för brott eller varit med om något svårt. Du får vara anonym. Anhöriga "
                "och vittnen är också välkomna att höra av sig. Stödcentrum drivs av kommunen "
                "tillsammans med polisen och har stängt på helgdagar.</p>"
            ),
            contact_card("stodcentrum"),
            subheading("Social jour – kvällar, nätter och helger klockan 16–03"),
            paragraph(
                "<p>När kontoren har stängt tar social jour över. Dit ringer du om du behöver "
                "akut hjälp från socialtjänsten, men också för att få råd, information eller "
                "någon att prata med. Social jour svarar klockan 16–03 alla dagar i veckan.</p>"
            ),
            contact_card("social-jour"),
            subheading("När ingen av linjerna har öppet"),
            paragraph(
                "<p>Mellan klockan 03 och 08 på vardagar, och mellan 03 och 16 på helger och "
                "helgdagar, svarar varken Stödcentrum eller social jour. Behöver du råd om vård "
                "då ringer du 1177. Är det akut ringer du 112.</p>"
            ),
            subheading("Om du är orolig för ett barn"),
            paragraph(
                "<p>Tror du att ett barn far illa ska du kontakta socialtjänsten. På dagtid når du "
                f"den genom kommunens kontaktcenter på {nb(SWITCHBOARD)}, efter klockan 16 genom "
                "social jour.</p>"
            ),
            read_more(
                Link("Så arbetar kommunen med trygghet", page="trygghet"),
                Link("Brottsofferjouren", url="https://www.boj.se/"),
                Link("Krisinformation.se", url="https://www.krisinformation.se/"),
            ),
        ],
    ),
    StandardPageData(
        key="avhoppare",
        parent="trygghet",
        slug="hjalp-att-lamna-kriminalitet",
        title="Hjälp att lämna kriminalitet",
        intro=(
            "Vill du bryta med ett kriminellt liv, eller lever du under hot från ett kriminellt "
            "nätverk? Kommunens avhopparverksamhet hjälper dig att hitta en väg ut."
        ),
        body=[
            paragraph(
                "<p>Att lämna en kriminell livsstil tar ofta lång tid och kräver stöd från flera "
                "håll. Kommunens avhopparverksamhet, Vägvalsteamet, utgår från vad just du behöver "
                "för stöd och skydd, och samlar de myndigheter som behövs för att hitta en "
                "lösning.</p>"
            ),
            subheading("Det här kan du få hjälp med"),
            paragraph(
                "<ul><li>Stödsamtal</li><li>Kontakt med ekonomiskt bistånd</li>"
                "<li>Behandling mot missbruk</li><li>Hjälp att flytta till en annan ort</li>"
                "<li>Ett samlat stöd för dig som vill lämna helt</li></ul>"
            ),
            subheading("För dig som möter avhoppare i ditt arbete"),
            paragraph(
                "<p>Arbetar du inom polisen, socialtjänsten, kriminalvården eller en annan "
                "verksamhet och möter någon som vill lämna kriminaliteten? Kontakta "
                "Vägvalsteamet, så hjälper vi till med nästa steg.</p>"
                f"<p>Du når Vägvalsteamet genom kommunens kontaktcenter på {nb(SWITCHBOARD)}, "
                "vardagar klockan 8–17. Är du hotad just nu – ring 112.</p>"
            ),
            read_more(Link("Nytt call-in-möte inom Bryt våldet", page="article:callin")),
        ],
    ),
    StandardPageData(
        key="bibliotek",
        parent="area:kultur",
        slug="stadsbiblioteket",
        title="Stadsbiblioteket",
        show_in_menus=True,
        intro=(
            "Stadsbiblioteket vid Kanalparken är öppet för alla. Låna böcker, läs tidningen, "
            "plugga i lugn och ro eller var med på något av våra program."
        ),
        body=[
            subheading("Öppettider"),
            paragraph(
                "<p>Måndag–torsdag 10–20, fredag 10–18, lördag och söndag 11–17. På helgdagar "
                "har biblioteket stängt.</p>"
            ),
            subheading("Låna och lämna"),
            paragraph(
                "<p>Med ett lånekort kan du låna böcker, ljudböcker, filmer och tv-spel på alla "
                "kommunens bibliotek. Lånekortet är gratis. Du kan lämna tillbaka det du har lånat "
                "i återlämningsautomaten vid entrén, även när biblioteket har stängt.</p>"
            ),
            subheading("Program"),
            paragraph(
                "<p>Varje vecka finns sagostunder, språkcaféer och hjälp med digitala tjänster. I "
                'december blir biblioteket verkstad för <a page="event:hallbar-jul">Hållbar '
                "jul</a>, en vecka med workshoppar för alla åldrar.</p>"
            ),
            read_more(Link("Alla evenemang", page="events")),
        ],
    ),
    StandardPageData(
        key="kontakt",
        parent="home",
        slug="kontakta-oss",
        title="Kontakta kommunen",
        intro=(
            "Kommunens kontaktcenter svarar på frågor om all kommunal service och kopplar dig "
            "vidare när det behövs."
        ),
        body=[
            subheading("Telefon och e-post"),
            paragraph(
                f"<p>Ring <b>{nb(SWITCHBOARD)}</b> vardagar klockan 8–17. Du kan också "
                f"skicka e-post till {EMAIL}. Vi svarar inom två arbetsdagar.</p>"
            ),
            subheading("Besök oss"),
            paragraph(
                "<p>Stadshuset ligger vid Rådhustorget 1. Receptionen har öppet vardagar "
                "klockan 8–16.</p>"
            ),
            fact_box(f"<p>{POSTAL_ADDRESS}</p>", heading="Postadress"),
            subheading("När kontoren har stängt"),
            paragraph(
                f"<p>Behöver du akut hjälp från socialtjänsten ringer du social jour på "
                f"{nb(SOCIAL_JOUR_PHONE)}, klockan 16–03 alla dagar. Vid fara för liv: ring "
                "112.</p>"
            ),
        ],
    ),
    StandardPageData(
        key="about",
        parent="home",
        slug="om-webbplatsen",
        title="Om webbplatsen",
        intro=(
            "Webbplatsen drivs av Sundhamns kommun. Här berättar vi vem som ansvarar för den, "
            "hur den fungerar och hur du hör av dig om något inte stämmer."
        ),
        body=[
            subheading("Vem ansvarar för webbplatsen?"),
            paragraph(
                "<p>Sundhamns kommun ansvarar för webbplatsen. Kommunikationsavdelningen på "
                "stadskontoret samordnar arbetet, och varje förvaltning ansvarar för att "
                "informationen om den egna verksamheten är riktig och aktuell.</p>"
            ),
            subheading("Webbkakor och statistik"),
            paragraph(
                "<p>Vi använder webbkakor för att se vilka sidor som besöks och hur snabbt "
                "webbplatsen laddar för besökarna. Det hjälper oss att förbättra både innehållet "
                'och tekniken. Läs mer på sidan <a page="cookies">Om webbkakor (cookies)</a>.</p>'
            ),
            subheading("Personuppgifter"),
            paragraph(
                "<p>Vi samlar in så lite information om dig som möjligt. Hur vi hanterar "
                'personuppgifter och vilka rättigheter du har står på sidan <a page="privacy">'
                "Personuppgifter</a>.</p>"
            ),
            subheading("Tillgänglighet"),
            paragraph(
                "<p>Webbplatsen ska gå att använda för alla, oavsett funktionsförmåga. Vad vi har "
                "gjort och vilka brister vi känner till beskriver vi i "
                '<a page="accessibility">tillgänglighetsredogörelsen</a>.</p>'
            ),
            subheading("Synpunkter på webbplatsen"),
            paragraph(
                "<p>Har du hittat något som är fel, eller saknar du information? Skicka e-post "
                f"till {WEB_EMAIL}. Frågor om kommunens service besvaras av kontaktcenter på "
                f"{nb(SWITCHBOARD)}.</p>"
            ),
        ],
    ),
    StandardPageData(
        key="cookies",
        parent="home",
        slug="om-webbkakor",
        title="Om webbkakor (cookies)",
        intro=(
            "En webbkaka är en liten textfil som webbplatsen sparar i din webbläsare. Här ser du "
            "vilka kakor vi använder, varför, och hur du själv bestämmer."
        ),
        body=[
            subheading("Vad är en webbkaka?"),
            paragraph(
                "<p>En webbkaka, eller cookie, är en liten textfil som en webbplats sparar i din "
                "webbläsare. Nästa gång du kommer tillbaka kan webbplatsen läsa filen och till "
                "exempel komma ihåg ett val du har gjort. Enligt lagen om elektronisk "
                "kommunikation måste vi berätta vilka kakor vi använder och be om ditt samtycke "
                "till dem som inte behövs för att webbplatsen ska fungera.</p>"
            ),
            subheading("Därför använder vi webbkakor"),
            paragraph(
                "<p>Vi använder kakor till statistik: för att se vilka sidor som besöks och hur "
                "snabbt webbplatsen var för dig. Statistiken visar vad vi behöver förbättra, till "
                "exempel sidor som är svåra att hitta eller som laddar långsamt. Vi sparar aldrig "
                "din IP-adress, och statistiken kan inte kopplas till dig som person.</p>"
                "<p>Statistikkakor sparas bara om du har sagt ja till dem. Säger du nej fungerar "
                "webbplatsen precis som vanligt.</p>"
            ),
            subheading("Kakor som behövs för att webbplatsen ska fungera"),
            paragraph(
                "<p>Några kakor är nödvändiga, till exempel den som kommer ihåg vilket val du har "
                "gjort om kakor och den som skyddar formulär mot missbruk. De kräver inget "
                "samtycke och innehåller inga uppgifter om vem du är.</p>"
            ),
            subheading("Ändra ditt val"),
            paragraph(
                "<p>Du kan när som helst ändra eller ta tillbaka ditt samtycke via inställningarna "
                "för webbkakor, som du når från sidfoten på varje sida. Kakor som redan har "
                "sparats kan du ta bort i din webbläsares inställningar.</p>"
            ),
            read_more(
                Link("Post- och telestyrelsen (PTS) om kakor", url="https://www.pts.se/"),
                Link(page="privacy"),
            ),
        ],
    ),
    StandardPageData(
        key="privacy",
        parent="home",
        slug="personuppgifter",
        title="Personuppgifter",
        intro=(
            "Vi vill veta så lite som möjligt om dig som besöker webbplatsen. Här beskriver vi "
            "vilka uppgifter som ändå sparas, varför, hur länge, och vilka rättigheter du har."
        ),
        body=[
            subheading("IP-adresser"),
            paragraph(
                "<p>En IP-adress är den adress din dator eller mobil har på internet. Den behövs "
                "för att sidorna du besöker ska hitta fram till dig. Din IP-adress är ointressant "
                "för oss. Vi avidentifierar informationen så långt det går, och i vår "
                "besöksstatistik sparas ingen IP-adress alls.</p>"
            ),
            subheading("Systemloggar"),
            paragraph(
                "<p>Våra servrar för loggar för att vi ska kunna hitta fel och hålla webbplatsen "
                "igång. Loggarna används inte till något annat, och de rensas var sjätte "
                "månad.</p>"
            ),
            subheading("Formulär"),
            paragraph(
                "<p>Fyller du i ett formulär sparar vi de uppgifter du själv väljer att lämna, så "
                "att vi kan vara säkra på att de kommer fram. Vid varje formulär står det hur just "
                "de uppgifterna hanteras, vem som tar emot dem och hur länge de sparas.</p>"
            ),
            subheading("Personuppgiftsansvarig"),
            paragraph(
                "<p>Kommunstyrelsen i Sundhamns kommun är personuppgiftsansvarig för webbplatsen. "
                "Har du frågor om hur vi hanterar personuppgifter kan du kontakta kommunens "
                f"dataskyddsombud via dataskyddsombud@sundhamn.example eller kontaktcenter på "
                f"{nb(SWITCHBOARD)}.</p>"
            ),
            subheading("Dina rättigheter"),
            paragraph(
                "<p>Enligt dataskyddsförordningen (GDPR) har du rätt att:</p>"
                "<ul><li>få veta vilka uppgifter vi har om dig, genom ett registerutdrag</li>"
                "<li>få felaktiga uppgifter rättade</li>"
                "<li>få dina uppgifter raderade när de inte längre behövs</li>"
                "<li>få ut uppgifter du själv har lämnat i ett format som du kan ta med dig</li>"
                "</ul>"
            ),
            subheading("Klaga till Integritetsskyddsmyndigheten"),
            paragraph(
                "<p>Om du tycker att vi behandlar dina personuppgifter felaktigt kan du lämna ett "
                "klagomål till Integritetsskyddsmyndigheten (IMY), som är tillsynsmyndighet för "
                "dataskyddsförordningen.</p>"
            ),
            read_more(
                Link("Integritetsskyddsmyndigheten (IMY)", url="https://www.imy.se/"),
                Link(page="cookies"),
            ),
        ],
    ),
]

# The accessibility statement (kommunwebb/accessibility, DIGG's model), at the address the
# statement has always had. Dates are days relative to the day the demo is loaded.
ACCESSIBILITY_STATEMENT = {
    "slug": "tillganglighetsredogorelse",
    "title": "Tillgänglighetsredogörelse",
    "compliance": "partial",
    "contact_email": WEB_EMAIL,
    "contact_phone": SWITCHBOARD,
    "response_time": "inom två arbetsdagar",
    "assessment": (
        "<p>Varje sidtyp testas automatiskt med verktyget axe i en riktig webbläsare varje gång "
        "koden ändras. Vi har också gått igenom sidorna manuellt med enbart tangentbord, med "
        "skärmläsarna NVDA och VoiceOver och med förstoring upp till 400 procent.</p>"
    ),
    "assessed_days_ago": 20,
    "site_published_days_ago": 400,
    "shortcomings": [
        {
            "kind": "non_compliant",
            "description": (
                "Några inbäddade kartor går inte att använda med enbart tangentbord. Samma "
                "information finns alltid som text på sidan."
            ),
            "requirement": "2.1.1",
            "fix_in_days": 120,
        },
        {
            "kind": "non_compliant",
            "description": (
                "En del pdf-dokument från de senaste åren saknar rubrikstruktur, så den som "
                "använder skärmläsare kan inte hoppa mellan avsnitten."
            ),
            "requirement": "1.3.1",
            "fix_in_days": 180,
        },
        {
            "kind": "burden",
            "description": (
                "Inskannade ritningar i det digitala arkivet över bygglov går inte att läsa "
                "med skärmläsare."
            ),
            "reason": (
                "Arkivet har över 40 000 ritningar. Att tolka dem i text vore oskäligt "
                "betungande; stadsbyggnadskontoret beskriver en ritning muntligt eller "
                "skriftligt för den som ber om det."
            ),
        },
        {
            "kind": "out_of_scope",
            "description": (
                "Dokument i pdf och Word som publicerades före den 23 september 2018 och "
                "filmklipp från före den 23 september 2020."
            ),
            "reason": (
                "Lagen gäller inte sådant innehåll, men vi gör om de mest använda dokumenten."
            ),
        },
    ],
}

# --- News -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    key: str
    slug: str
    title: str
    lead: str
    topics: list[str]
    days_ago: int
    picture: Picture
    body: list
    contact: str | None = None
    # Republished this many days after it was first published, with the addendum appended.
    updated_after_days: int | None = None
    addendum: list = field(default_factory=list)


REPORT_TITLE = "Kvävedioxid i Sundhamn – exponering och trender 1996–2025"

ARTICLES = [
    Article(
        key="luft",
        slug="farre-utsatts-for-hoga-halter-av-kvavedioxid",
        title="Färre sundhamnsbor utsätts för höga halter av kvävedioxid",
        lead=(
            "Luften i Sundhamn blir allt renare. I dag bor färre än en procent av invånarna där "
            "halten av kvävedioxid är högre än miljömålet. År 1996 var det fyra av fem."
        ),
        topics=["Miljö", "Hälsa"],
        days_ago=4,
        picture=Picture(
            "city_morning",
            1,
            "Stadssiluett en klar morgon",
            "Illustration: stadens siluett i blått dis under en klar morgonhimmel, med gröna "
            "kullar och lövträd i förgrunden.",
        ),
        contact="miljo",
        body=[
            paragraph(
                "<p>Det visar en ny rapport från miljöförvaltningen, som följer hur många "
                "sundhamnsbor som exponeras för kvävedioxid utanför sin bostad. Omkring 3\u00a0040 "
                "personer, 0,9 procent av befolkningen, bor i dag där årsmedelvärdet ligger över "
                "miljömålet på 20 mikrogram per kubikmeter. När mätserien började 1996 var "
                "andelen 79 procent.</p>"
                "<p>Samtidigt är det allt fler som bara utsätts för låga halter. Rapporten visar "
                "också att barn inte exponeras mer än andra grupper, snarare något mindre.</p>"
            ),
            quote(
                "Så här låga nivåer hade vi knappt vågat hoppas på för tjugo år sedan. Nu gäller "
                "det att hålla i arbetet, särskilt på de gator där trafiken fortfarande är tät.",
                "Karin Lindqvist, chef för enheten för miljöövervakning och analys",
            ),
            subheading("Störst förbättring där luften var sämst"),
            paragraph(
                "<p>I innerstaden är halterna i dag lika låga som de var i ytterområdena Ekbacka "
                "och Västerstrand i mitten av 1990-talet. Minskningen har varit störst längs de "
                "gator där halterna tidigare var högst, som Tullgatan och Norra Vallgatan. Det är "
                "ändå i innerstaden som de högsta halterna fortfarande mäts upp.</p>"
                "<p>Kvävedioxiden kommer framför allt från vägtrafiken. En stor del av "
                "förbättringen beror på det åtgärdsprogram för luftkvalitet som kommunen antog "
                "2007, och på att fordonen har fått bättre avgasrening.</p>"
            ),
            document("report", f"Rapport: {REPORT_TITLE}"),
            fact_box(
                "<p>Kvävedioxid bildas främst när bränsle förbränns i motorer. Höga halter kan "
                "irritera luftvägarna och förvärra besvären för den som har astma.</p>"
                "<p>Enligt miljömålet Frisk luft bör årsmedelvärdet av kvävedioxid inte vara "
                "högre än 20 mikrogram per kubikmeter.</p>",
                heading="Fakta om kvävedioxid",
            ),
            subheading("Andra ämnen i luften"),
            paragraph(
                "<p>Även svaveldioxid, kolmonoxid, bly och flera kolväten har minskat. För "
                "partiklar och marknära ozon är utvecklingen däremot inte lika tydlig, och dem "
                "följer miljöförvaltningen särskilt noga.</p>"
            ),
            read_more(
                Link("Miljö och klimat i Sundhamn", page="miljo"),
                Link("Sveriges miljömål", url="https://www.sverigesmiljomal.se/"),
            ),
        ],
    ),
    Article(
        key="jul",
        slug="gor-julen-mer-hallbar-pa-stadsbiblioteket",
        title="Gör julen mer hållbar – en vecka med workshoppar på Stadsbiblioteket",
        lead=(
            "Under en vecka i december blir Stadsbiblioteket en verkstad för en mer hållbar jul. "
            "Varje dag bjuder på en ny workshop, och allt är gratis och öppet för alla."
        ),
        topics=["Kultur", "Miljö"],
        days_ago=2,
        picture=Picture(
            "winter_evening",
            1,
            "Upplysta fönster en vinterkväll",
            "Illustration: en byggnad med stora, varmt upplysta fönster en snöig vinterkväll, "
            "med granar och fallande snö.",
        ),
        contact="bibliotek",
        body=[
            paragraph(
                "<p>Hållbar jul handlar om att fira med färre prylar och mer gemenskap. Under "
                "veckan kan du göra julpynt av sådant som annars hade slängts, laga kläder inför "
                "helgerna, byta julklappar med andra och smaka vegetarisk julmat.</p>"
                "<p>Aktiviteterna passar både barn och vuxna. Du behöver inte anmäla dig – det "
                "är bara att komma.</p>"
            ),
            quote(
                "Många vill fira jul med lite mindre stress och lite färre saker. Hos oss kan man "
                "prova nya traditioner tillsammans med andra.",
                "Maja Lund, bibliotekarie på Stadsbiblioteket",
            ),
            read_more(
                Link("Hela programmet för Hållbar jul", page="event:hallbar-jul"),
                Link(page="bibliotek"),
            ),
        ],
    ),
    Article(
        key="barnkonventionen",
        slug="forskolebarn-firade-barnkonventionen",
        title="Förskolebarn firade barnkonventionens dag",
        lead=(
            "Med sång, teckningar och ett tåg genom Strandparken firade hundratals förskolebarn "
            "att barnkonventionen fyller år – och att den är svensk lag."
        ),
        topics=["Barn och utbildning"],
        days_ago=6,
        picture=Picture(
            "kites_meadow",
            1,
            "Drakar och ballonger över en äng",
            "Illustration: färgglada drakar och ballonger över en grön äng en solig dag.",
        ),
        body=[
            paragraph(
                "<p>Barn från ett tjugotal förskolor samlades för att uppmärksamma FN:s "
                "konvention om barnets rättigheter. Veckorna innan hade de pratat om vad "
                "rättigheterna betyder för dem: att få leka, att få säga vad man tycker och att "
                "bli lyssnad på.</p>"
                "<p>Barnkonventionen antogs av FN 1989 och är svensk lag sedan 2020. Det betyder "
                "att kommunen ska sätta barnets bästa i främsta rummet i alla beslut som rör "
                "barn.</p>"
            ),
            quote(
                "Barnen kan mycket om sina rättigheter. Det viktigaste för dem var att alla ska "
                "få vara med och leka.",
                "Lena Holm, förskolechef i Västerstrand",
            ),
            fact_box(
                "<p>FN:s konvention om barnets rättigheter har 54 artiklar och gäller alla barn "
                "under 18 år. Den blev svensk lag den 1 januari 2020.</p>",
                heading="Barnkonventionen",
            ),
            read_more(
                Link("Barnombudsmannen om barnkonventionen", url="https://www.barnombudsmannen.se/")
            ),
        ],
    ),
    Article(
        key="diabetes",
        slug="sundhamn-gar-med-i-cities-changing-diabetes",
        title="Sundhamn går med i det globala programmet Cities Changing Diabetes",
        lead=(
            "Sundhamn blir första svenska stad i Cities Changing Diabetes, ett internationellt "
            "samarbete mellan städer som vill bromsa ökningen av diabetes."
        ),
        topics=["Hälsa"],
        days_ago=9,
        picture=Picture(
            "park_path",
            1,
            "Gångväg genom en park i soluppgången",
            "Illustration: en slingrande gångväg genom en grön park i soluppgången, kantad av "
            "lövträd.",
        ),
        contact="kontaktcenter",
        body=[
            paragraph(
                "<p>Köpenhamn, Rom, Peking, Shanghai och Johannesburg är några av de drygt tjugo "
                "städer som redan är med. Tillsammans vill de förstå varför allt fler får "
                "diabetes och hitta sätt att vända utvecklingen.</p>"
                "<p>I Sundhamn lever ungefär fyra procent av invånarna med diabetes, och betydligt "
                "fler har övervikt eller fetma, som ökar risken att insjukna. Programmet startades "
                "av hälsoföretaget Novo Nordisk, som nu samarbetar med kommunen och Sundhamns "
                "högskola.</p>"
            ),
            subheading("Först en kartläggning"),
            paragraph(
                "<p>Arbetet sker i tre steg. Först kartlägger forskare vid högskolan, tillsammans "
                "med kommunen, hur diabetes har utvecklats i stadens olika delar. Sedan "
                "analyseras resultaten, och till sist ska analysen bli konkreta insatser för "
                "bättre hälsa och livskvalitet.</p>"
            ),
            quote(
                "Diabetes drabbar inte alla lika. När vi ser skillnaderna mellan stadsdelarna kan "
                "vi sätta in insatserna där de gör mest nytta.",
                "Amir Haddad, folkhälsostrateg, Sundhamns kommun",
            ),
            paragraph(
                "<p>Högskolan har lång erfarenhet av forskning där invånarna själva är med, något "
                "som blir viktigt när insatserna ska formas.</p>"
            ),
            fact_box(
                "<p>Sundhamn är den första staden i Sverige som ansluter sig till Cities Changing "
                "Diabetes.</p>"
                "<p>Satsningen är en del av kommunens arbete med FN:s globala mål för hållbar "
                "utveckling, särskilt målen om hälsa och välbefinnande och om genomförande och "
                "globalt partnerskap.</p>"
            ),
            read_more(
                Link(
                    "Cities Changing Diabetes (på engelska)",
                    url="https://www.citieschangingdiabetes.com/",
                )
            ),
        ],
    ),
    Article(
        key="callin",
        slug="nytt-call-in-mote-inom-bryt-valdet",
        title="Nytt call-in-möte: det grova våldet måste upphöra",
        lead=(
            "Inom satsningen Bryt våldet har kriminella grupper kallats till ett fjärde möte. "
            "Budskapet är tydligt: grovt våld accepteras inte, och den som vill lämna får hjälp."
        ),
        topics=["Trygghet"],
        days_ago=12,
        updated_after_days=2,
        picture=Picture(
            "evening_street",
            1,
            "Stadskvarter i skymningen",
            "Illustration: ett stadskvarter i skymningen med upplysta fönster och gatlyktor "
            "under en mörkblå himmel.",
        ),
        body=[
            paragraph(
                "<p>Ett call-in är ett möte där polisen, kommunen, kriminalvården och "
                "företrädare för civilsamhället möter medlemmar i kriminella grupper ansikte mot "
                "ansikte. Deltagarna får höra vad som händer med hela gruppen om någon i den "
                "skjuter, spränger eller begår andra grova våldsbrott.</p>"
                "<p>Metoden heter gruppvåldsintervention, GVI, och kommer från USA, där den har "
                "minskat våldet i flera städer. I Sundhamn har tre call-ins hållits tidigare, och "
                "antalet skjutningar har gått ner sedan arbetet började.</p>"
            ),
            quote(
                "Vi ser att arbetet ger resultat, men vi slår oss inte till ro. Efter det som har "
                "hänt den senaste tiden växlar vi upp ytterligare.",
                "Jonas Ek, lokalpolisområdeschef i Sundhamn",
            ),
            subheading("Ett enkelt budskap"),
            paragraph(
                "<p>Samhället accepterar inte att konflikter löses med våld. Det grova våldet "
                "skadar alla, även dem som utövar det och deras familjer. Grupper som fortsätter "
                "får räkna med att polisen och andra myndigheter riktar sina resurser mot just "
                "dem, ända tills våldet upphör.</p>"
            ),
            subheading("Hjälp för den som vill hoppa av"),
            paragraph(
                "<p>Alla som kallas till mötena erbjuds också hjälp att lämna kriminaliteten. "
                "Kommunens avhopparverksamhet, Vägvalsteamet, har sedan det första mötet haft "
                "kontakt med ett trettiotal personer som har tackat ja till någon form av "
                "stöd.</p>"
            ),
            quote(
                "Det kan vara stödsamtal, behandling mot missbruk, hjälp med ekonomin eller att "
                "flytta till en annan ort. Att lämna ett kriminellt liv tar tid, och de vi möter "
                "har kommit olika långt.",
                "Sara Nyberg, socialsekreterare på Vägvalsteamet",
            ),
            read_more(
                Link(page="avhoppare"),
                Link("Så arbetar kommunen med trygghet", page="trygghet"),
            ),
        ],
        addendum=[
            paragraph(
                "<p><i>Tillägg:</i> Vill du själv lämna kriminaliteten, eller känner du någon som "
                f"vill det? Vägvalsteamet nås genom kontaktcenter på {nb(SWITCHBOARD)}, vardagar "
                "klockan 8–17.</p>"
            ),
        ],
    ),
    Article(
        key="skogen",
        slug="tusenarsskogen-prisas",
        title="Tusenårsskogen prisas för sitt bidrag till en grönare stad",
        lead=(
            "Tusenårsskogen i Östra Sundhamn har fått ett nationellt pris för stadsgrönska. "
            "Skogen har planterats av invånare och skolklasser och ska växa i tusen år."
        ),
        topics=["Miljö"],
        days_ago=16,
        picture=Picture(
            "young_forest",
            1,
            "Ung skog mot en ljus himmel",
            "Illustration: en ung skog med barr- och lövträd i flera lager mot en ljus himmel.",
        ),
        contact="miljo",
        body=[
            paragraph(
                "<p>Juryn lyfter fram att skogen har planterats tillsammans med dem som bor i "
                "området. Sedan den första plantan sattes i jorden har skolklasser, föreningar "
                "och grannar planterat mer än 20\u00a0000 träd och buskar av ett sextiotal "
                "inhemska arter.</p>"
            ),
            quote(
                "Tusenårsskogen visar hur en stad kan växa och samtidigt ge plats åt naturen. Det "
                "är en skog som väldigt många har varit med och skapat.",
                "Ur juryns motivering",
            ),
            subheading("Svalka, skydd och nya livsmiljöer"),
            paragraph(
                "<p>Skogen binder koldioxid, ger skugga och svalka under varma somrar och tar "
                "hand om regnvatten vid skyfall. Den blir också ett nytt hem för fåglar, insekter "
                "och svampar mitt i ett område med många bostäder.</p>"
            ),
            image(
                Picture(
                    "autumn_forest",
                    2,
                    "Lövträd i höstfärger",
                    "Illustration: lövträd i gula och orange höstfärger bland mörkgröna granar.",
                ),
                caption="Skogen blandar barrträd och lövträd av arter som växer naturligt i "
                "Sverige.",
            ),
            paragraph(
                "<p>Arbetet fortsätter. I vår bjuder kommunen in till nya planteringsdagar, och "
                "alla som vill är välkomna att hjälpa till.</p>"
            ),
            read_more(Link("Miljö och klimat i Sundhamn", page="miljo")),
        ],
    ),
    Article(
        key="kajen",
        slug="forsta-spadtaget-for-repslagarkajen",
        title="Första spadtaget för nya stadsdelen Repslagarkajen",
        lead=(
            "Nu börjar bygget av Repslagarkajen, där gamla hamnmagasin blir en stadsdel med "
            "1\u00a0800 bostäder, en skola och en park vid vattnet."
        ),
        topics=["Stadsbyggnad"],
        days_ago=20,
        picture=Picture(
            "quay",
            1,
            "Nya hus och byggkranar vid kajen",
            "Illustration: nya flerbostadshus och två byggkranar vid en kaj, med lugnt vatten "
            "och en segelbåt i förgrunden.",
        ),
        body=[
            paragraph(
                "<p>Området vid den gamla inre hamnen har länge varit avspärrat. Nu ska det bli en "
                "del av staden, med bostäder, förskolor, en grundskola, butiker och en lång "
                "kajpromenad som är öppen för alla.</p>"
            ),
            subheading("Byggt för kraftiga regn och högre havsnivå"),
            paragraph(
                "<p>Kajen höjs, och parken vid vattnet formas så att den kan ta emot stora "
                "mängder regnvatten utan att husen tar skada. Stadsdelen ska klara både skyfall "
                "och ett stigande hav.</p>"
            ),
            image(
                Picture(
                    "quay_evening",
                    1,
                    "Kajen i solnedgången",
                    "Illustration: byggkranar och nya hus vid kajen i solnedgången, med varmt "
                    "upplysta fönster och ljus som speglas i vattnet.",
                ),
                caption="När stadsdelen är färdig ska kajen vara öppen för alla, dygnet runt.",
            ),
            quote(
                "Repslagarkajen ska vara en plats för alla sundhamnsbor, inte bara för dem som "
                "bor här. Därför börjar vi med kajpromenaden och parken.",
                "Elin Sjöberg, projektledare på stadsbyggnadskontoret",
            ),
            paragraph(
                "<p>De första bostäderna beräknas vara klara om tre år. Hela stadsdelen byggs ut "
                "i etapper under drygt tio år.</p>"
            ),
            read_more(Link("Följ med på en stadsvandring", page="event:stadsvandring")),
        ],
    ),
    Article(
        key="drogfri",
        slug="samarbetet-for-drogfria-skolor-fortsatter",
        title="Polisen och kommunen fortsätter arbetet för drogfria skolor",
        lead=(
            "Efter en lyckad försöksperiod fortsätter samarbetet Drogfri skola. Målet är att "
            "kommunens grund- och gymnasieskolor ska vara trygga och fria från narkotika."
        ),
        topics=["Trygghet", "Barn och utbildning"],
        days_ago=25,
        picture=Picture(
            "schoolyard",
            1,
            "Skolbyggnad och skolgård",
            "Illustration: en låg skolbyggnad i rött tegel med många fönster, lövträd och en "
            "skolgård under en blå himmel med moln.",
        ),
        body=[
            paragraph(
                "<p>Under försöksperioden besökte polisen skolor tillsammans med "
                "narkotikasökhundar. Besöken görs i förebyggande syfte och planeras tillsammans "
                "med rektorerna. Hundarna söker i gemensamma utrymmen som korridorer och skåp, "
                "aldrig på eleverna.</p>"
                "<p>I en enkät svarade elever, vårdnadshavare och personal att besöken bidrar "
                "till att skolan känns tryggare.</p>"
            ),
            quote(
                "Skolan ska vara en trygg plats. Att vi gör det här tillsammans med polisen visar "
                "att vi tar elevernas oro på allvar.",
                "Per Arvidsson, grundskoledirektör, Sundhamns kommun",
            ),
            subheading("En del av ett större arbete"),
            paragraph(
                "<p>Samarbetet är en del av kommunens förebyggande arbete mot droger och "
                "kriminalitet bland unga. Varje vecka går skolan, socialtjänsten och polisen "
                "igenom läget i olika områden, och skolorna kan där lyfta problem som "
                "skadegörelse eller langning.</p>"
            ),
            fact_box(
                "<p>Maria Sundhamn är en mottagning för unga upp till 25 år som har problem med "
                "alkohol eller droger, och för deras anhöriga. Rådgivning och behandling är "
                "gratis. Mottagningen drivs av kommunen tillsammans med regionen.</p>",
                heading="Hjälp för unga med alkohol eller droger",
            ),
            read_more(Link("Så arbetar kommunen med trygghet", page="trygghet")),
        ],
    ),
    Article(
        key="patruller",
        slug="trygghetspatrullerna-blir-fler",
        title="Trygghetspatrullerna blir fler",
        lead=(
            "Kommunens trygghetspatruller utökas från 48 till 70 personer. Patrullerna håller "
            "rent, lagar det som gått sönder och finns på plats där behoven är störst."
        ),
        topics=["Trygghet"],
        days_ago=30,
        picture=Picture(
            "town_square",
            1,
            "Torg i kvällsljus",
            "Illustration: ett torg med träd och tända gatlyktor i varmt kvällsljus, med hus i "
            "bakgrunden.",
        ),
        contact="kontaktcenter",
        body=[
            paragraph(
                "<p>Patrullerna började som ett försök i några av de områden där behoven var "
                "störst. Tanken är enkel: klotter, trasiga lampor och skräp som får ligga kvar "
                "drar till sig mer skadegörelse och gör att en plats känns otrygg. När skadorna "
                "åtgärdas direkt bryts den utvecklingen.</p>"
            ),
            subheading("Fler områden och fler kvällar"),
            paragraph(
                "<p>Med fler medarbetare kan patrullerna arbeta i fler stadsdelar och oftare på "
                "kvällar och helger. De samarbetar med polisen, fältassistenterna och "
                "bostadsbolagen.</p>"
            ),
            quote(
                "Folk kommer fram och pratar med oss. Många säger att de märker skillnad när "
                "torget är rent och lamporna fungerar.",
                "Ali Karimi, trygghetsvärd",
            ),
            paragraph(
                "<p>Ser du skadegörelse eller en trasig gatlykta? Gör en felanmälan till "
                f"kontaktcenter på {nb(SWITCHBOARD)}.</p>"
            ),
            read_more(
                Link("Så arbetar kommunen med trygghet", page="trygghet"),
                Link("Samarbetet för drogfria skolor fortsätter", page="article:drogfri"),
            ),
        ],
    ),
]

# --- Events -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    key: str
    slug: str
    title: str
    lead: str
    picture: Picture
    venue: str
    address: str
    organiser: str
    audience: str
    body: list
    price: Decimal | None = None
    price_note: str = ""
    registration_url: str = ""


# The December programme at the library, Monday to Sunday: (title, start, end) in local time.
CHRISTMAS_WEEK = [
    ("Julpynt av återbruk", "15:00", "18:00"),
    ("Laga och lappa – fixa kläderna inför helgerna", "15:00", "18:00"),
    ("Julklappsbyte: lämna något, ta något", "15:00", "19:00"),
    ("Vegetarisk julmat – smaka och byt recept", "17:00", "19:00"),
    ("Slå in klapparna i tyg", "15:00", "18:00"),
    ("Familjeverkstad: julkort av pressade växter", "11:00", "15:00"),
    ("Samtal: en jul med färre prylar", "13:00", "15:00"),
]

EVENTS = [
    Event(
        key="hallbar-jul",
        slug="hallbar-jul",
        title="Hållbar jul på Stadsbiblioteket",
        lead=(
            "En vecka med workshoppar, julklappsbyte och samtal om hur vi kan fira jul med färre "
            "prylar och mer gemenskap. Varje dag bjuder på något nytt. Gratis och öppet för alla."
        ),
        picture=Picture(
            "winter_hills",
            1,
            "Snötäckta kullar och granar",
            "Illustration: snötäckta kullar och granar under en rosa vinterhimmel.",
        ),
        venue="Stadsbiblioteket, Ljushallen",
        address="Kanalgatan 12, Sundhamn",
        organiser="Stadsbiblioteket",
        audience="Alla åldrar",
        body=[
            paragraph(
                "<p>Under en hel vecka i december fyller vi Ljushallen med idéer för en jul som är "
                "snällare mot både plånboken och planeten. Varje dag har ett eget tema, och du kan "
                "komma en gång eller alla sju.</p>"
            ),
            subheading("Program"),
            paragraph(
                "<ul>"
                + "".join(
                    f"<li>{day}: {title}</li>"
                    for day, (title, _, _) in zip(
                        ["Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag", "Söndag"],
                        CHRISTMAS_WEEK,
                        strict=True,
                    )
                )
                + "</ul>"
            ),
            paragraph(
                "<p>Ingen anmälan behövs. Ta gärna med saker till julklappsbytet – hela, rena och "
                "gärna inslagna i tidningspapper.</p>"
            ),
            read_more(Link("Läs nyheten om Hållbar jul", page="article:jul")),
        ],
    ),
    Event(
        key="julmarknad",
        slug="julmarknad-pa-radhustorget",
        title="Julmarknad på Rådhustorget",
        lead=(
            "Tre dagar med lokalt hantverk, julgodis och musik på Rådhustorget. Marknaden är "
            "öppen fredag till söndag och det kostar ingenting att besöka den."
        ),
        picture=Picture(
            "market_stalls",
            1,
            "Marknadsstånd i skymningen",
            "Illustration: marknadsstånd med röda, gröna, gula och blå tak och en ljusslinga i "
            "skymningen.",
        ),
        venue="Rådhustorget",
        address="Rådhustorget, Sundhamn",
        organiser="Sundhamns kommun och Sundhamns hantverksförening",
        audience="Alla åldrar",
        body=[
            paragraph(
                "<p>Ett fyrtiotal utställare säljer hantverk, textil, keramik och julgodis. På "
                "lördagen och söndagen spelar kulturskolans elever julmusik vid stadshustrappan "
                "klockan 14.</p>"
                "<p>Torget nås enkelt med buss. Cykelparkering finns vid Kanalparken.</p>"
            ),
        ],
    ),
    Event(
        key="vinterkonsert",
        slug="vinterkonsert-med-kulturskolan",
        title="Vinterkonsert med kulturskolans symfoniorkester",
        lead=(
            "Kulturskolans symfoniorkester spelar vintrig musik, från Sibelius till filmmusik. "
            "Platserna är numrerade och bokas i förväg."
        ),
        picture=Picture(
            "moon_water",
            1,
            "Fullmåne över stilla vatten",
            "Illustration: en fullmåne över stilla vatten en vinterkväll, med månljuset som "
            "speglas i vattnet.",
        ),
        venue="Konserthuset, stora salen",
        address="Hamngatan 4, Sundhamn",
        organiser="Kulturskolan i Sundhamn",
        audience="Alla åldrar",
        price=Decimal("100"),
        price_note="Gratis för barn och unga under 20 år",
        registration_url="https://biljetter.sundhamn.example/vinterkonsert",
        body=[
            paragraph(
                "<p>Sextio unga musiker mellan 12 och 19 år har övat hela hösten inför kvällen. "
                "Konserten är ungefär två timmar lång med en paus.</p>"
                "<p>Salen har platser för rullstol och hörslinga. Berätta när du bokar om du "
                "behöver en särskild plats.</p>"
            ),
        ],
    ),
    Event(
        key="stadsvandring",
        slug="stadsvandring-repslagarkajen",
        title="Stadsvandring på Repslagarkajen",
        lead=(
            "Följ med stadsbyggnadskontoret på en vandring genom den blivande stadsdelen och hör "
            "om planerna för bostäderna, skolan och parken vid vattnet."
        ),
        picture=Picture(
            "quay",
            7,
            "Kaj med nya hus en klar dag",
            "Illustration: nya hus och byggkranar vid en kaj en klar dag, med en segelbåt på "
            "vattnet.",
        ),
        venue="Samling vid Gamla tullhuset",
        address="Repslagarkajen 1, Sundhamn",
        organiser="Stadsbyggnadskontoret",
        audience="Vuxna och unga från 12 år",
        registration_url="https://www.sundhamn.example/anmalan/stadsvandring",
        body=[
            paragraph(
                "<p>Vandringen tar ungefär en och en halv timme och går på plana grusvägar. Klä "
                "dig efter vädret. Antalet platser är begränsat, så anmäl dig i förväg.</p>"
            ),
            read_more(Link("Första spadtaget för Repslagarkajen", page="article:kajen")),
        ],
    ),
]

# --- The alert --------------------------------------------------------------------------------

ALERT = {
    "title": "Vinterväghållning: hjälp plogbilarna fram",
    "message": (
        "När det snöar plogar vi först huvudgator, busslinjer och cykelstråk och sedan "
        "bostadsgatorna. Parkera gärna på tomten eller i garage så att plogbilarna kommer fram. "
        f"Halka och snöhinder kan du felanmäla på {nb(SWITCHBOARD)}."
    ),
    # Published as a second version of the alert, so its history shows an update.
    "update": "Uppdatering: sandkistor med gratis halksand finns nu vid alla skolor och bibliotek.",
}

# --- Search: the editors' synonym groups and promoted results ---------------------------------
# Words residents use that the pages do not (everyday Swedish, English, abbreviations).

SYNONYMS = [
    "bibliotek, library",
    "evenemang, events, aktiviteter",
    "diabetes, sockersjuka",
    "narkotika, knark, droger",
    "kvävedioxid, avgaser, luftföroreningar",
    "kontaktcenter, växel, kontakt, contact",
    "kriminalitet, gängkriminalitet, gäng",
    "belysning, lampa, gatlykta",
    "tillgänglighet, accessibility",
    "personuppgifter, privacy, dataskydd, gdpr",
]

# Query → the page (loader key) shown first under "Rekommenderat".
PROMOTIONS = {
    "social": "akut",
    "kris": "akut",
    "socialtjänsten": "akut",
}

# A prepared crisis scenario (docs/crisis.md): a draft of crisis mode the web editor or the
# Krisinformatör publishes to switch crisis mode on, and unpublishes to switch it off. The
# hours it names are the contact cards' hours above.
CRISIS_SCENARIO = {
    "title": "Dricksvattnet i centrala Sundhamn är otjänligt",
    "happened": (
        "Vid en kontroll har bakterier hittats i dricksvattnet i centrala Sundhamn. "
        "Kommunen spolar ledningarna och tar nya prover. Det gäller Centrum, Hamnen och Söder."
    ),
    "what_to_do": (
        "Koka vatten som du ska dricka eller laga mat med i minst tre minuter.\n"
        "Vatten för dusch, disk och tvätt går att använda som vanligt.\n"
        "Hämta vatten i tankbilarna vid Stortorget och Hamnskolan, dygnet runt.\n"
        "Ring 112 om någon blir akut sjuk."
    ),
    "help": (
        f"Kommunens kundtjänst: {SWITCHBOARD} (vardagar 8–16)\n"
        "Sjukvårdsrådgivning: 1177 (dygnet runt)\n"
        f"Stödcentrum: {STODCENTRUM_PHONE} (vardagar 8–16)\n"
        f"Social jour: {SOCIAL_JOUR_PHONE} (alla dagar 16–03)"
    ),
}
