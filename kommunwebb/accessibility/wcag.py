"""The success criteria of WCAG 2.1 at levels A and AA: the requirements the law refers to
(through EN 301 549), by number, with their names. No database here."""

from django.utils.translation import gettext_lazy as _

CRITERIA = [
    ("1.1.1", _("Icke-textinnehåll")),
    ("1.2.1", _("Enbart ljud och enbart video (förinspelat)")),
    ("1.2.2", _("Undertexter (förinspelat)")),
    ("1.2.3", _("Syntolkning eller mediealternativ (förinspelat)")),
    ("1.2.4", _("Undertexter (direktsänt)")),
    ("1.2.5", _("Syntolkning (förinspelat)")),
    ("1.3.1", _("Information och relationer")),
    ("1.3.2", _("Meningsfull ordningsföljd")),
    ("1.3.3", _("Sensoriska kännetecken")),
    ("1.3.4", _("Visningsriktning")),
    ("1.3.5", _("Identifiera syftet med inmatning")),
    ("1.4.1", _("Användning av färg")),
    ("1.4.2", _("Ljudkontroll")),
    ("1.4.3", _("Kontrast (minimum)")),
    ("1.4.4", _("Ändra textstorlek")),
    ("1.4.5", _("Bilder av text")),
    ("1.4.10", _("Anpassning till skärmstorlek")),
    ("1.4.11", _("Kontrast för icke-textinnehåll")),
    ("1.4.12", _("Textavstånd")),
    ("1.4.13", _("Innehåll vid hovring eller fokus")),
    ("2.1.1", _("Tangentbord")),
    ("2.1.2", _("Ingen tangentbordsfälla")),
    ("2.1.4", _("Kortkommandon med tecken")),
    ("2.2.1", _("Justerbar tidsbegränsning")),
    ("2.2.2", _("Pausa, stoppa, dölja")),
    ("2.3.1", _("Tre blinkningar eller under tröskelvärdet")),
    ("2.4.1", _("Möjlighet att hoppa över block")),
    ("2.4.2", _("Sidtitel")),
    ("2.4.3", _("Fokusordning")),
    ("2.4.4", _("Syftet med länkar (i sitt sammanhang)")),
    ("2.4.5", _("Flera sätt")),
    ("2.4.6", _("Rubriker och etiketter")),
    ("2.4.7", _("Synligt fokus")),
    ("2.5.1", _("Pekargester")),
    ("2.5.2", _("Avbryta pekarinteraktion")),
    ("2.5.3", _("Etikett i namn")),
    ("2.5.4", _("Rörelseaktivering")),
    ("3.1.1", _("Sidans språk")),
    ("3.1.2", _("Språk för delar")),
    ("3.2.1", _("Vid fokus")),
    ("3.2.2", _("Vid inmatning")),
    ("3.2.3", _("Konsekvent navigering")),
    ("3.2.4", _("Konsekvent identifiering")),
    ("3.3.1", _("Identifiering av fel")),
    ("3.3.2", _("Etiketter eller instruktioner")),
    ("3.3.3", _("Förslag vid fel")),
    ("3.3.4", _("Förhindra fel (juridiska, ekonomiska, data)")),
    ("4.1.1", _("Parsning")),
    ("4.1.2", _("Namn, roll, värde")),
    ("4.1.3", _("Statusmeddelanden")),
]
OTHER = "annat"


def choices():
    return [
        *[(number, f"{number} {name}") for number, name in CRITERIA],
        (OTHER, _("Annat krav i EN 301 549 (beskriv i texten)")),
    ]


def label(number: str) -> str:
    return dict(choices()).get(number, number)
