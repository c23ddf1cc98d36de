"""Sundhamn's services as data: the service areas, the service pages, the e-services they
start, the contact cards behind them and the site-wide "Hitta snabbt" and "Populära
tjänster". ``service_pages.py`` builds pages from it.

Written for Sundhamn like ``content.py``: phone numbers from the fiction range 040-628 04 xx,
addresses on ``.example``. National rules (the maxtaxa's percentages, the time limit for a
building permit, the fee for copies of public documents) are described as they are; the
municipal fees and dates are Sundhamn's own.
"""

from dataclasses import dataclass, field

from .content import Contact, Link, Service, fact_box, nb, paragraph, read_more, subheading

# --- Small helpers for rich text ---------------------------------------------------------------


def p(*sentences: str) -> str:
    return "<p>" + " ".join(sentences) + "</p>"


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


ETJANSTER = "https://e-tjanster.sundhamn.example"

# --- Contact cards ------------------------------------------------------------------------------

_OFFICE = [("mon-fri", "08:00", "16:00"), ("holidays", None, None)]
_PHONE_HOURS = [
    ("mon-fri", "09:00", "12:00"),
    ("mon-fri", "13:00", "15:00"),
    ("holidays", None, None),
]

CONTACTS = [
    Contact(
        key="placering",
        name="Placeringsenheten för förskola och fritidshem",
        description="Frågor om köplats, placering, uppsägning och avgifter.",
        phones=[("Telefontid", "040-628 04 50")],
        email="placering@sundhamn.example",
        hours=_PHONE_HOURS,
    ),
    Contact(
        key="skola",
        name="Barn- och utbildningsförvaltningen",
        description="Skolval, skolskjuts, modersmål och frågor om grundskolan.",
        phones=[("Växel", "040-628 04 51")],
        email="barnochutbildning@sundhamn.example",
        address="Skolhuset\nHamngatan 4\nSundhamn",
        hours=_OFFICE,
    ),
    Contact(
        key="vuxenutbildning",
        name="Vuxenutbildningen Sundhamn",
        description="Studie- och yrkesvägledning, sfi och kurser för vuxna.",
        phones=[("Expedition", "040-628 04 66")],
        email="vux@sundhamn.example",
        address="Lärcentrum\nKanalgatan 30\nSundhamn",
        hours=[("mon-fri", "08:00", "16:00"), ("fri", "08:00", "14:00"), ("holidays", None, None)],
    ),
    Contact(
        key="bistand-aldre",
        name="Biståndshandläggarna för äldre",
        description="Ansökan om hemtjänst, trygghetslarm och särskilt boende.",
        phones=[("Telefontid", "040-628 04 52")],
        email="aldreomsorg@sundhamn.example",
        hours=[("mon-fri", "08:30", "11:30"), ("holidays", None, None)],
    ),
    Contact(
        key="funktionsstod",
        name="Funktionsstöd",
        description="Stöd enligt LSS och till dig med funktionsnedsättning, och anhörigstöd.",
        phones=[("Telefontid", "040-628 04 65")],
        email="funktionsstod@sundhamn.example",
        hours=[("mon-fri", "09:00", "11:00"), ("holidays", None, None)],
    ),
    Contact(
        key="fardtjanst",
        name="Färdtjänsten",
        description="Frågor om tillstånd för färdtjänst och riksfärdtjänst.",
        phones=[("Handläggare", "040-628 04 53")],
        email="fardtjanst@sundhamn.example",
        hours=[("mon-fri", "09:00", "12:00"), ("holidays", None, None)],
    ),
    Contact(
        key="forsorjning",
        name="Mottagningen för ekonomiskt bistånd",
        description="Råd om ekonomiskt bistånd och hjälp med ansökan.",
        phones=[("Mottagningen", "040-628 04 54")],
        email="mottagningen@sundhamn.example",
        address="Socialkontoret\nStorgatan 22\nSundhamn",
        hours=[("mon-fri", "08:00", "12:00"), ("holidays", None, None)],
    ),
    Contact(
        key="bygglov",
        name="Bygglovsenheten",
        description="Bygglov, anmälan, startbesked och rådgivning inför en ansökan.",
        phones=[("Bygglovsjouren", "040-628 04 55")],
        email="bygglov@sundhamn.example",
        address="Stadsbyggnadskontoret\nRådhustorget 3\nSundhamn",
        hours=[("mon-fri", "10:00", "12:00"), ("fri", None, None), ("holidays", None, None)],
    ),
    Contact(
        key="avfall",
        name="Kundservice Vatten och avfall",
        description="Sophämtning, abonnemang, vatten och avlopp.",
        phones=[("Kundservice", "040-628 04 56")],
        email="vattenochavfall@sundhamn.example",
        hours=[("mon-fri", "07:30", "16:30"), ("holidays", None, None)],
    ),
    Contact(
        key="trafik",
        name="Trafikenheten",
        description="Parkeringstillstånd, boendeparkering, grävtillstånd och trafikfrågor.",
        phones=[("Trafikenheten", "040-628 04 57")],
        email="trafik@sundhamn.example",
        hours=_OFFICE,
    ),
    Contact(
        key="kultur",
        name="Kultur- och fritidsförvaltningen",
        description="Kulturskolan, lokalbokning, föreningsstöd och fritidsgårdar.",
        phones=[("Kultur och fritid", "040-628 04 58")],
        email="kulturochfritid@sundhamn.example",
        address="Kulturhuset\nKanalgatan 14\nSundhamn",
        hours=_OFFICE,
    ),
    Contact(
        key="foretagslots",
        name="Företagslotsen",
        description="En väg in till kommunen för dig som driver eller vill starta företag.",
        phones=[("Företagslotsen", "040-628 04 59")],
        email="foretag@sundhamn.example",
        hours=_OFFICE,
    ),
    Contact(
        key="tillstand",
        name="Tillståndsenheten",
        description="Serveringstillstånd och tillstånd att sälja tobak.",
        phones=[("Telefontid", "040-628 04 60")],
        email="tillstand@sundhamn.example",
        hours=[("mon-fri", "09:00", "11:30"), ("holidays", None, None)],
    ),
    Contact(
        key="raddning",
        name="Räddningstjänsten Sundhamn",
        description=(
            "Sotning, brandskydd och tillstånd för brandfarliga varor. Vid brand: ring 112."
        ),
        phones=[("Kansliet", "040-628 04 61")],
        email="raddningstjansten@sundhamn.example",
        address="Brandstationen\nIndustrigatan 2\nSundhamn",
        hours=_OFFICE,
    ),
    Contact(
        key="registrator",
        name="Registraturen",
        description="Allmänna handlingar och post till kommunen.",
        phones=[("Registraturen", "040-628 04 62")],
        email="registrator@sundhamn.example",
        address="Stadshuset\nRådhustorget 1\nSundhamn",
        hours=_OFFICE,
    ),
    Contact(
        key="kansli",
        name="Kommunkansliet",
        description="Sammanträden, protokoll och frågor om de politiska organen.",
        phones=[("Kommunkansliet", "040-628 04 63")],
        email="kommunkansliet@sundhamn.example",
        address="Stadshuset\nRådhustorget 1\nSundhamn",
        hours=_OFFICE,
    ),
]

# --- E-services ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EServiceData:
    key: str
    name: str
    description: str
    support: str
    requires_eid: bool = True
    path: str | None = None  # under ETJANSTER
    page: str | None = None  # a demo page key: a form on the site


