"""Sundhamn's political bodies: who they are, when they meet and what their minutes say.

The names of the members are invented. ``service_pages.py`` places the bodies under the
service area "Kommun och politik" and gives each its meetings around the day the demo is
loaded: the last three with minutes (PDF), the next three with the first one's notice.
"""

from dataclasses import dataclass, field

from .content import paragraph, subheading
from .services_content import p


@dataclass(frozen=True)
class Item:
    """One matter on the agenda: its heading, what it is about, and what was decided."""

    title: str
    background: str
    decision: str


@dataclass(frozen=True)
class Committee:
    key: str
    slug: str
    title: str
    intro: str
    # When it meets: the nth (1-based) weekday (0 = Monday) of the month, at hour:minute.
    weekday: int
    nth: int
    hour: int
    minute: int
    place: str
    chair: str
    members: list[str]
    secretary: str
    items: list[Item]
    body: list = field(default_factory=list)
    note: str = ""
    in_menu: bool = False
    # How long a meeting usually lasts, in minutes, for the minutes' "Plats och tid".
    length: int = 150


# Every meeting opens and closes with the same formal matters.
OPENING = [
    Item(
        "Val av justerare",
        "",
        "{adjuster} utses att tillsammans med ordföranden justera protokollet.",
    ),
    Item("Godkännande av dagordningen", "", "Dagordningen godkänns."),
]
CLOSING = [
    Item(
        "Anmälan av delegationsbeslut",
        "Förvaltningen redovisar de beslut som har fattats med stöd av delegation sedan "
        "förra sammanträdet.",
        "Redovisningen läggs till handlingarna.",
    ),
]

