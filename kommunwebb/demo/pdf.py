"""A small, dependency-free PDF writer and the demo's air quality report.

The report is real PDF with selectable text (the standard Helvetica fonts, WinAnsi encoding so
å, ä and ö work) and vector charts, so screen readers and search can read it. Nothing is fetched
from the network; the same input always gives the same bytes.
"""

import zlib
from dataclasses import dataclass, field

A4 = (595, 842)
MARGIN = 64

# Helvetica advance widths in thousandths of an em, close enough to wrap lines well.
# Letters with diacritics use the width of their base letter.
_WIDTHS = {
    " ": 278,
    "!": 278,
    '"': 355,
    "%": 889,
    "'": 191,
    "(": 333,
    ")": 333,
    ",": 278,
    "-": 333,
    ".": 278,
    "/": 278,
    ":": 278,
    ";": 278,
    "?": 556,
    "–": 556,
    "—": 1000,
    "µ": 556,
    "³": 333,
    "f": 278,
    "i": 222,
    "j": 222,
    "l": 222,
    "r": 333,
    "t": 278,
    "m": 833,
    "w": 722,
    "c": 500,
    "k": 500,
    "s": 500,
    "v": 500,
    "x": 500,
    "y": 500,
    "z": 500,
    "C": 722,
    "D": 722,
    "H": 722,
    "N": 722,
    "R": 722,
    "U": 722,
    "G": 778,
    "O": 778,
    "Q": 778,
    "M": 833,
    "W": 944,
    "F": 611,
    "T": 611,
    "Z": 611,
    "I": 278,
    "J": 500,
    "L": 556,
}
_BASE = str.maketrans("åäàáâéèëêöóòôüúÅÄÀÁÉÖÜ", "aaaaaeeeeoooouuAAAAEOU")


