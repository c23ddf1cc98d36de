"""The demo's form pages: a contact form, an e-service request and a feedback form.

Each has its privacy notice filled in (a form cannot be published without one); the fault
report keeps its answers longer than the default six months, to show a per-form period.
Called once from ``DemoLoader._load`` after the other pages are published.
"""

from dataclasses import dataclass

from kommunwebb.forms.models import FormField, FormPage
from kommunwebb.forms.privacy import LegalBasis

from . import content


@dataclass(frozen=True)
class Field:
    label: str
    field_type: str
    required: bool = True
    choices: str = ""
    help_text: str = ""


@dataclass(frozen=True)
class DemoForm:
    key: str
    title: str
    slug: str
    intro: str
    fields: list[Field]
    purpose: str
    legal_basis: str
    recipients: str
    to_address: str
    subject: str
    thank_you: str
    retention_months: int = 6


FORMS = [
    DemoForm(
        key="form:contact",
        title="Kontakta kommunen",
        slug="kontakt",
        intro=(
            "Skriv till Kontaktcenter om du har en fråga till kommunen. Vi svarar inom två "
            "arbetsdagar. Brådskande ärenden: ring oss."
        ),
        fields=[
            Field("Ditt namn", "singleline"),
            Field("E-postadress", "email", help_text="Vi skickar svaret hit."),
            Field(
                "Telefonnummer",
                "phone",
                required=False,
                help_text="Om du hellre vill att vi ringer upp.",
            ),
            Field(
                "Vad gäller frågan?",
                "dropdown",
                choices=(
                    "Bygga och bo\nFörskola och skola\nOmsorg och stöd\nTrafik och gator\n"
                    "Kultur och fritid\nAnnat"
                ),
            ),
            Field(
                "Din fråga",
                "multiline",
                help_text="Skriv inte personnummer eller uppgifter om hälsa här.",
            ),
        ],
        purpose=(
            "För att kunna besvara din fråga och vid behov lämna den vidare till den "
            "förvaltning som ansvarar för ämnet."
        ),
        legal_basis=LegalBasis.PUBLIC_TASK,
        recipients=(
            "Kontaktcenter i Sundhamns kommun. Gäller frågan en annan förvaltning får den "
            "förvaltningen ta del av den."
        ),
        to_address=content.EMAIL,
        subject="Fråga via webbplatsen",
        thank_you=(
            "<p>Kontaktcenter svarar inom två arbetsdagar, oftast samma dag. Hör du inte av "
            "oss, ring växeln och uppge referensnumret.</p>"
        ),
    ),
    DemoForm(
        key="form:fault-report",
        title="Felanmälan: gator, belysning och parker",
        slug="felanmalan",
        intro=(
            "Anmäl trasig gatubelysning, hål i vägen, klotter eller skadade lekplatser. "
            "Anmälan går direkt till gatu- och parkenheten."
        ),
        fields=[
            Field(
                "Vad vill du anmäla?",
                "radio",
                choices=(
                    "Trasig gatubelysning\nHål eller skada i gata eller cykelväg\n"
                    "Nedskräpning eller klotter\nSkadad lekplats eller parkbänk\nAnnat"
                ),
            ),
            Field(
                "Var finns felet?",
                "singleline",
                help_text="Gatuadress, korsning eller en plats i närheten.",
            ),
            Field("Beskriv felet", "multiline"),
            Field(
                "E-postadress",
                "email",
                required=False,
                help_text="Fyll i om du vill få besked när felet är åtgärdat.",
            ),
            Field("Telefonnummer", "phone", required=False),
        ],
        purpose=(
            "För att kunna åtgärda felet, ställa frågor om var det finns och, om du vill, "
            "ge dig besked när det är klart. Anmälningar sparas ett år för att vi ska se "
            "fel som kommer tillbaka."
        ),
        legal_basis=LegalBasis.PUBLIC_TASK,
        recipients="Gatu- och parkenheten på samhällsbyggnadsförvaltningen.",
        to_address="gatuochpark@sundhamn.example",
        subject="Felanmälan",
        thank_you=(
            "<p>Akuta fel, som en nedfallen ledning eller ett farligt hål, ska du också "
            "ringa in till växeln dygnet runt.</p>"
        ),
        retention_months=12,
    ),
    DemoForm(
        key="form:feedback",
        title="Lämna synpunkter på webbplatsen",
        slug="synpunkter",
        intro=(
            "Hittade du inte det du sökte, eller var något svårt att läsa eller använda? "
            "Berätta för oss, så blir webbplatsen bättre."
        ),
        fields=[
            Field(
                "Vilken sida gäller det?",
                "singleline",
                required=False,
                help_text="Sidans rubrik eller adress.",
            ),
            Field("Din synpunkt", "multiline"),
            Field(
                "Synpunkten gäller tillgängligheten",
                "checkbox",
                required=False,
                help_text="Till exempel något du inte kan läsa, höra eller använda.",
            ),
            Field(
                "E-postadress",
                "email",
                required=False,
                help_text="Fyll i om du vill ha svar.",
            ),
        ],
        purpose="För att förbättra webbplatsen och, om du vill, svara dig.",
        legal_basis=LegalBasis.CONSENT,
        recipients="Webbredaktionen på kommunikationsavdelningen.",
        to_address=content.WEB_EMAIL,
        subject="Synpunkt på webbplatsen",
        thank_you="<p>Tack för att du hjälper oss att göra webbplatsen bättre.</p>",
    ),
]


def add_form_pages(loader) -> None:
    """Add and publish the demo's form pages under the home page."""
    for data in FORMS:
        page = FormPage(
            title=data.title,
            slug=data.slug,
            intro=data.intro,
            thank_you_text=data.thank_you,
            privacy_purpose=data.purpose,
            privacy_legal_basis=data.legal_basis,
            privacy_recipients=data.recipients,
            retention_months=data.retention_months,
            to_address=data.to_address,
            from_address=content.EMAIL,
            subject=data.subject,
        )
        page.form_fields = [
            FormField(
                sort_order=index,
                label=spec.label,
                field_type=spec.field_type,
                required=spec.required,
                choices=spec.choices,
                help_text=spec.help_text,
            )
            for index, spec in enumerate(data.fields)
        ]
        loader._add(data.key, "home", page)
        loader._publish(page, days_ago=45)