COMMITTEES = [
    Committee(
        key="kf",
        slug="kommunfullmaktige",
        title="Kommunfullmäktige",
        intro=(
            "Kommunfullmäktige är Sundhamns högsta beslutande organ. De 51 ledamöterna beslutar "
            "om budget, skatt, taxor och mål för hela kommunen."
        ),
        weekday=3,
        nth=3,
        hour=18,
        minute=0,
        place="Rådhussalen, Stadshuset",
        chair="Ingrid Lundqvist",
        members=["Ingrid Lundqvist", "Omar Haddad", "Birgitta Sjöberg", "Jonas Ek", "Sara Nilsson"],
        secretary="Karin Holm",
        note="Öppet för allmänheten. Sänds direkt på webben.",
        in_menu=True,
        length=180,
        items=[
            Item(
                "Årsredovisning för föregående år",
                "Kommunens resultat blev 84 miljoner kronor, vilket är 31 miljoner bättre än "
                "budget. Revisorerna tillstyrker att styrelser och nämnder beviljas "
                "ansvarsfrihet.",
                "Kommunfullmäktige godkänner årsredovisningen och beviljar kommunstyrelsen och "
                "nämnderna ansvarsfrihet.",
            ),
            Item(
                "Ny taxa för plan- och bygglov",
                "Stadsbyggnadsnämnden föreslår en ny taxa som bättre speglar den tid olika "
                "ärenden tar. Enklare ärenden blir billigare och större projekt något dyrare.",
                "Kommunfullmäktige antar taxan, som börjar gälla den 1 januari.",
            ),
            Item(
                "Svar på motion om fler laddplatser för elbilar",
                "I motionen föreslås att kommunen bygger laddplatser vid alla sina "
                "parkeringsanläggningar. Kommunstyrelsen föreslår att motionen anses besvarad, "
                "eftersom en plan för laddinfrastruktur redan tas fram.",
                "Motionen anses besvarad.",
            ),
            Item(
                "Val av ersättare i barn- och utbildningsnämnden",
                "En ersättare har begärt entledigande från sitt uppdrag.",
                "Kommunfullmäktige beviljar entledigandet och väljer Mats Åberg till ny "
                "ersättare för resten av mandatperioden.",
            ),
            Item(
                "Medborgarförslag om utegym vid Strandbadet",
                "Förslagsställaren vill att kommunen bygger ett utegym vid Strandbadet. "
                "Kultur- och fritidsnämnden har ställt sig positiv och har medel i budgeten.",
                "Medborgarförslaget bifalls. Kultur- och fritidsnämnden får i uppdrag att bygga "
                "utegymmet.",
            ),
        ],
        body=[
            subheading("Ledamöter"),
            paragraph(
                p(
                    "Fullmäktige har 51 ledamöter från sju partier. Ordförande är Ingrid "
                    "Lundqvist och vice ordförande Omar Haddad."
                )
            ),
            subheading("Besök ett sammanträde"),
            paragraph(
                p(
                    "Alla är välkomna att lyssna på fullmäktiges sammanträden i Rådhussalen. "
                    "Allmänhetens frågestund börjar klockan 18.00 och frågor lämnas till "
                    "kommunkansliet senast en vecka innan."
                )
            ),
        ],
    ),
    Committee(
        key="ks",
        slug="kommunstyrelsen",
        title="Kommunstyrelsen",
        intro=(
            "Kommunstyrelsen leder och samordnar kommunens arbete, har uppsikt över nämnderna "
            "och bereder ärendena till kommunfullmäktige."
        ),
        weekday=2,
        nth=2,
        hour=13,
        minute=0,
        place="Sammanträdesrummet Sundet, Stadshuset",
        chair="Omar Haddad",
        members=["Omar Haddad", "Lena Berglund", "Per Johansson", "Fatima Ali", "Erik Strand"],
        secretary="Karin Holm",
        in_menu=True,
        items=[
            Item(
                "Ekonomisk uppföljning efter andra kvartalet",
                "Prognosen för helåret visar ett överskott på 22 miljoner kronor. Två nämnder "
                "prognostiserar underskott och har tagit fram åtgärdsplaner.",
                "Kommunstyrelsen godkänner uppföljningen och uppmanar nämnderna att följa sina "
                "åtgärdsplaner.",
            ),
            Item(
                "Markanvisning för bostäder vid Glasbrukskajen",
                "Tre byggföretag har lämnat förslag på hur kvarteret kan bebyggas med cirka 180 "
                "bostäder, varav minst en tredjedel hyresrätter.",
                "Kommunstyrelsen tecknar markanvisningsavtal med det företag vars förslag fick "
                "högst poäng i utvärderingen.",
            ),
            Item(
                "Riktlinjer för krisberedskap",
                "Riktlinjerna beskriver hur kommunen leder arbetet vid en kris, hur invånarna "
                "informeras och var trygghetspunkter öppnas.",
                "Kommunstyrelsen antar riktlinjerna.",
            ),
            Item(
                "Yttrande över regionens trafikförsörjningsprogram",
                "Regionen föreslår nya busslinjer och tätare trafik på landsbygden.",
                "Kommunstyrelsen lämnar yttrandet enligt förvaltningens förslag och betonar "
                "behovet av en direktlinje till sjukhuset.",
            ),
        ],
    ),
    Committee(
        key="bun",
        slug="barn-och-utbildningsnamnden",
        title="Barn- och utbildningsnämnden",
        intro=(
            "Nämnden ansvarar för förskola, fritidshem, grundskola, gymnasieskola och "
            "vuxenutbildning i Sundhamn."
        ),
        weekday=1,
        nth=3,
        hour=17,
        minute=0,
        place="Skolhuset, Hamngatan 4",
        chair="Lena Berglund",
        members=["Lena Berglund", "Ahmed Yusuf", "Kristina Dahl", "Johan Lind"],
        secretary="Maria Sundberg",
        items=[
            Item(
                "Kunskapsresultat i grundskolan",
                "Andelen elever i årskurs nio som är behöriga till gymnasiet har ökat till 84 "
                "procent. Skillnaderna mellan skolorna har minskat.",
                "Nämnden lägger rapporten till handlingarna och ger förvaltningen i uppdrag "
                "att sprida arbetssätten från de skolor som ökat mest.",
            ),
            Item(
                "Ny förskola i Ekbacka",
                "Befolkningen i Ekbacka växer och köerna till förskolorna är långa. "
                "Förvaltningen föreslår en ny förskola med åtta avdelningar.",
                "Nämnden begär att kommunstyrelsen påbörjar planeringen av förskolan.",
            ),
            Item(
                "Regler för skolskjuts",
                "Reglerna förtydligas för elever med växelvis boende.",
                "Nämnden antar de reviderade reglerna.",
            ),
        ],
    ),
    Committee(
        key="von",
        slug="vard-och-omsorgsnamnden",
        title="Vård- och omsorgsnämnden",
        intro=(
            "Nämnden ansvarar för äldreomsorgen, hemtjänsten och stödet till personer med "
            "funktionsnedsättning."
        ),
        weekday=0,
        nth=3,
        hour=14,
        minute=0,
        place="Rum Fyren, Stadshuset",
        chair="Per Johansson",
        members=["Per Johansson", "Eva Forsberg", "Nadia Karimi", "Leif Östlund"],
        secretary="Anna Björk",
        items=[
            Item(
                "Kvalitetsrapport för hemtjänsten",
                "Nio av tio brukare är nöjda med hemtjänsten. Antalet olika personal som besöker "
                "en brukare under två veckor har minskat från 16 till 12.",
                "Nämnden lägger rapporten till handlingarna.",
            ),
            Item(
                "Anhörigstrategi",
                "Strategin beskriver hur kommunen ska stötta den som vårdar en närstående, med "
                "fler samtalsgrupper och avlösning på kvällstid.",
                "Nämnden antar strategin.",
            ),
            Item(
                "Platser i särskilt boende",
                "Väntetiden till särskilt boende är i genomsnitt 41 dagar.",
                "Nämnden ger förvaltningen i uppdrag att ta fram en plan för fler platser.",
            ),
        ],
    ),
    Committee(
        key="sn",
        slug="socialnamnden",
        title="Socialnämnden",
        intro=(
            "Nämnden ansvarar för individ- och familjeomsorgen: ekonomiskt bistånd, stöd till "
            "barn och familjer, missbruksvård och stöd till brottsutsatta."
        ),
        weekday=1,
        nth=2,
        hour=13,
        minute=30,
        place="Socialkontoret, Storgatan 22",
        chair="Fatima Ali",
        members=["Fatima Ali", "Göran Wik", "Hanna Lindgren", "Mikael Persson"],
        secretary="Anna Björk",
        items=[
            Item(
                "Uppföljning av ekonomiskt bistånd",
                "Antalet hushåll med ekonomiskt bistånd har minskat med 6 procent jämfört med "
                "samma period förra året.",
                "Nämnden lägger uppföljningen till handlingarna.",
            ),
            Item(
                "Samverkan mot våld i nära relationer",
                "Förvaltningen redovisar samarbetet med polisen, regionen och Stödcentrum.",
                "Nämnden lägger redovisningen till handlingarna.",
            ),
            Item(
                "Ärenden om enskilda",
                "Nämnden behandlar ärenden om enskilda personer.",
                "Besluten finns i ett särskilt protokoll som omfattas av sekretess.",
            ),
        ],
    ),
    Committee(
        key="sbn",
        slug="stadsbyggnadsnamnden",
        title="Stadsbyggnadsnämnden",
        intro=("Nämnden ansvarar för detaljplaner, bygglov, gator, parker och trafik i Sundhamn."),
        weekday=3,
        nth=2,
        hour=17,
        minute=30,
        place="Stadsbyggnadskontoret, Rådhustorget 3",
        chair="Erik Strand",
        members=["Erik Strand", "Sofia Hedlund", "Anders Blom", "Linnéa Åkesson"],
        secretary="Jenny Falk",
        items=[
            Item(
                "Detaljplan för del av Hamnen",
                "Planen gör det möjligt att bygga cirka 240 bostäder, en förskola och en ny park "
                "vid kajen. Synpunkterna från granskningen har lett till att husen närmast vattnet "
                "sänks med två våningar.",
                "Nämnden föreslår att kommunfullmäktige antar detaljplanen.",
            ),
            Item(
                "Trafiksäkerhet vid skolor",
                "Hastigheten sänks till 30 kilometer i timmen vid ytterligare sex skolor och "
                "fyra övergångsställen förses med farthinder.",
                "Nämnden beslutar om åtgärderna.",
            ),
            Item(
                "Handläggningstider för bygglov",
                "Nio av tio ärenden har fått beslut inom tio veckor från komplett ansökan.",
                "Nämnden lägger redovisningen till handlingarna.",
            ),
        ],
    ),
    Committee(
        key="kfn",
        slug="kultur-och-fritidsnamnden",
        title="Kultur- och fritidsnämnden",
        intro=(
            "Nämnden ansvarar för bibliotek, kulturskola, idrottsanläggningar, fritidsgårdar "
            "och stödet till föreningar."
        ),
        weekday=2,
        nth=3,
        hour=17,
        minute=0,
        place="Kulturhuset, Kanalgatan 14",
        chair="Kristina Dahl",
        members=["Kristina Dahl", "Yasmin Omar", "Bengt Holmberg", "Ella Fransson"],
        secretary="Jenny Falk",
        items=[
            Item(
                "Fördelning av aktivitetsstöd",
                "Sammanlagt 62 föreningar har sökt aktivitetsstöd för 48 000 deltagartillfällen.",
                "Nämnden fördelar stödet enligt förvaltningens förslag.",
            ),
            Item(
                "Längre öppettider på Stadsbiblioteket",
                "Förvaltningen föreslår att biblioteket har öppet till klockan 20 även på "
                "fredagar under skolterminerna.",
                "Nämnden bifaller förslaget från och med nästa termin.",
            ),
            Item(
                "Kulturstipendium",
                "Juryn har gått igenom 27 ansökningar.",
                "Årets kulturstipendium på 20 000 kronor tilldelas textilkonstnären Lisa Grahn.",
            ),
        ],
    ),
    Committee(
        key="mn",
        slug="miljonamnden",
        title="Miljönämnden",
        intro=(
            "Nämnden ansvarar för miljö- och hälsoskydd, livsmedelskontroll och övervakningen "
            "av luftkvaliteten."
        ),
        weekday=3,
        nth=1,
        hour=16,
        minute=0,
        place="Miljöhuset, Storgatan 18",
        chair="Sofia Hedlund",
        members=["Sofia Hedlund", "Tomas Nyberg", "Amina Hassan", "Olle Rask"],
        secretary="Maria Sundberg",
        items=[
            Item(
                "Rapport om kvävedioxid i Sundhamn",
                "Andelen invånare som bor där halterna är högre än miljömålet har sjunkit till "
                "under en procent.",
                "Nämnden lägger rapporten till handlingarna och överlämnar den till "
                "kommunstyrelsen.",
            ),
            Item(
                "Plan för livsmedelskontrollen",
                "Planen beskriver vilka verksamheter som ska kontrolleras under året och hur ofta.",
                "Nämnden antar kontrollplanen.",
            ),
            Item(
                "Taxa för tillsyn enligt miljöbalken",
                "Timavgiften föreslås höjas från 1 400 till 1 450 kronor.",
                "Nämnden föreslår att kommunfullmäktige antar taxan.",
            ),
        ],
    ),
]