def text_width(text: str, size: float, bold: bool = False) -> float:
    em = sum(_WIDTHS.get(char, 556) for char in text.translate(_BASE))
    return em * size / 1000 * (1.06 if bold else 1.0)


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _unicode_string(text: str) -> bytes:
    """Metadata strings are not in WinAnsi but PDFDocEncoding; UTF-16 with a BOM is simplest."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _colour(rgb) -> str:
    return " ".join(f"{channel / 255:.3f}" for channel in rgb)


@dataclass
class PdfPage:
    """Drawing operations for one page, in points from the bottom left corner."""

    ops: list[bytes] = field(default_factory=list)

    def text(self, x, y, text, size=11, bold=False, colour=(30, 30, 30)):
        font = b"/F2" if bold else b"/F1"
        self.ops.append(
            b"BT "
            + font
            + f" {size} Tf {_colour(colour)} rg {x:.1f} {y:.1f} Td ".encode()
            + _string(text)
            + b" Tj ET"
        )

    def text_right(self, x, y, text, size=11, bold=False, colour=(30, 30, 30)):
        self.text(x - text_width(text, size, bold), y, text, size, bold, colour)

    def rect(self, x, y, width, height, fill):
        self.ops.append(
            f"{_colour(fill)} rg {x:.1f} {y:.1f} {width:.1f} {height:.1f} re f".encode()
        )

    def line(self, points, width=1.0, colour=(30, 30, 30)):
        path = " ".join(
            f"{x:.1f} {y:.1f} {'m' if index == 0 else 'l'}" for index, (x, y) in enumerate(points)
        )
        self.ops.append(f"{_colour(colour)} RG {width:.2f} w 1 J 1 j {path} S".encode())

    def content(self) -> bytes:
        return b"\n".join(self.ops)


@dataclass
class PdfDocument:
    title: str
    author: str
    subject: str = ""
    language: str = "sv-SE"
    pages: list[PdfPage] = field(default_factory=list)

    def new_page(self) -> PdfPage:
        page = PdfPage()
        self.pages.append(page)
        return page

    def to_bytes(self) -> bytes:
        objects: list[bytes] = []

        def add(body: bytes) -> int:
            objects.append(body)
            return len(objects)

        catalog = add(b"")  # filled in once the page tree exists
        pages_ref = add(b"")
        regular = add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
        )
        bold = add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
            b"/Encoding /WinAnsiEncoding >>"
        )
        kids = []
        for page in self.pages:
            data = zlib.compress(page.content(), 9)
            stream = add(
                f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
                + data
                + b"\nendstream"
            )
            kids.append(
                add(
                    f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [0 0 {A4[0]} {A4[1]}] "
                    f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> "
                    f"/Contents {stream} 0 R >>".encode()
                )
            )
        objects[pages_ref - 1] = (
            f"<< /Type /Pages /Count {len(kids)} /Kids [{' '.join(f'{k} 0 R' for k in kids)}] >>"
        ).encode()
        objects[catalog - 1] = (
            f"<< /Type /Catalog /Pages {pages_ref} 0 R /Lang ".encode()
            + _string(self.language)
            + b" /ViewerPreferences << /DisplayDocTitle true >> >>"
        )
        info = add(
            b"<< /Title "
            + _unicode_string(self.title)
            + b" /Author "
            + _unicode_string(self.author)
            + b" /Subject "
            + _unicode_string(self.subject)
            + b" /Producer (Kommunwebb) >>"
        )

        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        for offset in offsets:
            out += f"{offset:010d} 00000 n \n".encode()
        out += (
            f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n"
        ).encode()
        return bytes(out)


# --- The air quality report -------------------------------------------------------------------

GREEN = (0, 110, 80)
GREY = (110, 110, 110)
LIGHT = (225, 232, 228)
BLUE = (30, 90, 160)

YEARS = [1996, 2000, 2005, 2010, 2015, 2020, 2025]
# Share of residents at addresses above the environmental objective (20 µg/m³, annual mean).
SHARE_ABOVE_OBJECTIVE = [79, 71, 55, 33, 14, 4.2, 0.9]
# Annual means in µg/m³ at three measuring sites.
STATIONS = {
    "Tullgatan (gata i innerstaden)": ([58, 54, 47, 39, 30, 24, 20], (170, 60, 40)),
    "Stortorget (innerstaden, tak)": ([43, 40, 35, 29, 23, 19, 17], BLUE),
    "Ekbacka (ytterområde)": ([19, 18, 16, 14, 12, 10, 8], GREEN),
}

SUMMARY = [
    "Luften i Sundhamn har blivit betydligt renare sedan kommunen började mäta kvävedioxid i "
    "mitten av 1990-talet. Den här rapporten beskriver hur många invånare som bor där halterna "
    "är höga, hur det har förändrats över tid och vad förändringen betyder för hälsan.",
    "År 2025 bodde ungefär 3 040 personer, eller 0,9 procent av befolkningen, på adresser där "
    "årsmedelvärdet av kvävedioxid låg över miljömålet på 20 µg/m³. År 1996 gällde det 79 procent "
    "av invånarna.",
    "Samtidigt har allt fler fått lägre halter utanför bostaden. Barn exponeras inte mer än andra "
    "grupper; i genomsnitt bor de snarare där halterna är något lägre.",
    "De högsta halterna finns fortfarande i innerstaden, längs gator med tät trafik. Där har "
    "halterna också sjunkit mest.",
]
BACKGROUND = [
    "Kvävedioxid bildas framför allt när bränsle förbränns i fordonsmotorer. Gasen irriterar "
    "luftvägarna och kan förvärra besvären för den som har astma. Halten används också som ett "
    "mått på hur mycket avgaser luften innehåller i stort.",
    "Kommunen antog ett åtgärdsprogram för luftkvalitet 2007. Det ledde bland annat till miljözon "
    "för tung trafik, fler cykelstråk, elbussar i stadstrafiken och lägre hastighet på flera gator "
    "i centrum.",
]
FIGURE_1_TEXT = [
    "Andelen har minskat under hela perioden. Den största förändringen skedde mellan 2005 och "
    "2015, när åtgärdsprogrammet genomfördes och fordonen fick bättre avgasrening.",
]
FIGURE_2_TEXT = [
    "I dag ligger halterna vid Stortorget i innerstaden på samma nivå som i ytterområdet Ekbacka "
    "i mitten av 1990-talet. Minskningen är störst där halterna tidigare var högst.",
]
METHOD = [
    "Halterna har beräknats med en spridningsmodell för varje adress i kommunen och stämts av mot "
    "kommunens fasta mätstationer. Uppgifter om befolkningen kommer från folkbokföringen och har "
    "kopplats till adresserna på ett sätt som gör att ingen enskild person kan identifieras.",
]
OTHER_POLLUTANTS = [
    "Även svaveldioxid, kolmonoxid, bly och flera kolväten har minskat. Partiklar och marknära "
    "ozon visar däremot inte samma tydliga förbättring och följs därför upp särskilt.",
]


class _Writer:
    """Flows headings and paragraphs down a page."""

    def __init__(self, page: PdfPage, top: float):
        self.page, self.y = page, top
        self.width = A4[0] - 2 * MARGIN

    def heading(self, text, size=15):
        self.y -= size * 0.6
        self.page.text(MARGIN, self.y, text, size=size, bold=True, colour=GREEN)
        self.y -= size * 1.2

    def paragraphs(self, texts, size=11):
        for text in texts:
            for line in wrap(text, size, self.width):
                self.page.text(MARGIN, self.y, line, size=size)
                self.y -= size * 1.45
            self.y -= size * 0.7


def _footer(page: PdfPage, number: int, report_id: str):
    page.line([(MARGIN, 48), (A4[0] - MARGIN, 48)], 0.5, GREY)
    page.text(MARGIN, 34, f"Sundhamns kommun, miljöförvaltningen · {report_id}", 8, colour=GREY)
    page.text_right(A4[0] - MARGIN, 34, f"Sida {number}", 8, colour=GREY)


def _bar_chart(page: PdfPage, x, y, width, height):
    top = 80
    for step in range(0, top + 1, 20):
        gy = y + height * step / top
        page.line([(x, gy), (x + width, gy)], 0.4, LIGHT if step else GREY)
        page.text_right(x - 6, gy - 3, f"{step} %", 8, colour=GREY)
    slot = width / len(YEARS)
    for index, (year, share) in enumerate(zip(YEARS, SHARE_ABOVE_OBJECTIVE, strict=True)):
        bar_x = x + index * slot + slot * 0.2
        bar_h = max(height * share / top, 1.0)
        page.rect(bar_x, y, slot * 0.6, bar_h, GREEN)
        label = f"{share:g}".replace(".", ",") + " %"
        page.text(bar_x + slot * 0.3 - text_width(label, 9) / 2, y + bar_h + 5, label, 9)
        page.text(bar_x + slot * 0.3 - text_width(str(year), 9) / 2, y - 14, str(year), 9)


def _line_chart(page: PdfPage, x, y, width, height):
    top = 60
    for step in range(0, top + 1, 10):
        gy = y + height * step / top
        page.line([(x, gy), (x + width, gy)], 0.4, LIGHT if step else GREY)
        page.text_right(x - 6, gy - 3, str(step), 8, colour=GREY)
    objective = y + height * 20 / top
    page.line([(x, objective), (x + width, objective)], 1.2, (200, 150, 0))
    page.text(x + 8, objective + 4, "Miljömålet 20 µg/m³", 8, colour=(120, 90, 0))
    span = YEARS[-1] - YEARS[0]
    for year in YEARS:
        gx = x + width * (year - YEARS[0]) / span
        page.text(gx - text_width(str(year), 9) / 2, y - 14, str(year), 9)
    legend_y = y - 36
    for name, (values, colour) in STATIONS.items():
        points = [
            (x + width * (year - YEARS[0]) / span, y + height * value / top)
            for year, value in zip(YEARS, values, strict=True)
        ]
        page.line(points, 2.2, colour)
        for px, py in points:
            page.rect(px - 2.5, py - 2.5, 5, 5, colour)
        page.rect(x, legend_y, 14, 4, colour)
        page.text(x + 20, legend_y - 2, name, 9)
        legend_y -= 14


def air_quality_report(year: int) -> bytes:
    """The environment department's report on nitrogen dioxide exposure, four A4 pages."""
    report_id = f"Rapport {year}:4"
    doc = PdfDocument(
        title="Kvävedioxid i Sundhamn – exponering och trender 1996–2025",
        author="Sundhamns kommun, miljöförvaltningen",
        subject="Hur många invånare som exponeras för höga halter av kvävedioxid",
    )

    cover = doc.new_page()
    cover.rect(0, A4[1] - 250, A4[0], 250, GREEN)
    cover.rect(0, A4[1] - 262, A4[0], 12, (120, 180, 150))
    cover.text(MARGIN, A4[1] - 90, "Sundhamns kommun", 14, bold=True, colour=(255, 255, 255))
    cover.text(MARGIN, A4[1] - 160, "Kvävedioxid i Sundhamn", 32, bold=True, colour=(255, 255, 255))
    cover.text(MARGIN, A4[1] - 195, "Exponering och trender 1996–2025", 18, colour=(255, 255, 255))
    writer = _Writer(cover, A4[1] - 330)
    writer.paragraphs(
        [
            "Rapport från miljöförvaltningen, enheten för miljöövervakning och analys.",
            f"{report_id}. Rapporten får citeras om källan anges.",
        ],
        size=12,
    )
    writer.heading("Innehåll", 13)
    for title, number in (
        ("Sammanfattning och bakgrund", 2),
        ("Färre bor där luften är sämst", 3),
        ("Halterna vid tre mätplatser, metod och andra luftföroreningar", 4),
    ):
        cover.text(MARGIN, writer.y, title, 11)
        cover.text_right(A4[0] - MARGIN, writer.y, str(number), 11)
        writer.y -= 18
    _footer(cover, 1, report_id)

    summary = doc.new_page()
    writer = _Writer(summary, A4[1] - MARGIN)
    writer.heading("Sammanfattning", 20)
    writer.paragraphs(SUMMARY)
    writer.heading("Bakgrund")
    writer.paragraphs(BACKGROUND)
    _footer(summary, 2, report_id)

    figure_1 = doc.new_page()
    writer = _Writer(figure_1, A4[1] - MARGIN)
    writer.heading("Färre bor där luften är sämst", 20)
    writer.paragraphs(
        [
            "Figur 1. Andel av befolkningen som bor där årsmedelvärdet av kvävedioxid är högre än "
            "miljömålet 20 µg/m³."
        ],
        size=10,
    )
    _bar_chart(figure_1, MARGIN + 30, writer.y - 300, A4[0] - 2 * MARGIN - 30, 270)
    writer.y -= 350
    writer.paragraphs(FIGURE_1_TEXT)
    _footer(figure_1, 3, report_id)

    figure_2 = doc.new_page()
    writer = _Writer(figure_2, A4[1] - MARGIN)
    writer.heading("Halterna vid tre mätplatser", 20)
    writer.paragraphs(
        ["Figur 2. Årsmedelvärde av kvävedioxid i µg/m³ vid tre av kommunens mätplatser."],
        size=10,
    )
    _line_chart(figure_2, MARGIN + 30, writer.y - 250, A4[0] - 2 * MARGIN - 30, 220)
    writer.y -= 340
    writer.paragraphs(FIGURE_2_TEXT)
    writer.heading("Metod")
    writer.paragraphs(METHOD)
    writer.heading("Andra luftföroreningar")
    writer.paragraphs(OTHER_POLLUTANTS)
    _footer(figure_2, 4, report_id)

    return doc.to_bytes()