ESERVICES = [
    EServiceData(
        "forskola",
        "Ansök om plats i förskola eller fritidshem",
        "Ställ ditt barn i kö till förskola, pedagogisk omsorg eller fritidshem.",
        "placering",
        path="forskola/ansokan",
    ),
    EServiceData(
        "placering-uppsagning",
        "Säg upp plats i förskola eller fritidshem",
        "Säg upp platsen senast två månader innan barnet slutar.",
        "placering",
        path="forskola/uppsagning",
    ),
    EServiceData(
        "inkomst",
        "Lämna inkomstuppgift",
        "Uppgiften avgör avgiften för förskola och fritidshem.",
        "placering",
        path="forskola/inkomst",
    ),
    EServiceData(
        "skolval",
        "Välj skola",
        "Önska förskoleklass eller byt grundskola.",
        "skola",
        path="skolval",
    ),
    EServiceData(
        "skolskjuts",
        "Ansök om skolskjuts",
        "För elever med lång eller trafikfarlig skolväg.",
        "skola",
        path="skolskjuts",
    ),
    EServiceData(
        "vux",
        "Sök kurser på vuxenutbildningen",
        "Sfi, grundläggande och gymnasiala kurser.",
        "vuxenutbildning",
        path="vuxenutbildning",
    ),
    EServiceData(
        "hemtjanst",
        "Ansök om hemtjänst eller trygghetslarm",
        "Ansök om stöd i hemmet. En biståndshandläggare hör av sig.",
        "bistand-aldre",
        path="aldreomsorg/ansokan",
    ),
    EServiceData(
        "fardtjanst",
        "Ansök om färdtjänst",
        "Ansökan om tillstånd för färdtjänst och riksfärdtjänst.",
        "fardtjanst",
        path="fardtjanst",
    ),
    EServiceData(
        "bistand",
        "Ansök om ekonomiskt bistånd",
        "Ansök varje månad och ladda upp underlag direkt.",
        "forsorjning",
        path="ekonomiskt-bistand",
    ),
    EServiceData(
        "lss",
        "Ansök om stöd enligt LSS",
        "Ansökan om insatser enligt lagen om stöd och service.",
        "funktionsstod",
        path="lss",
    ),
    EServiceData(
        "bygglov",
        "E-bygglov",
        "Sök bygglov, gör en anmälan och komplettera ditt ärende.",
        "bygglov",
        path="bygglov",
    ),
    EServiceData(
        "bostadsanpassning",
        "Ansök om bostadsanpassningsbidrag",
        "Bidrag för att anpassa bostaden efter en funktionsnedsättning.",
        "bygglov",
        path="bostadsanpassning",
    ),
    EServiceData(
        "avfall",
        "Ändra ditt avfallsabonnemang",
        "Byt kärlstorlek, hämtintervall eller anmäl delat kärl.",
        "avfall",
        path="avfall",
    ),
    EServiceData(
        "avlopp",
        "Ansök om enskilt avlopp eller värmepump",
        "Tillstånd och anmälan till miljöförvaltningen.",
        "miljo",
        path="miljo/avlopp-och-varmepump",
    ),
    EServiceData(
        "parkeringstillstand",
        "Ansök om parkeringstillstånd för rörelsehindrade",
        "För dig som kör själv eller som behöver bli skjutsad.",
        "trafik",
        path="parkeringstillstand",
    ),
    EServiceData(
        "boendeparkering",
        "Ansök om boendeparkering",
        "För dig som bor i en zon med boendeparkering.",
        "trafik",
        path="boendeparkering",
    ),
    EServiceData(
        "gravtillstand",
        "Ansök om grävtillstånd",
        "För arbete i gator, gång- och cykelvägar och parker.",
        "trafik",
        path="gravtillstand",
    ),
    EServiceData(
        "felanmalan",
        "Felanmälan: gator, belysning och parker",
        "Anmäl en trasig gatlampa, ett hål i gatan eller klotter.",
        "kontaktcenter",
        requires_eid=False,
        page="form:fault-report",
    ),
    EServiceData(
        "lokalbokning",
        "Boka lokal eller idrottshall",
        "Se lediga tider och boka direkt.",
        "kultur",
        requires_eid=False,
        path="lokalbokning",
    ),
    EServiceData(
        "kulturskola",
        "Anmälan till kulturskolan",
        "Anmäl ditt barn till musik, dans, teater eller bild.",
        "kultur",
        path="kulturskolan",
    ),
    EServiceData(
        "foreningsbidrag",
        "Ansök om föreningsbidrag",
        "Aktivitetsstöd och bidrag till föreningar.",
        "kultur",
        path="foreningsbidrag",
    ),
    EServiceData(
        "servering",
        "Ansök om serveringstillstånd",
        "Stadigvarande, tillfälligt och för catering.",
        "tillstand",
        path="serveringstillstand",
    ),
    EServiceData(
        "livsmedel",
        "Registrera livsmedelsanläggning",
        "Anmäl en ny verksamhet eller ändring till miljöförvaltningen.",
        "miljo",
        path="livsmedel",
    ),
    EServiceData(
        "feriearbete",
        "Sök feriearbete",
        "Sommarjobb för dig som går i gymnasiet.",
        "kontaktcenter",
        path="feriearbete",
    ),
    EServiceData(
        "allman-handling",
        "Begär ut allmän handling",
        "Beställ kopior av handlingar. Du behöver inte uppge vem du är.",
        "registrator",
        requires_eid=False,
        path="allman-handling",
    ),
    EServiceData(
        "synpunkt",
        "Lämna synpunkter och klagomål",
        "Beröm, klagomål eller förslag om kommunens verksamheter.",
        "kontaktcenter",
        requires_eid=False,
        path="synpunkter",
    ),
    EServiceData(
        "e-forslag",
        "Lämna eller skriv under ett e-förslag",
        "Föreslå något för politikerna att ta ställning till.",
        "kansli",
        path="e-forslag",
    ),
    EServiceData(
        "brandfarligt",
        "Ansök om tillstånd för brandfarlig vara",
        "För dig som hanterar gasol, bensin eller andra brandfarliga varor.",
        "raddning",
        path="brandfarlig-vara",
    ),
]

# --- Service areas and service pages ------------------------------------------------------------


@dataclass(frozen=True)
class AreaData:
    key: str
    slug: str
    title: str
    intro: str
    popular: list[str]
    contacts: list[str]
    topic: str | None = None
    body: list = field(default_factory=list)


@dataclass(frozen=True)
class ServiceData:
    key: str
    area: str
    slug: str
    title: str
    intro: str
    index_name: str = ""
    eservice: str | None = None
    who: str = ""
    how: str = ""
    cost: str = ""
    processing_time: str = ""
    contacts: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    body: list = field(default_factory=list)
    in_menu: bool = True


AREAS = [
    AreaData(
        key="area:barn",
        slug="barn-och-utbildning",
        title="Barn och utbildning",
        intro=(
            "Förskola, fritidshem, grundskola, gymnasium och vuxenutbildning. Här ansöker du om "
            "plats, väljer skola och hittar det som gäller för ditt barn."
        ),
        topic="Barn och utbildning",
        popular=["forskola", "skolval", "fritidshem"],
        contacts=["placering", "skola"],
    ),
    AreaData(
        key="area:omsorg",
        slug="omsorg-och-stod",
        title="Omsorg och stöd",
        intro=(
            "Stöd när du blir äldre, har en funktionsnedsättning, behöver hjälp med ekonomin "
            "eller tar hand om någon närstående."
        ),
        topic="Hälsa",
        popular=["hemtjanst", "bistand", "fardtjanst"],
        contacts=["kontaktcenter", "social-jour"],
    ),
    AreaData(
        key="area:bygga",
        slug="bygga-bo-och-miljo",
        title="Bygga, bo och miljö",
        intro=(
            "Bygglov, sophämtning, avlopp och tomter – och kommunens arbete för ren luft och en "
            "grönare stad."
        ),
        topic="Miljö",
        popular=["bygglov", "sophamtning", "attefall"],
        contacts=["bygglov", "avfall", "miljo"],
    ),
    AreaData(
        key="area:trafik",
        slug="trafik-och-stadsplanering",
        title="Trafik och stadsplanering",
        intro=(
            "Parkering, gator och vägar, snöröjning och hur staden planeras. Här kan du också "
            "anmäla fel i gatan."
        ),
        topic="Stadsbyggnad",
        popular=["parkeringstillstand", "felanmalan", "boendeparkering"],
        contacts=["trafik"],
    ),
    AreaData(
        key="area:kultur",
        slug="kultur-och-fritid",
        title="Kultur och fritid",
        intro=(
            "Bibliotek, kulturskola, idrottshallar och fritidsgårdar. Det mesta är gratis eller "
            "kostar lite, och mycket är ordnat särskilt för barn och unga."
        ),
        topic="Kultur",
        popular=["lanekort", "kulturskolan", "lokalbokning"],
        contacts=["kultur", "bibliotek"],
    ),
    AreaData(
        key="area:naringsliv",
        slug="naringsliv-och-arbete",
        title="Näringsliv och arbete",
        intro=(
            "Starta och driva företag i Sundhamn, tillstånd för restauranger och butiker, och "
            "jobb i kommunen."
        ),
        popular=["foretagslots", "serveringstillstand", "lediga-jobb"],
        contacts=["foretagslots"],
    ),
    AreaData(
        key="area:politik",
        slug="kommun-och-politik",
        title="Kommun och politik",
        intro=(
            "Så styrs Sundhamn: kommunfullmäktige, nämnderna och deras protokoll. Här begär du "
            "också ut allmänna handlingar och lämnar synpunkter."
        ),
        popular=["allman-handling", "synpunkter", "e-forslag"],
        contacts=["kansli", "registrator"],
        body=[
            subheading("Så styrs Sundhamn"),
            paragraph(
                p(
                    "Kommunfullmäktige är kommunens högsta beslutande organ. Dess 51 ledamöter "
                    "väljs av invånarna vart fjärde år och beslutar om budget, skattesats och "
                    "mål för verksamheten.",
                    "Kommunstyrelsen leder och samordnar arbetet, och nämnderna ansvarar var "
                    "och en för sitt område, till exempel skola eller omsorg.",
                )
                + p(
                    "Fullmäktiges sammanträden är öppna för alla och sänds på webben. Kallelser "
                    "och protokoll finns på sidan för varje organ nedan."
                )
            ),
        ],
    ),
    AreaData(
        key="area:trygghet",
        slug="trygghet-och-sakerhet",
        title="Trygghet och säkerhet",
        intro=(
            "Vad du gör vid en kris, hur du förbereder dig, brandskydd hemma, och vart du vänder "
            "dig för stöd efter en allvarlig händelse."
        ),
        topic="Trygghet",
        popular=["krisberedskap", "vma", "sotning"],
        contacts=["stodcentrum", "raddning"],
    ),
]

