"""The body blocks every content page shares. Each block has a template, an icon,
a description and a preview value so editors see what they pick."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .phone import is_phone_number

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


def require_page_or_url(value):
    """A link points either inside the site or outside it, never both or neither."""
    if bool(value.get("page")) == bool(value.get("url")):
        raise StructBlockValidationError(
            block_errors={
                "page": ErrorList(
                    [ValidationError(_("Välj antingen en sida eller en extern adress."))]
                )
            }
        )


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        template = "blocks/paragraph.html"
        icon = "pilcrow"
        label = _("Stycke")
        description = _("Löptext med fetstil, kursiv, listor och länkar.")
        preview_value = "<p>Stadsbiblioteket har öppet alla dagar i december.</p>"


class SubheadingBlock(blocks.CharBlock):
    class Meta:
        template = "blocks/subheading.html"
        icon = "title"
        label = _("Mellanrubrik")
        description = _("En rubrik som delar upp texten. Håll den kort.")
        preview_value = "Så söker du plats"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citat"))
    attribution = blocks.CharBlock(
        label=_("Vem säger det"),
        help_text=_("Namn och roll, till exempel ”Anna Berg, miljöchef”."),
    )

    class Meta:
        template = "blocks/quote.html"
        icon = "openquote"
        label = _("Citat")
        description = _("Ett citat med uppgift om vem som sa det.")
        preview_value = {
            "text": "Luften i innerstaden har aldrig varit renare sedan mätningarna började.",
            "attribution": "Enhetschef, miljöförvaltningen",
        }


class FactBoxBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Rubrik"), default="Fakta")
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        template = "blocks/fact_box.html"
        icon = "info-circle"
        label = _("Faktaruta")
        description = _("En inramad ruta med fakta som kompletterar texten.")
        preview_value = {
            "heading": "Fakta",
            "body": "<p>Kommunen var först i Sverige att gå med i programmet.</p>",
        }


class AltTextImageBlock(ImageBlock):
    """Wagtail's ImageBlock (an image, its alternative text, and a "decorative" flag that
    renders ``alt=""``), with its validation message in Swedish: Wagtail has none."""

    def clean(self, value):
        if (
            not self.is_deferred_validation
            and value
            and not value.contextual_alt_text
            and not value.decorative
        ):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "Skriv en alternativtext som beskriver bilden, eller markera "
                            "bilden som dekorativ."
                        )
                    )
                }
            )
        return super().clean(value)


class FigureBlock(blocks.StructBlock):
    image = AltTextImageBlock(
        label=_("Bild"),
        help_text=_(
            "Beskriv vad bilden visar för den som inte ser den. Markera bilden som dekorativ "
            "bara om den inte tillför något till texten; den får då ingen alternativtext."
        ),
    )
    caption = blocks.CharBlock(label=_("Bildtext"), required=False)
    credit = blocks.CharBlock(label=_("Fotograf"), required=False)

    class Meta:
        template = "blocks/image.html"
        icon = "image"
        label = _("Bild")
        description = _("En bild med alternativtext och valfri bildtext.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Länktext"),
        required=False,
        help_text=_("Lämna tomt för att använda dokumentets titel."),
    )

    class Meta:
        template = "blocks/document.html"
        icon = "doc-full"
        label = _("Dokument")
        description = _(
            "En länk till ett dokument med format och storlek, till exempel (pdf, 2,6 MB)."
        )


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Länktext"), required=False)
    page = blocks.PageChooserBlock(label=_("Sida på webbplatsen"), required=False)
    url = blocks.URLBlock(label=_("Extern adress"), required=False)

    def clean(self, value):
        value = super().clean(value)
        require_page_or_url(value)
        if value.get("url") and not value.get("text"):
            raise StructBlockValidationError(
                block_errors={
                    "text": ErrorList([ValidationError(_("En extern länk behöver en länktext."))])
                }
            )
        return value

    class Meta:
        icon = "link"
        label = _("Länk")
        value_class = blocks.StructValue


class ReadMoreBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Rubrik"), default="Läs mer")
    links = blocks.ListBlock(LinkBlock(), label=_("Länkar"), min_num=1)

    class Meta:
        template = "blocks/read_more.html"
        icon = "list-ul"
        label = _("Läs mer-lista")
        description = _("En lista med länkar till mer information.")
        preview_value = {
            "heading": "Läs mer",
            "links": [{"text": "Miljöförvaltningens mätningar", "url": "https://example.org/"}],
        }


# The days an opening-hours row covers: the values of the contact cards' rows
# (contacts.models.Days, which a test in contacts holds equal), so one rule reads both.
HOURS_DAYS = [
    ("mon-fri", _("Måndag–fredag")),
    ("sat-sun", _("Lördag–söndag")),
    ("all", _("Alla dagar")),
    ("mon", _("Måndag")),
    ("tue", _("Tisdag")),
    ("wed", _("Onsdag")),
    ("thu", _("Torsdag")),
    ("fri", _("Fredag")),
    ("sat", _("Lördag")),
    ("sun", _("Söndag")),
    ("holidays", _("Helgdagar")),
]


def validate_phone(value):
    if value and not is_phone_number(value):
        raise ValidationError(
            _("Skriv ett telefonnummer, till exempel 040-34 92 92, 070-123 45 67 eller 112.")
        )


class HoursRowBlock(blocks.StructBlock):
    days = blocks.ChoiceBlock(choices=HOURS_DAYS, default="mon-fri", label=_("Dagar"))
    opens = blocks.TimeBlock(label=_("Öppnar"), required=False)
    closes = blocks.TimeBlock(
        label=_("Stänger"),
        required=False,
        help_text=_("Lämna båda tiderna tomma för stängt. 16:00–03:00 stänger natten efter."),
    )

    def clean(self, value):
        value = super().clean(value)
        if (value.get("opens") is None) != (value.get("closes") is None):
            raise StructBlockValidationError(
                block_errors={
                    "closes": ErrorList(
                        [ValidationError(_("Ange både när det öppnar och stänger, eller ingen."))]
                    )
                }
            )
        return value

    class Meta:
        icon = "time"
        label = _("Öppettid")


class ContactCardBlock(blocks.StructBlock):
    """Who to call, inside the text: a published contact card (its numbers and hours stay
    those of the card), or a name, a number and hours written here. Either way the number is
    a tap-to-call link and the hours give "Öppet nu" or "Stängt – öppnar …" at the moment
    the page is read (contacts' opening-hours rules; templates/blocks/contact_card.html).

    The card is named by its label, as a foreign key would: its model and the rules that
    read its hours belong to the contacts app, above this layer (docs/architecture.md)."""

    card = SnippetChooserBlock(
        "contacts.ContactCard",
        label=_("Kontaktkort"),
        required=False,
        help_text=_("Välj ett kontaktkort, eller lämna tomt och skriv namn och telefon nedan."),
    )
    name = blocks.CharBlock(label=_("Namn"), required=False, max_length=120)
    description = blocks.CharBlock(label=_("Beskrivning"), required=False, max_length=255)
    phone = blocks.CharBlock(
        label=_("Telefonnummer"), required=False, max_length=30, validators=[validate_phone]
    )
    hours = blocks.ListBlock(HoursRowBlock(), label=_("Öppettider"), required=False, default=[])

    def clean(self, value):
        value = super().clean(value)
        entered = value.get("name") or value.get("phone") or value.get("hours")
        if value.get("card") and entered:
            raise StructBlockValidationError(
                block_errors={
                    "card": ErrorList(
                        [
                            ValidationError(
                                _("Välj ett kontaktkort eller skriv namn och telefon, inte båda.")
                            )
                        ]
                    )
                }
            )
        if not value.get("card"):
            errors = {}
            if not value.get("name"):
                errors["name"] = ErrorList(
                    [ValidationError(_("Välj ett kontaktkort eller skriv ett namn."))]
                )
            if not value.get("phone"):
                errors["phone"] = ErrorList([ValidationError(_("Skriv ett telefonnummer."))])
            if errors:
                raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        template = "blocks/contact_card.html"
        icon = "user"
        label = _("Kontaktkort")
        description = _(
            "Vem man ringer, med ett nummer som går att ringa direkt och ”Öppet nu” från "
            "öppettiderna."
        )
        preview_value = {
            "name": "Social jour",
            "description": "Akut hjälp från socialtjänsten när kontoren har stängt.",
            "phone": "040-628 04 20",
            "hours": [{"days": "all", "opens": "16:00", "closes": "03:00"}],
        }


class BaseStreamBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES)
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    image = FigureBlock()
    document = DocumentBlock()
    read_more = ReadMoreBlock()
    contact_card = ContactCardBlock()


class ServiceLinkBlock(blocks.StructBlock):
    """A shortcut to a service: a heading, one line on what it is for, and where it goes."""

    title = blocks.CharBlock(label=_("Rubrik"))
    description = blocks.CharBlock(label=_("Kort beskrivning"), required=False, max_length=120)
    page = blocks.PageChooserBlock(label=_("Sida på webbplatsen"), required=False)
    url = blocks.URLBlock(label=_("Extern adress"), required=False)

    def clean(self, value):
        value = super().clean(value)
        require_page_or_url(value)
        return value

    class Meta:
        template = "blocks/service_link.html"
        icon = "link"
        label = _("Genväg")
        description = _("En genväg till en tjänst, med en kort beskrivning.")
        preview_value = {
            "title": "Krisstöd",
            "description": "Stöd dygnet runt när något allvarligt har hänt.",
            "url": "https://example.org/",
        }


class ServiceLinksBlock(blocks.StreamBlock):
    service = ServiceLinkBlock()