# --- Minutes and notices of the political bodies ------------------------------------------------

NAVY = (11, 74, 111)
FOOTER_SPACE = 72


class _Flow:
    """Headings and paragraphs over as many A4 pages as they need: a new page starts when the
    next line would run into the footer."""

    def __init__(self, doc: PdfDocument):
        self.doc = doc
        self.width = A4[0] - 2 * MARGIN
        self._new_page()

    def _new_page(self):
        self.page = self.doc.new_page()
        self.y = A4[1] - MARGIN

    def _room(self, height: float):
        if self.y - height < FOOTER_SPACE:
            self._new_page()

    def heading(self, text: str, size: float = 13, colour=NAVY):
        self._room(size * 3.2)
        self.y -= size * 0.6
        for line in wrap(text, size, self.width, bold=True):
            self.page.text(MARGIN, self.y, line, size=size, bold=True, colour=colour)
            self.y -= size * 1.3
        self.y -= size * 0.3

    def paragraph(self, text: str, size: float = 11, bold: bool = False, indent: float = 0):
        for line in wrap(text, size, self.width - indent, bold):
            self._room(size * 1.45)
            self.page.text(MARGIN + indent, self.y, line, size=size, bold=bold)
            self.y -= size * 1.45
        self.y -= size * 0.7

    def field(self, label: str, value: str, size: float = 10.5, label_width: float = 150):
        lines = wrap(value, size, self.width - label_width)
        self._room(size * 1.45 * len(lines))
        self.page.text(MARGIN, self.y, label, size=size, bold=True)
        for line in lines:
            self.page.text(MARGIN + label_width, self.y, line, size=size)
            self.y -= size * 1.45
        self.y -= size * 0.35

    def rule(self):
        self._room(16)
        self.y -= 4
        self.page.line([(MARGIN, self.y), (A4[0] - MARGIN, self.y)], 0.6, GREY)
        self.y -= 12

    def footers(self, text: str):
        total = len(self.doc.pages)
        for number, page in enumerate(self.doc.pages, start=1):
            page.line([(MARGIN, 48), (A4[0] - MARGIN, 48)], 0.5, GREY)
            page.text(MARGIN, 34, text, 8, colour=GREY)
            page.text_right(A4[0] - MARGIN, 34, f"Sida {number} av {total}", 8, colour=GREY)


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph (§) of minutes, or one item of a notice."""

    number: int
    title: str
    background: str
    decision: str


def _title_block(flow: _Flow, kind: str, committee: str, date_text: str):
    page = flow.page
    page.text(MARGIN, flow.y - 4, "Sundhamns kommun", 11, bold=True, colour=NAVY)
    page.text_right(A4[0] - MARGIN, flow.y - 4, kind.upper(), 11, bold=True, colour=NAVY)
    flow.y -= 40
    flow.heading(committee, size=22, colour=(30, 30, 30))
    flow.paragraph(date_text, size=12)
    flow.rule()


def minutes(
    *,
    committee: str,
    date_text: str,
    place: str,
    time_text: str,
    present: list[str],
    chair: str,
    secretary: str,
    adjuster: str,
    adjusted_text: str,
    paragraphs: list[Paragraph],
) -> bytes:
    """A political body's minutes ("protokoll"), as a municipality publishes them once they
    are adjusted (justerat): who decided, then one § per matter with its decision."""
    doc = PdfDocument(
        title=f"Protokoll {committee} {date_text}",
        author=f"Sundhamns kommun, {committee.lower()}",
        subject=f"Protokoll från sammanträdet {date_text}",
    )
    flow = _Flow(doc)
    _title_block(flow, "Protokoll", committee, f"Sammanträdesdatum {date_text}")
    flow.field("Plats och tid", f"{place}, {time_text}")
    flow.field("Beslutande", ", ".join([f"{chair} (ordförande)", *present]))
    flow.field("Sekreterare", secretary)
    flow.field("Justerare", adjuster)
    flow.field("Justeringens plats och tid", adjusted_text)
    numbers = [paragraph.number for paragraph in paragraphs]
    flow.field("Paragrafer", f"§§ {min(numbers)}–{max(numbers)}")
    flow.rule()
    for paragraph in paragraphs:
        flow.heading(f"§ {paragraph.number}  {paragraph.title}", size=12.5)
        if paragraph.background:
            flow.paragraph(paragraph.background)
        flow.paragraph("Beslut", size=11, bold=True)
        flow.paragraph(paragraph.decision.format(adjuster=adjuster), indent=12)
    flow.rule()
    flow.field("Vid protokollet", secretary)
    flow.field("Ordförande", chair)
    flow.field("Justerare", adjuster)
    flow.paragraph(
        "Protokollet är justerat och har tillkännagetts på kommunens digitala anslagstavla. "
        "Den som vill överklaga ett beslut har tre veckor på sig från den dagen.",
        size=9.5,
    )
    flow.footers(f"Sundhamns kommun · {committee} · protokoll {date_text}")
    return doc.to_bytes()


def notice(
    *,
    committee: str,
    date_text: str,
    place: str,
    time_text: str,
    chair: str,
    secretary: str,
    items: list[Paragraph],
) -> bytes:
    """The notice ("kallelse") of a coming meeting with its agenda (föredragningslista)."""
    doc = PdfDocument(
        title=f"Kallelse {committee} {date_text}",
        author=f"Sundhamns kommun, {committee.lower()}",
        subject=f"Kallelse och föredragningslista till sammanträdet {date_text}",
    )
    flow = _Flow(doc)
    _title_block(flow, "Kallelse", committee, f"Sammanträde {date_text}")
    flow.field("Plats och tid", f"{place}, {time_text}")
    flow.field("Ordförande", chair)
    flow.field("Sekreterare", secretary)
    flow.paragraph(
        "Ledamöter som inte kan delta meddelar sekreteraren, som kallar in en ersättare.",
        size=10,
    )
    flow.rule()
    flow.heading("Föredragningslista", size=15)
    for number, item in enumerate(items, start=1):
        flow.paragraph(f"{number}. {item.title}", size=11, bold=True)
        if item.background:
            flow.paragraph(item.background, size=10.5, indent=16)
    flow.footers(f"Sundhamns kommun · {committee} · kallelse {date_text}")
    return doc.to_bytes()