SERVICES = [
    # --- Barn och utbildning -----------------------------------------------------------------
    ServiceData(
        key="forskola",
        area="area:barn",
        slug="ansok-om-plats-i-forskola",
        title="Ansök om plats i förskola",
        index_name="Förskola, ansöka om plats",
        intro=(
            "Alla barn från ett års ålder har rätt till förskola när vårdnadshavarna arbetar, "
            "studerar eller söker arbete. Ansök minst fyra månader innan du behöver platsen."
        ),
        eservice="forskola",
        who=p(
            "Du som är vårdnadshavare och folkbokförd i Sundhamn kan ansöka om plats för ditt "
            "barn från att barnet är fyra månader. Flyttar ni till kommunen kan du ansöka innan "
            "flytten, om du bifogar ett köpe- eller hyreskontrakt."
        )
        + p(
            "Från hösten det år barnet fyller tre år har alla barn rätt till allmän förskola, "
            "15 timmar i veckan, oavsett om vårdnadshavarna arbetar."
        ),
        how=ol(
            "Logga in i e-tjänsten med BankID och välj upp till fem förskolor i den ordning du "
            "helst vill ha dem.",
            "Ange från vilket datum du behöver platsen. Kötiden räknas från den dag vi får "
            "ansökan, men tidigast fyra månader före önskat datum.",
            "Du får ett erbjudande med e-post och i e-tjänsten. Svara inom fjorton dagar, "
            "annars går platsen till nästa barn i kön.",
            "Förskolan kontaktar dig om inskolning ungefär en månad innan barnet börjar.",
        ),
        cost=p(
            "Avgiften följer maxtaxan och beräknas på hushållets sammanlagda inkomst: 3 procent "
            "för det första barnet, 2 procent för det andra och 1 procent för det tredje, upp "
            "till det inkomsttak som gäller för året. För det fjärde barnet betalar du ingen "
            'avgift. Läs mer på sidan <a page="service:forskoleavgift">Avgift för förskola och '
            "fritidshem</a>."
        ),
        processing_time=(
            "Du får ett erbjudande inom fyra månader från ansökan. Vi försöker alltid ge en plats "
            "på någon av förskolorna du har valt."
        ),
        contacts=["placering"],
        related=["service:forskoleavgift", "service:fritidshem", "service:skolval"],
        body=[
            fact_box(
                p(
                    "Det finns 38 förskolor i Sundhamn, kommunala och fristående. Du ansöker "
                    "till alla i samma e-tjänst."
                ),
                heading="Förskolor i Sundhamn",
            ),
        ],
    ),
    ServiceData(
        key="forskoleavgift",
        area="area:barn",
        slug="avgift-for-forskola-och-fritidshem",
        title="Avgift för förskola och fritidshem",
        index_name="Avgift för förskola och fritidshem",
        intro=(
            "Avgiften för förskola och fritidshem beror på hushållets inkomst och hur många barn "
            "du har placerade. Den är aldrig högre än maxtaxan."
        ),
        eservice="inkomst",
        who=p(
            "Alla vårdnadshavare med barn i förskola, pedagogisk omsorg eller fritidshem betalar "
            "en avgift. Bor barnet växelvis hos två vårdnadshavare får båda en egen faktura "
            "utifrån sitt eget hushålls inkomst."
        ),
        how=p(
            "Lämna en inkomstuppgift i e-tjänsten när barnet får sin plats och varje gång "
            "hushållets inkomst ändras. Vi kontrollerar uppgifterna mot Skatteverket en gång om "
            "året, och har du lämnat för låg inkomst får du betala mellanskillnaden."
        ),
        cost=p(
            "Avgiften är 3 procent av inkomsten för det yngsta barnet, 2 procent för det andra, "
            "1 procent för det tredje och ingenting för det fjärde, upp till inkomsttaket. För "
            "barn i allmän förskola, från hösten det år barnet fyller tre år, är 15 timmar i "
            "veckan avgiftsfria. Fritidshem kostar 2, 1 och 1 procent."
        ),
        processing_time="En ändrad inkomst gäller från månaden efter att du lämnat den.",
        contacts=["placering"],
        related=["service:forskola", "service:fritidshem"],
    ),
    ServiceData(
        key="fritidshem",
        area="area:barn",
        slug="fritidshem",
        title="Fritidshem",
        index_name="Fritidshem",
        intro=(
            "Fritidshemmet tar emot elever från förskoleklass till årskurs sex före och efter "
            "skoldagen och på loven."
        ),
        eservice="forskola",
        who=p(
            "Ditt barn kan få plats på fritidshem om du som vårdnadshavare arbetar eller "
            "studerar, eller om barnet har ett eget behov av fritidshem. Från årskurs fyra kan "
            "barnet i stället gå på fritidsklubb, som är avgiftsfri och inte kräver ansökan."
        ),
        how=ol(
            "Ansök i samma e-tjänst som för förskola, senast två månader innan platsen behövs.",
            "Barnet går på fritidshemmet vid den skola det går i.",
            "Säg upp platsen i e-tjänsten när den inte längre behövs. Uppsägningstiden är två "
            "månader.",
        ),
        cost=p(
            'Avgiften följer maxtaxan. Se <a page="service:forskoleavgift">Avgift för förskola '
            "och fritidshem</a>."
        ),
        processing_time="Beslut inom två veckor.",
        contacts=["placering"],
        related=["service:forskoleavgift", "service:skolval"],
    ),
    ServiceData(
        key="uppsagning",
        area="area:barn",
        slug="saga-upp-plats",
        title="Säga upp plats i förskola eller fritidshem",
        index_name="Uppsägning av plats i förskola",
        intro=(
            "När ditt barn ska sluta i förskolan eller på fritidshemmet säger du upp platsen i "
            "e-tjänsten. Uppsägningstiden är två månader."
        ),
        eservice="placering-uppsagning",
        who=p(
            "Den vårdnadshavare som har platsen säger upp den. Börjar barnet i förskoleklass "
            "och ska gå på fritidshem vid samma skola behöver du inte säga upp något: platsen "
            "flyttas över av sig själv."
        ),
        how=ol(
            "Logga in i e-tjänsten och välj den plats du vill säga upp.",
            "Ange barnets sista dag. Du betalar avgift i två månader från den dag vi får "
            "uppsägningen, även om barnet slutar tidigare.",
            "Du får en bekräftelse med e-post.",
        ),
        cost=p("Det kostar ingenting att säga upp platsen."),
        processing_time="Bekräftelse direkt i e-tjänsten.",
        contacts=["placering"],
        related=["service:forskoleavgift", "service:forskola"],
        in_menu=False,
    ),
    ServiceData(
        key="skolval",
        area="area:barn",
        slug="valja-skola",
        title="Välja skola",
        index_name="Skolval",
        intro=(
            "Du kan önska vilken skola ditt barn ska gå i, både inför förskoleklass och om du "
            "vill byta skola senare."
        ),
        eservice="skolval",
        who=p(
            "Alla vårdnadshavare till barn som börjar förskoleklass får ett brev i januari med "
            "en inloggning till skolvalet. Vill du byta skola under läsåret kan du göra ett "
            "önskemål när som helst."
        ),
        how=ol(
            "Skolvalet är öppet 15 januari–15 februari. Välj upp till tre skolor i e-tjänsten.",
            "Om ni är två vårdnadshavare måste båda godkänna valet.",
            "Beskedet om skolplacering kommer i april.",
        ),
        cost=p("Grundskolan är avgiftsfri."),
        processing_time="Placeringsbesked i april för förskoleklass, annars inom fyra veckor.",
        contacts=["skola"],
        related=["service:skolskjuts", "service:fritidshem"],
        body=[
            subheading("Så placeras eleverna"),
            paragraph(
                p(
                    "Om fler söker en skola än det finns platser går syskonförtur först, "
                    "därefter avståndet mellan hemmet och skolan. Alla barn har rätt till en "
                    "plats nära hemmet."
                )
            ),
        ],
    ),
    ServiceData(
        key="skolskjuts",
        area="area:barn",
        slug="skolskjuts",
        title="Skolskjuts",
        index_name="Skolskjuts",
        intro=(
            "Elever i grundskolan kan få skolskjuts om skolvägen är lång, trafikfarlig eller om "
            "en funktionsnedsättning gör det svårt att ta sig till skolan."
        ),
        eservice="skolskjuts",
        who=p(
            "Skolskjuts gäller elever som går i den skola kommunen har placerat dem i och som "
            "har minst två kilometer till skolan i förskoleklass till årskurs tre, tre "
            "kilometer i årskurs fyra till sex och fyra kilometer i årskurs sju till nio."
        ),
        how=ol(
            "Ansök i e-tjänsten senast 1 maj inför ett nytt läsår.",
            "Behöver barnet skjuts på grund av en funktionsnedsättning: bifoga ett intyg.",
            "Beslutet gäller ett läsår i taget.",
        ),
        cost=p("Skolskjuts är avgiftsfri."),
        processing_time="Beslut inom fyra veckor.",
        contacts=["skola"],
        related=["service:skolval"],
    ),
    ServiceData(
        key="gymnasium",
        area="area:barn",
        slug="gymnasieskola",
        title="Söka till gymnasieskolan",
        index_name="Gymnasieskola",
        intro=(
            "Du som går i nian söker till gymnasiet i den gemensamma antagningen för Sundhamn och "
            "grannkommunerna."
        ),
        who=p(
            "Alla ungdomar som har gått ut grundskolan har rätt till utbildning i gymnasieskolan "
            "till och med vårterminen det år de fyller tjugo."
        ),
        how=ol(
            "Gå på gymnasiemässan i november och prata med din studie- och yrkesvägledare.",
            "Ansök i gymnasieantagningens webbtjänst mellan 15 januari och 15 februari.",
            "Du kan ändra dina val fram till 1 maj. Slutligt antagningsbesked kommer i juli.",
        ),
        cost=p("Gymnasieskolan är avgiftsfri. Böcker och dator lånar du av skolan."),
        processing_time="Preliminärt besked i april, slutligt besked i juli.",
        contacts=["skola"],
        related=["service:vuxenutbildning"],
    ),
    ServiceData(
        key="vuxenutbildning",
        area="area:barn",
        slug="vuxenutbildning-och-sfi",
        title="Vuxenutbildning och sfi",
        index_name="Vuxenutbildning",
        intro=(
            "Läs in grundskolan eller gymnasiet, byt yrke eller lär dig svenska. Vuxenutbildningen "
            "är till för dig som har fyllt 20 år."
        ),
        eservice="vux",
        who=p(
            "Du som är folkbokförd i Sundhamn och har fyllt 20 år kan läsa på vuxenutbildningen. "
            "Sfi, svenska för invandrare, kan du läsa från 16 år om du saknar grundläggande "
            "kunskaper i svenska."
        ),
        how=ol(
            "Boka gärna ett samtal med en studie- och yrkesvägledare.",
            "Sök kurserna i e-tjänsten. Kurser startar varje månad.",
            "Du får besked med e-post om när och var kursen börjar.",
        ),
        cost=p("Utbildningen är avgiftsfri. Du kan behöva köpa viss kurslitteratur."),
        processing_time="Besked inom tre veckor.",
        contacts=["vuxenutbildning"],
        related=["service:gymnasium", "service:lediga-jobb"],
    ),
    # --- Omsorg och stöd ---------------------------------------------------------------------
    ServiceData(
        key="hemtjanst",
        area="area:omsorg",
        slug="hemtjanst",
        title="Hemtjänst",
        index_name="Hemtjänst",
        intro=(
            "Hemtjänst är hjälp i ditt eget hem så att du kan fortsätta bo kvar, till exempel med "
            "städning, inköp, dusch eller påklädning."
        ),
        eservice="hemtjanst",
        who=p(
            "Du som bor i Sundhamn och inte längre klarar vardagen på egen hand kan ansöka, "
            "oavsett ålder. Hur mycket hjälp du får beror på dina behov, inte på om du har "
            "anhöriga som kan hjälpa till."
        ),
        how=ol(
            "Ansök i e-tjänsten eller ring biståndshandläggarna. En anhörig kan ringa åt dig om "
            "du vill.",
            "En biståndshandläggare besöker dig och pratar om vad du behöver hjälp med.",
            "Du får ett skriftligt beslut. Om du får hemtjänst väljer du själv mellan "
            "kommunens hemtjänst och godkända privata utförare.",
        ),
        cost=p(
            "Avgiften beror på din inkomst och hur mycket hjälp du får. Den är aldrig högre än "
            "maxtaxan i äldreomsorgen, och du får alltid behålla ett förbehållsbelopp att leva "
            "på. Trygghetslarm ingår inte i hemtjänstavgiften."
        ),
        processing_time=(
            "Vanligen inom tre veckor. Är det bråttom, till exempel när du kommer hem från "
            "sjukhuset, kan du få ett beslut samma dag."
        ),
        contacts=["bistand-aldre"],
        related=["service:trygghetslarm", "service:sarskilt-boende", "service:anhorigstod"],
    ),
    ServiceData(
        key="trygghetslarm",
        area="area:omsorg",
        slug="trygghetslarm",
        title="Trygghetslarm",
        index_name="Trygghetslarm",
        intro=(
            "Med ett trygghetslarm kan du larma dygnet runt om du har ramlat eller behöver hjälp "
            "snabbt. Larmet bär du runt handleden eller halsen."
        ),
        eservice="hemtjanst",
        who=p(
            "Du som bor hemma och känner dig otrygg på grund av sjukdom, fallrisk eller hög "
            "ålder kan ansöka. Du behöver inte ha hemtjänst för att få trygghetslarm."
        ),
        how=ol(
            "Ansök i e-tjänsten eller ring biståndshandläggarna.",
            "När du har fått beslut kommer en larmtekniker hem till dig och installerar larmet. "
            "Du behöver inte ha fast telefon.",
            "Lämna två nycklar till hemtjänsten så att personalen kan komma in när du larmar.",
        ),
        cost=p("Trygghetslarm kostar 250 kronor i månaden."),
        processing_time="Larmet installeras inom en vecka från beslutet.",
        contacts=["bistand-aldre"],
        related=["service:hemtjanst"],
    ),
    ServiceData(
        key="sarskilt-boende",
        area="area:omsorg",
        slug="sarskilt-boende",
        title="Särskilt boende för äldre",
        index_name="Äldreboende",
        intro=(
            "Ett särskilt boende, äldreboende, är för dig som behöver vård och omsorg dygnet "
            "runt och inte längre kan bo kvar hemma, även med hemtjänst."
        ),
        eservice="hemtjanst",
        who=p(
            "Du som har stora behov av omsorg dygnet runt kan ansöka. Sundhamn har nio "
            "äldreboenden, varav två med inriktning mot demenssjukdom."
        ),
        how=ol(
            "Ansök i e-tjänsten. Skriv gärna vilka boenden du helst vill bo på.",
            "En biståndshandläggare utreder dina behov tillsammans med dig och din familj.",
            "Om du får ett beslut erbjuds du en lägenhet så snart det finns en ledig.",
        ),
        cost=p(
            "Du betalar hyra för lägenheten och en omsorgsavgift efter din inkomst, högst "
            "maxtaxan. Mat betalar du med en fast avgift per månad."
        ),
        processing_time="Beslut inom fyra veckor. Lägenhet erbjuds inom tre månader från beslut.",
        contacts=["bistand-aldre"],
        related=["service:hemtjanst", "service:anhorigstod"],
    ),
    ServiceData(
        key="fardtjanst",
        area="area:omsorg",
        slug="fardtjanst",
        title="Färdtjänst",
        index_name="Färdtjänst",
        intro=(
            "Färdtjänst är resor med taxi eller specialfordon för dig som inte kan åka buss "
            "eller tåg på grund av en funktionsnedsättning."
        ),
        eservice="fardtjanst",
        who=p(
            "Du kan få färdtjänst om du är folkbokförd i Sundhamn och har en "
            "funktionsnedsättning som väntas vara minst tre månader och som gör att du har "
            "väsentliga svårigheter att resa på egen hand eller med kollektivtrafiken."
        )
        + p("Barn under tolv år får normalt färdtjänst bara om behovet är större än jämnåriga."),
        how=ol(
            "Ansök i e-tjänsten. Beskriv hur din funktionsnedsättning påverkar dina resor.",
            "Bifoga gärna ett läkarintyg. Handläggaren kan också ringa dig för att fråga mer.",
            "Med ett beslut får du ett färdtjänstkort och beställer dina resor hos "
            "beställningscentralen.",
        ),
        cost=p(
            "Du betalar en egenavgift för varje resa som motsvarar ett vuxenbiljettpris i "
            "kollektivtrafiken, plus 20 kronor. Ledsagare åker gratis."
        ),
        processing_time="Beslut inom fyra veckor.",
        contacts=["fardtjanst"],
        related=["service:parkeringstillstand", "service:lss"],
    ),
    ServiceData(
        key="bistand",
        area="area:omsorg",
        slug="ekonomiskt-bistand",
        title="Ekonomiskt bistånd",
        index_name="Ekonomiskt bistånd (försörjningsstöd)",
        intro=(
            "Ekonomiskt bistånd är ett stöd för dig som inte kan försörja dig själv eller din "
            "familj på något annat sätt. Det är samhällets sista skyddsnät."
        ),
        eservice="bistand",
        who=p(
            "Du som bor i Sundhamn kan ansöka om du inte kan få pengar till det du behöver på "
            "något annat sätt, till exempel genom arbete, a-kassa, sjukpenning eller "
            "bostadsbidrag. "
            "Är ni två vuxna i hushållet prövas er rätt tillsammans."
        ),
        how=ol(
            "Ring mottagningen för ett första samtal om din situation.",
            "Ansök sedan i e-tjänsten varje månad och ladda upp kontoutdrag, hyresavi och "
            "underlag för alla inkomster.",
            "Du kan behöva stå till arbetsmarknadens förfogande och delta i aktiviteter som "
            "handläggaren bestämmer tillsammans med dig.",
        ),
        cost=p("Det kostar ingenting att ansöka."),
        processing_time=(
            "Beslut inom tio arbetsdagar från komplett ansökan. Om du inte har pengar till mat "
            "i dag: ring mottagningen, eller social jour efter kontorstid."
        ),
        contacts=["forsorjning", "social-jour"],
        related=["service:skuldradgivning", "akut"],
    ),
    ServiceData(
        key="skuldradgivning",
        area="area:omsorg",
        slug="budget-och-skuldradgivning",
        title="Budget- och skuldrådgivning",
        index_name="Skuldrådgivning",
        intro=(
            "Har du svårt att få pengarna att räcka, eller skulder du inte kan betala? Kommunens "
            "budget- och skuldrådgivare hjälper dig att få en överblick och en plan."
        ),
        who=p(
            "Alla som bor i Sundhamn kan få rådgivning. Rådgivarna har tystnadsplikt, och du "
            "kan vara anonym vid det första samtalet."
        ),
        how=ol(
            "Ring kontaktcenter och be att få prata med en budget- och skuldrådgivare.",
            "Ta med dina räkningar, kontoutdrag och brev från Kronofogden till första mötet.",
            "Rådgivaren hjälper dig att göra en budget, kontakta de du är skyldig och vid behov "
            "ansöka om skuldsanering.",
        ),
        cost=p("Rådgivningen är gratis."),
        processing_time="Första samtalet inom två veckor.",
        contacts=["kontaktcenter"],
        related=["service:bistand"],
    ),
    ServiceData(
        key="anhorigstod",
        area="area:omsorg",
        slug="stod-till-anhoriga",
        title="Stöd till anhöriga",
        index_name="Anhörigstöd",
        intro=(
            "Tar du hand om en närstående som är sjuk, gammal eller har en funktionsnedsättning? "
            "Du kan få stöd för din egen skull."
        ),
        who=p(
            "Du som hjälper en närstående i vardagen, oavsett ålder och om ni bor ihop eller "
            "inte. Stödet kräver ingen ansökan."
        ),
        how=ul(
            "Samtal med en anhörigkonsulent, enskilt eller i grupp.",
            "Avlösning i hemmet några timmar i veckan, så att du kan göra något eget.",
            "Korttidsboende för den du vårdar när du behöver vila längre.",
        ),
        cost=p("Samtal och grupper är gratis. Avlösning upp till tio timmar i månaden är gratis."),
        contacts=["funktionsstod"],
        related=["service:hemtjanst", "service:lss"],
    ),
    ServiceData(
        key="lss",
        area="area:omsorg",
        slug="stod-enligt-lss",
        title="Stöd enligt LSS",
        index_name="LSS, stöd och service",
        intro=(
            "Lagen om stöd och service till vissa funktionshindrade, LSS, ger rätt till särskilt "
            "stöd för att kunna leva som andra."
        ),
        eservice="lss",
        who=p(
            "Du som har en utvecklingsstörning, autism, en hjärnskada efter vuxen ålder eller en "
            "annan stor och varaktig funktionsnedsättning kan ansöka."
        ),
        how=ol(
            "Ansök i e-tjänsten eller skriftligt till funktionsstöd.",
            "En handläggare träffar dig och utreder vilken insats som passar, till exempel "
            "ledsagare, kontaktperson, daglig verksamhet eller bostad med särskild service.",
            "Du får ett skriftligt beslut som du kan överklaga.",
        ),
        cost=p("Insatserna är avgiftsfria. I bostad med särskild service betalar du hyra och mat."),
        processing_time="Beslut inom tre månader.",
        contacts=["funktionsstod"],
        related=["service:fardtjanst", "service:anhorigstod"],
    ),
    # --- Bygga, bo och miljö -----------------------------------------------------------------
    ServiceData(
        key="bygglov",
        area="area:bygga",
        slug="bygglov",
        title="Bygglov",
        index_name="Bygglov",
        intro=(
            "Du behöver bygglov för att bygga nytt, bygga till eller ändra användningen av en "
            "byggnad. Ansök i god tid – och vänta på startbesked innan du börjar."
        ),
        eservice="bygglov",
        who=p(
            "Du som äger fastigheten, eller har fullmakt från ägaren, kan ansöka. Ring "
            "bygglovsjouren om du är osäker på om det du vill göra kräver lov."
        ),
        how=ol(
            "Kontrollera detaljplanen för din fastighet i kommunens kartor.",
            "Ansök i E-bygglov och bifoga ritningar, situationsplan och en beskrivning av "
            "åtgärden.",
            "Vi granskar ansökan och hör grannarna när det behövs.",
            "När du har fått bygglov och startbesked får du börja bygga. När bygget är klart "
            "behöver du ett slutbesked innan du får använda det.",
        ),
        cost=p(
            "Avgiften beror på vad du söker lov för och följer kommunfullmäktiges plan- och "
            "bygglovstaxa. Ett lov för ett nytt enbostadshus kostar ungefär 35 000 kronor. "
            "Avgiften tas ut även om du får avslag."
        ),
        processing_time=(
            "Beslut inom tio veckor från att ansökan är komplett. Tar det längre tid minskar "
            "avgiften, enligt plan- och bygglagen."
        ),
        contacts=["bygglov"],
        related=["service:attefall", "service:tomtko", "miljo"],
    ),
    ServiceData(
        key="attefall",
        area="area:bygga",
        slug="attefallsatgarder",
        title="Attefallshus och andra attefallsåtgärder",
        index_name="Attefallshus",
        intro=(
            "Vid ett en- eller tvåbostadshus får du bygga ett attefallshus på upp till 30 "
            "kvadratmeter utan bygglov. Du måste ändå göra en anmälan och få startbesked."
        ),
        eservice="bygglov",
        who=p(
            "Regeln gäller en- och tvåbostadshus utanför områden med särskilda skydd. Huset "
            "får stå närmare än 4,5 meter från tomtgränsen bara om grannen har godkänt det."
        ),
        how=ol(
            "Gör en anmälan i E-bygglov med ritningar och en situationsplan.",
            "Vänta på startbesked. Det brukar komma inom fyra veckor.",
            "Anmäl när bygget är klart så att du får slutbesked.",
        ),
        cost=p("Anmälan för ett attefallshus kostar 9 500 kronor."),
        processing_time="Startbesked inom fyra veckor från komplett anmälan.",
        contacts=["bygglov"],
        related=["service:bygglov"],
    ),
    ServiceData(
        key="bostadsanpassning",
        area="area:bygga",
        slug="bostadsanpassningsbidrag",
        title="Bostadsanpassningsbidrag",
        index_name="Bostadsanpassning",
        intro=(
            "Har du en funktionsnedsättning kan du få bidrag för att anpassa din bostad, till "
            "exempel ta bort trösklar eller byta badkar mot dusch."
        ),
        eservice="bostadsanpassning",
        who=p(
            "Du som har en varaktig funktionsnedsättning och bor i Sundhamn, i eget eller hyrt "
            "boende. Hyr du behöver fastighetsägaren godkänna ändringen."
        ),
        how=ol(
            "Kontakta en arbetsterapeut, som skriver ett intyg om vad som behöver göras.",
            "Ansök i e-tjänsten och bifoga intyget.",
            "När du har fått beslut beställer du arbetet. Bidraget betalas ut när arbetet är "
            "klart och besiktigat.",
        ),
        cost=p("Bidraget täcker hela kostnaden för anpassningen. Det kostar inget att ansöka."),
        processing_time="Beslut inom sex veckor.",
        contacts=["bygglov"],
        related=["service:hemtjanst", "service:lss"],
    ),
    ServiceData(
        key="sophamtning",
        area="area:bygga",
        slug="sophamtning-och-atervinning",
        title="Sophämtning och återvinning",
        index_name="Sophämtning",
        intro=(
            "Hushållsavfallet hämtas vid din fastighet. I Sundhamn sorterar villahushåll i två "
            "fyrfackskärl, och matavfallet blir biogas till stadsbussarna."
        ),
        eservice="avfall",
        who=p(
            "Alla fastighetsägare i Sundhamn ska ha ett abonnemang för hushållsavfall. Bor du i "
            "lägenhet har din hyresvärd eller bostadsrättsförening abonnemanget."
        ),
        how=ul(
            "Ändra kärlstorlek, hämtintervall eller anmäl att du delar kärl med en granne i "
            "e-tjänsten.",
            "Grovavfall, elektronik och farligt avfall lämnar du gratis på "
            "återvinningscentralen på Norra industrivägen.",
            "Förpackningar och tidningar som inte får plats i kärlen kan du lämna på "
            "återvinningsstationerna.",
        ),
        cost=p(
            "Ett villaabonnemang med hämtning varannan vecka kostar 3 120 kronor om året. Hämtning "
            "var fjärde vecka kostar 2 340 kronor."
        ),
        processing_time="Ändringar gäller från nästa hämtning efter två veckor.",
        contacts=["avfall"],
        related=["service:enskilt-avlopp"],
    ),
    ServiceData(
        key="enskilt-avlopp",
        area="area:bygga",
        slug="enskilt-avlopp",
        title="Enskilt avlopp",
        index_name="Avlopp, enskilt",
        intro=(
            "Om du inte är ansluten till det kommunala avloppsnätet behöver du ett eget avlopp, "
            "och för att anlägga eller ändra det krävs tillstånd."
        ),
        eservice="avlopp",
        who=p(
            "Du som äger en fastighet utanför verksamhetsområdet för kommunalt vatten och "
            "avlopp. Kontrollera först om fastigheten kan anslutas till det kommunala nätet."
        ),
        how=ol(
            "Anlita en entreprenör som gör en markundersökning och ritar anläggningen.",
            "Ansök i e-tjänsten minst åtta veckor innan arbetet ska börja.",
            "När anläggningen är byggd skickar entreprenören in ett utförandeintyg.",
        ),
        cost=p("Prövningen kostar 8 400 kronor för en ny anläggning till ett hushåll."),
        processing_time="Beslut inom sex veckor från komplett ansökan.",
        contacts=["miljo"],
        related=["service:varmepump", "service:sophamtning"],
    ),
    ServiceData(
        key="varmepump",
        area="area:bygga",
        slug="installera-varmepump",
        title="Installera värmepump",
        index_name="Värmepump",
        intro=(
            "Ska du borra för bergvärme eller lägga ut jordvärme behöver du göra en anmälan till "
            "miljöförvaltningen. Luftvärmepumpar behöver ingen anmälan."
        ),
        eservice="avlopp",
        who=p("Du som äger fastigheten där värmepumpen ska installeras."),
        how=ol(
            "Gör anmälan i e-tjänsten senast fyra veckor innan borrningen.",
            "Bifoga en karta som visar var borrhålet ska vara, och avståndet till grannarnas "
            "brunnar och borrhål.",
            "Vänta på beslut innan du borrar.",
        ),
        cost=p("Anmälan kostar 2 800 kronor."),
        processing_time="Beslut inom fyra veckor.",
        contacts=["miljo"],
        related=["service:enskilt-avlopp", "service:bygglov"],
    ),
    ServiceData(
        key="tomtko",
        area="area:bygga",
        slug="kopa-tomt",
        title="Köpa tomt av kommunen",
        index_name="Tomtkö",
        intro=(
            "Kommunen säljer tomter för villor och radhus genom en tomtkö. Den som har stått "
            "längst i kön får välja först."
        ),
        who=p(
            "Alla som har fyllt 18 år kan ställa sig i tomtkön, även om du bor i en annan kommun."
        ),
        how=ol(
            "Anmäl dig till tomtkön på kommunens webbplats för tomter.",
            "När nya tomter släpps får du ett erbjudande efter din plats i kön.",
            "Tackar du ja skriver vi ett köpeavtal. Du har två år på dig att bygga.",
        ),
        cost=p(
            "Att stå i kön kostar 300 kronor om året. Priset för tomterna varierar mellan "
            "450 000 och 1,4 miljoner kronor."
        ),
        contacts=["bygglov"],
        related=["service:bygglov"],
    ),
    # --- Trafik och stadsplanering -----------------------------------------------------------
    ServiceData(
        key="parkeringstillstand",
        area="area:trafik",
        slug="parkeringstillstand-for-rorelsehindrade",
        title="Parkeringstillstånd för rörelsehindrade",
        index_name="Parkeringstillstånd för rörelsehindrade",
        intro=(
            "Med ett parkeringstillstånd får du parkera närmare målet och längre tid än andra. "
            "Tillståndet gäller i hela landet och i många andra länder i Europa."
        ),
        eservice="parkeringstillstand",
        who=p(
            "Du kan få tillstånd som förare om du har en funktionsnedsättning som gör att du har "
            "stora svårigheter att gå. Som passagerare kan du få tillstånd om du behöver hjälp "
            "av föraren hela vägen från bilen till målet."
        ),
        how=ol(
            "Ansök i e-tjänsten och bifoga ett läkarintyg om hur långt du kan gå.",
            "Ladda upp ett foto av dig och en bild av din namnteckning.",
            "Om du får tillstånd skickas kortet hem till dig med post.",
        ),
        cost=p("Det kostar ingenting att ansöka. Parkeringen är gratis på kommunens gator."),
        processing_time="Beslut inom fyra veckor. Tillståndet gäller i högst tre år.",
        contacts=["trafik"],
        related=["service:fardtjanst", "service:boendeparkering"],
    ),
    ServiceData(
        key="boendeparkering",
        area="area:trafik",
        slug="boendeparkering",
        title="Boendeparkering",
        index_name="Boendeparkering",
        intro=(
            "Bor du i innerstaden kan du parkera till ett lägre pris nära hemmet med ett "
            "boendeparkeringstillstånd."
        ),
        eservice="boendeparkering",
        who=p(
            "Du som är folkbokförd i en zon med boendeparkering och äger eller leasar bilen, "
            "eller har den som förmån från arbetsgivaren."
        ),
        how=ol(
            "Ansök i e-tjänsten. Vi kontrollerar din adress och bilens ägare automatiskt.",
            "Betala i parkeringsappen. Tillståndet är digitalt och kopplat till "
            "registreringsnumret.",
        ),
        cost=p("Boendeparkering kostar 600 kronor i månaden."),
        processing_time="Beslut inom fem arbetsdagar.",
        contacts=["trafik"],
        related=["service:parkeringstillstand"],
    ),
    ServiceData(
        key="felanmalan",
        area="area:trafik",
        slug="anmal-fel-i-gator-och-parker",
        title="Anmäl fel i gator och parker",
        index_name="Felanmälan",
        intro=(
            "Har du sett en trasig gatlampa, ett hål i gatan, ett fallet träd eller klotter? "
            "Berätta "
            "för oss så åtgärdar vi det."
        ),
        eservice="felanmalan",
        who=p("Alla kan göra en felanmälan. Du behöver inte logga in."),
        how=ol(
            "Fyll i formuläret och beskriv så exakt du kan var felet finns.",
            "Vill du ha besked när felet är åtgärdat: skriv din e-postadress.",
            "Är det akut, till exempel en trasig vattenledning eller ett träd över vägen: ring "
            f"kontaktcenter på {nb('040-628 04 00')}, eller efter kontorstid 112.",
        ),
        cost=p("Det kostar ingenting."),
        processing_time="Akuta fel åtgärdas samma dag, övriga inom tre veckor.",
        contacts=["kontaktcenter"],
        related=["service:snorojning", "service:klotter"],
    ),
    ServiceData(
        key="snorojning",
        area="area:trafik",
        slug="snorojning-och-halkbekampning",
        title="Snöröjning och halkbekämpning",
        index_name="Snöröjning",
        intro=(
            "När det snöar röjer kommunen först gång- och cykelbanor och busstråk, sedan "
            "huvudgator och sist bostadsgator."
        ),
        who=p(
            "Kommunen röjer allmänna gator, gång- och cykelvägar. Som fastighetsägare ansvarar "
            "du för att snö och is på taket inte rasar ner på gångbanan."
        ),
        how=ul(
            "Snöröjningen börjar när det har kommit fem centimeter snö.",
            "Prioriterade stråk är klara inom fyra timmar efter att det slutat snöa, "
            "bostadsgator inom två dygn.",
            "Sand finns gratis i lådor vid flera korsningar och på återvinningscentralen.",
        ),
        contacts=["kontaktcenter"],
        related=["service:felanmalan"],
    ),
    ServiceData(
        key="gravtillstand",
        area="area:trafik",
        slug="gravtillstand",
        title="Grävtillstånd",
        index_name="Grävtillstånd",
        intro=(
            "Ska du gräva i en gata, gång- och cykelväg eller park som kommunen äger behöver du "
            "ett grävtillstånd."
        ),
        eservice="gravtillstand",
        who=p("Entreprenörer och ledningsägare. Privatpersoner anlitar normalt en entreprenör."),
        how=ol(
            "Ansök i e-tjänsten senast tre veckor innan arbetet ska börja.",
            "Bifoga en trafikanordningsplan som visar hur trafiken ska ledas förbi.",
            "Återställ ytan enligt kommunens anvisningar och anmäl när arbetet är klart.",
        ),
        cost=p("Grävtillstånd kostar 3 900 kronor. Dessutom tas en avgift per dag för ytan."),
        processing_time="Beslut inom tre veckor.",
        contacts=["trafik"],
        related=["service:offentlig-plats"],
    ),
    ServiceData(
        key="offentlig-plats",
        area="area:trafik",
        slug="anvanda-offentlig-plats",
        title="Använda offentlig plats",
        index_name="Offentlig plats, använda",
        intro=(
            "Vill du ställa upp en uteservering, en byggställning eller ordna ett evenemang på "
            "ett torg behöver du tillstånd."
        ),
        who=p("Alla som vill använda gator, torg eller parker för något annat än de är till för."),
        how=ol(
            "Sök tillstånd hos Polisen. Polisen skickar ansökan till kommunen, som yttrar sig.",
            "Kommunen skriver ett avtal om markupplåtelse med dig.",
            "Uteserveringar söks en gång om året, senast 1 februari.",
        ),
        cost=p(
            "Avgiften beror på läge och yta, till exempel 150 kronor per kvadratmeter och "
            "säsong för en uteservering utanför centrum."
        ),
        processing_time="Sex till åtta veckor, beroende på Polisens handläggning.",
        contacts=["trafik"],
        related=["service:serveringstillstand", "service:gravtillstand"],
    ),
    ServiceData(
        key="detaljplaner",
        area="area:trafik",
        slug="detaljplaner",
        title="Detaljplaner och synpunkter på planer",
        index_name="Detaljplaner",
        intro=(
            "En detaljplan bestämmer vad som får byggas var. När en ny plan tas fram kan alla "
            "lämna synpunkter på förslaget."
        ),
        eservice="synpunkt",
        who=p(
            "Alla kan lämna synpunkter under samråd och granskning. Den som bor granne med "
            "planområdet får ett brev."
        ),
        how=ol(
            "Läs planförslaget på stadsbyggnadskontoret, på Stadsbiblioteket eller på webben.",
            "Lämna dina synpunkter skriftligt innan tiden för samråd eller granskning går ut.",
            "Synpunkterna sammanställs och besvaras innan planen antas.",
        ),
        cost=p("Det kostar ingenting att lämna synpunkter."),
        contacts=["bygglov"],
        related=["service:bygglov"],
    ),
    # --- Kultur och fritid -------------------------------------------------------------------
    ServiceData(
        key="lanekort",
        area="area:kultur",
        slug="skaffa-lanekort",
        title="Skaffa lånekort",
        index_name="Lånekort",
        intro=(
            "Med ett lånekort lånar du böcker, ljudböcker, filmer och e-böcker på alla kommunens "
            "bibliotek. Det är gratis."
        ),
        who=p("Alla kan få lånekort. Barn under 15 år behöver en vårdnadshavares underskrift."),
        how=ol(
            "Gå till något av biblioteken och visa legitimation.",
            "Välj en pinkod. Med den loggar du in i bibliotekets app och lånar e-böcker.",
            "Tappar du kortet kan du spärra det i appen eller på biblioteket.",
        ),
        cost=p("Lånekortet är gratis. Ett nytt kort om du har tappat det gamla kostar 20 kronor."),
        contacts=["bibliotek"],
        related=["bibliotek"],
    ),
    ServiceData(
        key="kulturskolan",
        area="area:kultur",
        slug="kulturskolan",
        title="Kulturskolan",
        index_name="Kulturskolan",
        intro=(
            "I kulturskolan kan barn och unga spela instrument, sjunga, dansa, spela teater och "
            "måla, efter skoltid och med erfarna lärare."
        ),
        eservice="kulturskola",
        who=p("Barn och unga mellan 6 och 19 år som bor i Sundhamn."),
        how=ol(
            "Anmäl ditt barn i e-tjänsten. Kurserna startar i september och januari.",
            "Får barnet en plats får du ett erbjudande med e-post.",
            "Instrument kan lånas av kulturskolan det första året.",
        ),
        cost=p(
            "En kurs kostar 600 kronor per termin. Syskon betalar halva priset och den tredje "
            "kursen i en familj är gratis."
        ),
        processing_time="Besked om plats två veckor före terminsstart.",
        contacts=["kultur"],
        related=["service:fritidsgardar"],
    ),
    ServiceData(
        key="lokalbokning",
        area="area:kultur",
        slug="boka-lokal-eller-idrottshall",
        title="Boka lokal eller idrottshall",
        index_name="Lokalbokning",
        intro=(
            "Föreningar och privatpersoner kan hyra idrottshallar, gymnastiksalar och "
            "samlingslokaler i hela kommunen."
        ),
        eservice="lokalbokning",
        who=p(
            "Föreningar i Sundhamn har förtur till säsongstider. Privatpersoner kan boka "
            "enstaka tider som är lediga."
        ),
        how=ol(
            "Se lediga tider och boka i e-tjänsten.",
            "Föreningar söker säsongstider senast 15 mars inför hösten.",
            "Avboka senast fem dagar innan, annars debiteras hela hyran.",
        ),
        cost=p(
            "En idrottshall kostar 95 kronor i timmen för föreningars ungdomsverksamhet och "
            "380 kronor i timmen för övriga."
        ),
        contacts=["kultur"],
        related=["service:foreningsbidrag"],
    ),
    ServiceData(
        key="foreningsbidrag",
        area="area:kultur",
        slug="foreningsbidrag",
        title="Bidrag till föreningar",
        index_name="Föreningsbidrag",
        intro=(
            "Kommunen stöttar föreningar som ordnar verksamhet för barn och unga, kultur och "
            "idrott i Sundhamn."
        ),
        eservice="foreningsbidrag",
        who=p(
            "Ideella föreningar med säte i Sundhamn som är registrerade i kommunens "
            "föreningsregister."
        ),
        how=ul(
            "Aktivitetsstöd för deltagare 7–25 år: ansök senast 25 februari och 25 augusti.",
            "Bidrag till arrangemang: ansök senast åtta veckor innan.",
            "Redovisa hur pengarna har använts senast tre månader efter arrangemanget.",
        ),
        cost=p("Det kostar ingenting att ansöka."),
        processing_time="Beslut inom sex veckor.",
        contacts=["kultur"],
        related=["service:lokalbokning"],
    ),
    ServiceData(
        key="simskola",
        area="area:kultur",
        slug="simskola",
        title="Simskola",
        index_name="Simskola",
        intro=(
            "Sundhamns simhall har simskola för barn från fyra år, vattenvana för de yngsta och "
            "crawlkurser för vuxna."
        ),
        who=p("Barn från fyra år och vuxna som vill lära sig simma eller simma bättre."),
        how=ol(
            "Anmäl dig i simhallens kassa eller på telefon.",
            "Kurserna pågår i tio veckor, en gång i veckan.",
            "Sommarsimskolan på Strandbadet är gratis för barn mellan sex och tolv år.",
        ),
        cost=p("En simskolekurs kostar 750 kronor. Sommarsimskolan är gratis."),
        contacts=["kultur"],
        related=["service:fritidsgardar"],
    ),
    ServiceData(
        key="fritidsgardar",
        area="area:kultur",
        slug="fritidsgardar",
        title="Fritidsgårdar",
        index_name="Fritidsgårdar",
        intro=(
            "Fritidsgårdarna är en plats att träffa kompisar, spela, laga mat eller få hjälp "
            "med läxan. Det är gratis att komma."
        ),
        who=p(
            "Fritidsgårdarna är öppna för unga mellan 10 och 17 år. Allaktivitetshusen är öppna "
            "för alla åldrar."
        ),
        how=p(
            "Du behöver inte anmäla dig. Fritidsgårdarna har öppet måndag–torsdag 15–21 och "
            "fredag 15–23, och på loven har de extra aktiviteter."
        ),
        cost=p("Det är gratis. Vissa utflykter kostar en liten avgift."),
        contacts=["kultur"],
        related=["service:kulturskolan", "trygghet"],
    ),
    # --- Näringsliv och arbete ---------------------------------------------------------------
    ServiceData(
        key="foretagslots",
        area="area:naringsliv",
        slug="starta-foretag",
        title="Starta och driva företag",
        index_name="Starta företag",
        intro=(
            "Företagslotsen är en väg in till kommunen för dig som vill starta, driva eller "
            "utveckla ett företag i Sundhamn."
        ),
        who=p("Alla företagare och blivande företagare, oavsett bransch och storlek."),
        how=ol(
            "Ring eller skicka e-post till företagslotsen och berätta om dina planer.",
            "Lotsen samlar de förvaltningar som behövs till ett gemensamt möte, till exempel "
            "bygglov, miljö och tillstånd.",
            "Du får en kontaktperson som följer ärendet hela vägen.",
        ),
        cost=p("Rådgivningen är gratis."),
        processing_time="Första mötet inom en vecka.",
        contacts=["foretagslots"],
        related=["service:serveringstillstand", "service:livsmedel", "service:upphandling"],
    ),
    ServiceData(
        key="serveringstillstand",
        area="area:naringsliv",
        slug="serveringstillstand",
        title="Serveringstillstånd",
        index_name="Serveringstillstånd",
        intro=(
            "För att servera alkohol till allmänheten eller i ett slutet sällskap behöver du "
            "tillstånd från kommunen."
        ),
        eservice="servering",
        who=p(
            "Restauranger, cateringföretag och arrangörer. Den som söker måste vara lämplig och "
            "ha klarat kommunens kunskapsprov i alkohollagen."
        ),
        how=ol(
            "Gör kunskapsprovet. Du bokar det hos tillståndsenheten.",
            "Ansök i e-tjänsten och bifoga meny, planritning och finansiering.",
            "Vi gör en utredning och hör Polisen, räddningstjänsten och miljöförvaltningen.",
        ),
        cost=p(
            "En ansökan om stadigvarande tillstånd kostar 11 000 kronor. Ett tillfälligt "
            "tillstånd för allmänheten kostar 4 000 kronor."
        ),
        processing_time=(
            "Högst åtta veckor för stadigvarande tillstånd, tre veckor för tillfälliga."
        ),
        contacts=["tillstand"],
        related=["service:livsmedel", "service:offentlig-plats", "service:tobak"],
    ),
    ServiceData(
        key="livsmedel",
        area="area:naringsliv",
        slug="registrera-livsmedelsanlaggning",
        title="Registrera livsmedelsanläggning",
        index_name="Livsmedelsanläggning",
        intro=(
            "Ska du öppna en restaurang, ett kafé, en butik eller en food truck måste du "
            "registrera verksamheten hos miljöförvaltningen innan du börjar."
        ),
        eservice="livsmedel",
        who=p(
            "Alla som hanterar livsmedel yrkesmässigt, även ideella föreningar som säljer mat "
            "regelbundet."
        ),
        how=ol(
            "Registrera verksamheten i e-tjänsten senast två veckor innan du öppnar.",
            "Miljöförvaltningen bedömer risken och bestämmer hur ofta vi kontrollerar.",
            "Det första kontrollbesöket kommer oftast under de första månaderna.",
        ),
        cost=p(
            "Registreringen kostar 1 700 kronor. Kontrollerna betalas efteråt med en timavgift "
            "på 1 450 kronor."
        ),
        processing_time="Du får ett beslut om registrering inom två veckor.",
        contacts=["miljo"],
        related=["service:serveringstillstand", "service:foretagslots"],
    ),
    ServiceData(
        key="tobak",
        area="area:naringsliv",
        slug="tillstand-att-salja-tobak",
        title="Tillstånd att sälja tobak",
        index_name="Tobakstillstånd",
        intro=(
            "Butiker och kiosker som säljer tobak behöver tillstånd från kommunen. E-cigaretter "
            "och nikotinprodukter anmäls."
        ),
        who=p("Den som vill sälja tobak i detaljhandeln eller partihandeln."),
        how=ol(
            "Ansök hos tillståndsenheten och bifoga ett egenkontrollprogram.",
            "Vi utreder din lämplighet och hör Polisen och Skatteverket.",
            "När du har fått tillstånd gör vi regelbundna kontroller.",
        ),
        cost=p("Ansökan kostar 9 500 kronor. Tillsynsavgiften är 4 000 kronor om året."),
        processing_time="Beslut inom fyra månader.",
        contacts=["tillstand"],
        related=["service:serveringstillstand"],
    ),
    ServiceData(
        key="lediga-jobb",
        area="area:naringsliv",
        slug="jobba-i-kommunen",
        title="Jobba i Sundhamns kommun",
        index_name="Lediga jobb",
        intro=(
            "Kommunen har 5 800 medarbetare i över 400 yrken. Alla lediga jobb annonseras på "
            "Offentliga jobb."
        ),
        who=p(
            "Alla kan söka. Vi väljer den som är bäst lämpad, och vi välkomnar sökande med olika "
            "bakgrund."
        ),
        how=ol(
            "Sök bland lediga jobb på offentligajobb.se och filtrera på Sundhamns kommun.",
            "Skicka din ansökan i annonsen. Vi tar inte emot ansökningar med e-post.",
            "Vill du jobba som timvikarie inom skola eller omsorg kan du söka löpande.",
        ),
        contacts=["kontaktcenter"],
        related=["service:feriearbete", "service:vuxenutbildning"],
        body=[
            read_more(Link("Lediga jobb i Sundhamns kommun", url="https://www.offentligajobb.se/")),
        ],
    ),
    ServiceData(
        key="feriearbete",
        area="area:naringsliv",
        slug="feriearbete",
        title="Feriearbete för ungdomar",
        index_name="Feriearbete",
        intro=(
            "Kommunen erbjuder sommarjobb i tre veckor till ungdomar som har gått ut första eller "
            "andra året på gymnasiet."
        ),
        eservice="feriearbete",
        who=p("Ungdomar som är folkbokförda i Sundhamn och är 16 eller 17 år i år."),
        how=ol(
            "Ansök i e-tjänsten 1–31 mars. En vårdnadshavare godkänner ansökan med BankID.",
            "Välj tre arbetsområden, till exempel park, äldreomsorg eller fritidsgård.",
            "Alla som söker i tid erbjuds en period under sommaren.",
        ),
        cost=p("Du får lön: 85 kronor i timmen för 16-åringar och 95 kronor för 17-åringar."),
        processing_time="Besked om plats i maj.",
        contacts=["kontaktcenter"],
        related=["service:lediga-jobb"],
    ),
    ServiceData(
        key="upphandling",
        area="area:naringsliv",
        slug="salja-till-kommunen",
        title="Sälja till kommunen",
        index_name="Upphandling",
        intro=(
            "Kommunen köper varor och tjänster för 2,1 miljarder kronor om året. Alla "
            "upphandlingar annonseras öppet."
        ),
        who=p("Alla företag, stora som små, kan lämna anbud."),
        how=ol(
            "Bevaka kommunens annonserade upphandlingar i upphandlingsverktyget.",
            "Ställ frågor om en upphandling i verktyget, så att alla anbudsgivare får samma svar.",
            "Lämna anbud elektroniskt innan sista dag.",
        ),
        contacts=["foretagslots"],
        related=["service:foretagslots"],
        in_menu=False,
    ),
    # --- Kommun och politik ------------------------------------------------------------------
    ServiceData(
        key="allman-handling",
        area="area:politik",
        slug="begara-ut-allman-handling",
        title="Begära ut allmän handling",
        index_name="Allmän handling",
        intro=(
            "Alla har rätt att läsa kommunens allmänna handlingar, till exempel beslut, brev och "
            "e-post. Det följer av offentlighetsprincipen."
        ),
        eservice="allman-handling",
        who=p(
            "Alla kan begära ut allmänna handlingar. Du behöver inte berätta vem du är eller "
            "varför du vill ha handlingen. Uppgifter som omfattas av sekretess lämnas inte ut."
        ),
        how=ol(
            "Beställ i e-tjänsten, skicka e-post till registraturen eller besök Stadshuset.",
            "Beskriv så noga du kan vilken handling du vill ha, gärna med diarienummer.",
            "Du får handlingen med e-post, med post eller läser den på plats.",
        ),
        cost=p(
            "De första nio sidorna är gratis. Sida tio kostar 50 kronor och varje sida därefter "
            "2 kronor. Att läsa handlingen på plats är alltid gratis."
        ),
        processing_time=(
            "Skyndsamt, oftast samma dag eller inom några dagar. Måste vi pröva sekretess kan "
            "det ta längre tid."
        ),
        contacts=["registrator"],
        related=["service:synpunkter"],
    ),
    ServiceData(
        key="synpunkter",
        area="area:politik",
        slug="synpunkter-och-klagomal",
        title="Synpunkter och klagomål",
        index_name="Synpunkter och klagomål",
        intro=(
            "Vad tycker du om kommunens service? Dina synpunkter hjälper oss att bli bättre, "
            "både när något har blivit fel och när något har fungerat bra."
        ),
        eservice="synpunkt",
        who=p("Alla kan lämna synpunkter, anonymt om du vill."),
        how=ol(
            "Lämna din synpunkt i e-tjänsten eller ring kontaktcenter.",
            "Synpunkten går till den verksamhet det gäller.",
            "Om du har lämnat kontaktuppgifter får du svar inom tio arbetsdagar.",
        ),
        cost=p("Det kostar ingenting."),
        processing_time="Svar inom tio arbetsdagar.",
        contacts=["kontaktcenter"],
        related=["service:e-forslag", "service:allman-handling"],
    ),
    ServiceData(
        key="e-forslag",
        area="area:politik",
        slug="e-forslag",
        title="E-förslag",
        index_name="E-förslag",
        intro=(
            "Med ett e-förslag kan du föreslå något som politikerna ska ta ställning till. "
            "Förslag med minst 100 underskrifter tas upp i den nämnd det gäller."
        ),
        eservice="e-forslag",
        who=p("Alla som är folkbokförda i Sundhamn, oavsett ålder."),
        how=ol(
            "Skriv ditt förslag i e-tjänsten och logga in med BankID.",
            "Kommunkansliet granskar att förslaget gäller något kommunen bestämmer över.",
            "Förslaget är öppet för underskrifter i 90 dagar.",
            "Med 100 underskrifter eller fler får du ett svar från nämnden inom sex månader.",
        ),
        cost=p("Det kostar ingenting."),
        processing_time="Granskning inom en vecka. Nämnden svarar inom sex månader.",
        contacts=["kansli"],
        related=["service:synpunkter", "service:val"],
    ),
    ServiceData(
        key="val",
        area="area:politik",
        slug="val",
        title="Rösta i valet",
        index_name="Val",
        intro=(
            "Vart fjärde år, andra söndagen i september, väljer vi riksdag, region och "
            "kommunfullmäktige. Valnämnden i Sundhamn ordnar röstningen i kommunen."
        ),
        who=p(
            "Du får rösta i kommunvalet om du har fyllt 18 år senast på valdagen och är "
            "folkbokförd i Sundhamn. EU-medborgare får rösta direkt, andra efter tre års "
            "folkbokföring i Sverige."
        ),
        how=ol(
            "Röstkortet kommer med posten cirka tre veckor före valdagen.",
            "Förtidsrösta på Stadsbiblioteket eller i Stadshuset från 18 dagar före valet, "
            "eller rösta i din vallokal på valdagen.",
            "Ta med legitimation. Kan du inte ta dig till en röstningslokal kan du rösta med bud.",
        ),
        cost=p("Det kostar ingenting att rösta."),
        contacts=["kansli"],
        related=["service:e-forslag"],
    ),
    # --- Trygghet och säkerhet ---------------------------------------------------------------
    ServiceData(
        key="krisberedskap",
        area="area:trygghet",
        slug="krisberedskap-hemma",
        title="Krisberedskap hemma",
        index_name="Krisberedskap",
        intro=(
            "Vid en allvarlig händelse kan el, vatten eller mobilnät försvinna i flera dagar. "
            "Med lite förberedelser klarar du dig hemma under tiden."
        ),
        who=p("Alla hushåll. Kommunen prioriterar hjälp till den som inte klarar sig själv."),
        how=ul(
            "Vatten: minst tre liter per person och dygn, i flaskor eller dunkar.",
            "Mat som håller länge och kan ätas utan att lagas, för en vecka.",
            "Värme: filtar, sovsäck och varma kläder.",
            "Information: en radio som går på batteri eller vev. Vid en kris sänder Sveriges "
            "Radio P4 viktiga meddelanden.",
        ),
        body=[
            subheading("Kommunens krisinformation"),
            paragraph(
                p(
                    "Vid en kris samlar vi information på sundhamn.example och i ett meddelande "
                    "högst upp på varje sida. Kontaktcenter får fler telefonister, och "
                    "trygghetspunkter öppnar i skolor i varje stadsdel."
                )
            ),
            read_more(Link("Krisinformation.se", url="https://www.krisinformation.se/")),
        ],
        contacts=["kontaktcenter"],
        related=["service:vma", "akut"],
    ),
    ServiceData(
        key="vma",
        area="area:trygghet",
        slug="viktigt-meddelande-till-allmanheten",
        title="Viktigt meddelande till allmänheten (VMA)",
        index_name="VMA",
        intro=(
            "VMA är ett varningssystem för allvarliga olyckor och händelser. Varningen kommer i "
            "radio och tv, som sms och med ljudsignal utomhus."
        ),
        who=p("Alla som vistas i ett område som berörs av en varning."),
        how=ul(
            "Hör du signalen – en ton i sju sekunder följd av fjorton sekunders tystnad, under "
            "minst två minuter – gå inomhus, stäng fönster och ventilation och lyssna på Sveriges "
            "Radio P4.",
            "Signalen testas klockan 15 första helgfria måndagen i mars, juni, september och "
            "december.",
            "Faran över är en lång signal i 30 sekunder.",
        ),
        contacts=["raddning"],
        related=["service:krisberedskap"],
    ),
    ServiceData(
        key="sotning",
        area="area:trygghet",
        slug="sotning-och-brandskyddskontroll",
        title="Sotning och brandskyddskontroll",
        index_name="Sotning",
        intro=(
            "Eldstäder och skorstenar ska sotas och kontrolleras regelbundet för att förebygga "
            "brand. Räddningstjänstens skorstensfejare kommer till dig."
        ),
        who=p(
            "Alla som har en eldstad, till exempel en braskamin, kakelugn eller vedpanna. Du får "
            "sota själv i ditt eget hus om räddningstjänsten godkänner det."
        ),
        how=ol(
            "Du får ett brev med en tid när det är dags för sotning.",
            "Passar inte tiden: boka om direkt hos skorstensfejaren.",
            "Vill du sota själv: ansök hos räddningstjänsten.",
        ),
        cost=p(
            "Sotning av en braskamin kostar cirka 500 kronor. Brandskyddskontroll cirka 900 kronor."
        ),
        processing_time="Ansökan om att sota själv: beslut inom fyra veckor.",
        contacts=["raddning"],
        related=["service:brandfarligt"],
    ),
    ServiceData(
        key="brandfarligt",
        area="area:trygghet",
        slug="tillstand-for-brandfarlig-vara",
        title="Tillstånd för brandfarlig vara",
        index_name="Brandfarlig vara",
        intro=(
            "Den som hanterar större mängder gasol, bensin eller andra brandfarliga varor "
            "behöver tillstånd från räddningstjänsten."
        ),
        eservice="brandfarligt",
        who=p(
            "Till exempel restauranger med gasol, bensinstationer och industrier. Hushåll "
            "behöver normalt inget tillstånd för gasolgrillen."
        ),
        how=ol(
            "Ansök i e-tjänsten och bifoga en ritning som visar var varorna förvaras.",
            "Räddningstjänsten gör en avsyning innan hanteringen får börja.",
        ),
        cost=p("Avgiften är 5 800 kronor för en mindre anläggning."),
        processing_time="Beslut inom sex veckor.",
        contacts=["raddning"],
        related=["service:sotning", "service:serveringstillstand"],
    ),
    ServiceData(
        key="klotter",
        area="area:trygghet",
        slug="klotter-och-skadegorelse",
        title="Klotter och skadegörelse",
        index_name="Klotter",
        intro=(
            "Kommunen tar bort klotter på sina byggnader och anläggningar inom ett dygn. Anmäl "
            "det du ser, så håller vi staden ren."
        ),
        eservice="felanmalan",
        who=p(
            "Alla kan anmäla. Ser du någon klottra eller förstöra något just nu: ring Polisen "
            "på 114\u00a014, eller 112 om det är fara."
        ),
        how=ol(
            "Anmäl i formuläret för felanmälan. Beskriv platsen så exakt du kan.",
            "Kränkande eller rasistiskt klotter tar vi bort samma dag.",
            "Är klottret på en privat fastighet ansvarar fastighetsägaren för att ta bort det.",
        ),
        cost=p("Det kostar ingenting att anmäla."),
        processing_time="Klotter på kommunens egendom tas bort inom ett dygn.",
        contacts=["kontaktcenter"],
        related=["service:felanmalan", "trygghet"],
    ),
]

# --- The pages that list them -------------------------------------------------------------------

AZ_PAGE = {
    "key": "az",
    "slug": "a-o",
    "title": "A–Ö",
    "intro": (
        "Alla kommunens tjänster i bokstavsordning. Hittar du inte det du letar efter? Sök, "
        "eller ring kontaktcenter."
    ),
}

ESERVICES_PAGE = {
    "key": "etjanster",
    "slug": "e-tjanster",
    "title": "E-tjänster",
    "intro": (
        "Här hittar du kommunens e-tjänster. Många öppnas i kommunens ärendesystem, där du "
        "loggar in med e-legitimation. Behöver du hjälp: ring den support som står vid "
        "e-tjänsten."
    ),
}

# "Hitta snabbt" and "Populära tjänster" in Inställningar.
QUICK_LINKS = [
    Service("E-tjänster", "Ansök, anmäl och boka dygnet runt.", page="etjanster"),
    Service("A–Ö", "Alla tjänster i bokstavsordning.", page="az"),
    Service("Lediga jobb", "Jobba i Sundhamns kommun.", page="service:lediga-jobb"),
    Service(
        "Stöd vid akuta händelser",
        "Stödsamtal dagtid och social jour kvällar, nätter och helger.",
        page="akut",
    ),
    Service("Felanmälan", "Trasig gatlampa, hål i gatan eller klotter.", page="form:fault-report"),
    Service("Nyheter", "Det senaste från Sundhamns kommun.", page="news"),
    Service("Evenemang", "Konserter, marknader och workshoppar i Sundhamn.", page="events"),
    Service("Kontakta kommunen", "Telefon, e-post och besöksadress.", page="kontakt"),
]

POPULAR_SERVICES = [
    "forskola",
    "bygglov",
    "bistand",
    "hemtjanst",
    "fardtjanst",
    "parkeringstillstand",
    "sophamtning",
    "allman-handling",
]
