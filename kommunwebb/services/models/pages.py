from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kommunwebb.contacts.models import LinkedContactCards
from kommunwebb.core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from kommunwebb.core.visibility import visible
from kommunwebb.news.models import TopicNews

from .. import alphabet
from .eservices import EService


def in_order(pages, ids):
    """``pages`` (a queryset) in the order of ``ids``; ids of pages it does not hold are
    dropped, which is how a draft or restricted page stays out of a public list."""
    by_id = {page.pk: page for page in pages.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


class ServiceAreaPage(LinkedContactCards, TopicNews, Page):
    """A landing page for one area of the city's services, such as "Barn och utbildning":
    what the area covers, its most used services and e-services, news and who to ask."""

    intro = models.TextField(
        _("ingress"),
        max_length=400,
        help_text=_("Ett eller två meningar om vad området omfattar."),
    )
    topic = models.ForeignKey(
        "taxonomy.Topic",
        verbose_name=_("nyhetsämne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Nyheter med detta ämne visas på sidan."),
    )
    news_count = models.PositiveSmallIntegerField(_("antal nyheter"), default=3)
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("innehåll"),
        blank=True,
        help_text=_("Valfri text under tjänsterna, till exempel om hur området är organiserat."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "popular_links",
            heading=_("Mest använda tjänster"),
            label=_("Tjänst"),
            max_num=6,
            help_text=_(
                "Visas först på sidan. Alla tjänster under området listas ändå längre ner."
            ),
        ),
        InlinePanel("contact_links", heading=_("Kontakt"), label=_("Kontakt")),
        MultiFieldPanel(
            [FieldPanel("topic"), FieldPanel("news_count")], heading=_("Nyheter på sidan")
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    type_label = _("Område")
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "services.ServicePage",
        "topics.TopicPage",
        "core.StandardPage",
        "politics.CommitteePage",
    ]

    class Meta:
        verbose_name = _("verksamhetsområde")
        verbose_name_plural = _("verksamhetsområden")

    def popular_services(self):
        ids = [link.service_id for link in self.popular_links.all()]
        return in_order(visible(ServicePage.objects.all()), ids)

    def all_services(self):
        """Every live service below the area, A–Ö: the area's full list."""
        pages = visible(ServicePage.objects.descendant_of(self))
        return sorted(pages, key=lambda page: alphabet.sort_key(page.index_label))

    def other_pages(self):
        """The area's other live sub-pages (topics, information, political bodies)."""
        return list(
            visible(self.get_children()).not_type(ServicePage).specific(defer=True).order_by("path")
        )

    def eservices(self):
        """The e-services that the area's live services start, each once, A–Ö."""
        used = visible(ServicePage.objects.descendant_of(self)).values("eservice")
        return sorted(
            EService.objects.available().filter(pk__in=used).select_related("page", "support"),
            key=lambda eservice: alphabet.sort_key(eservice.name),
        )


class AreaPopularService(Orderable):
    page = ParentalKey(ServiceAreaPage, on_delete=models.CASCADE, related_name="popular_links")
    service = models.ForeignKey(
        "services.ServicePage",
        verbose_name=_("tjänst"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("service")]

    class Meta(Orderable.Meta):
        verbose_name = _("mest använd tjänst")


class AreaContact(Orderable):
    page = ParentalKey(ServiceAreaPage, on_delete=models.CASCADE, related_name="contact_links")
    card = models.ForeignKey(
        "contacts.ContactCard",
        verbose_name=_("kontakt"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("card")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontakt")


class ServicePage(LinkedContactCards, Page):
    """One thing a resident can get from the city, such as a place in preschool or a
    building permit: what it is, who may apply, how, what it costs, how long it takes, and
    the button that starts the e-service."""

    intro = models.TextField(
        _("ingress"),
        max_length=300,
        help_text=_("Vad tjänsten är, i en eller två meningar. Visas överst och i listor."),
    )
    index_name = models.CharField(
        _("namn i A–Ö"),
        max_length=80,
        blank=True,
        help_text=_(
            "Ordet invånare letar efter, till exempel ”Förskola” för sidan ”Ansök om plats i "
            "förskola”. Lämna tomt för att använda sidans rubrik."
        ),
    )
    eservice = models.ForeignKey(
        EService,
        verbose_name=_("e-tjänst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_pages",
        help_text=_("Visas som knappen ”Starta e-tjänsten” överst på sidan."),
    )
    who = RichTextField(
        _("vem kan ansöka"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Vem tjänsten är till för och vad som krävs."),
    )
    how = RichTextField(
        _("så ansöker du"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Steg för steg. En numrerad lista fungerar ofta bäst."),
    )
    cost = RichTextField(
        _("kostnad"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Vad det kostar, eller att det är gratis."),
    )
    processing_time = models.CharField(
        _("handläggningstid"),
        max_length=200,
        blank=True,
        help_text=_("Hur lång tid det tar att få ett beslut, till exempel ”Högst fyra månader”."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("mer information"),
        blank=True,
        help_text=_("Det som inte passar under rubrikerna ovan."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("eservice"),
        FieldPanel("who"),
        FieldPanel("how"),
        MultiFieldPanel(
            [FieldPanel("cost"), FieldPanel("processing_time")],
            heading=_("Kostnad och handläggningstid"),
        ),
        FieldPanel("body"),
        InlinePanel("contact_links", heading=_("Kontakt"), label=_("Kontakt")),
        InlinePanel("related_links", heading=_("Relaterat"), label=_("Relaterad sida")),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("index_name")]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("index_name", boost=2),
        index.SearchField("who"),
        index.SearchField("how"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("who"),
        APIField("how"),
        APIField("cost"),
        APIField("processing_time"),
        APIField("body"),
    ]

    type_label = _("Tjänst")
    parent_page_types = ["services.ServiceAreaPage", "services.ServicePage"]
    subpage_types = ["services.ServicePage"]

    class Meta:
        verbose_name = _("tjänstesida")
        verbose_name_plural = _("tjänstesidor")

    @property
    def index_label(self) -> str:
        return self.index_name or self.title

    def available_eservice(self):
        """The e-service, if a visitor may be sent to it (published, target reachable)."""
        if not self.eservice_id:
            return None
        return (
            EService.objects.available()
            .select_related("page", "support")
            .filter(pk=self.eservice_id)
            .first()
        )

    def related_pages(self):
        ids = [link.related_page_id for link in self.related_links.all()]
        return in_order(visible(Page.objects.all()).specific(defer=True), ids)


class ServiceContact(Orderable):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="contact_links")
    card = models.ForeignKey(
        "contacts.ContactCard",
        verbose_name=_("kontakt"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("card")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontakt")


class ServiceRelatedPage(Orderable):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sida"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("relaterad sida")


class ServiceIndexPage(Page):
    """The A–Ö index: every live service page, by the word residents look for."""

    intro = models.TextField(_("ingress"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    type_label = _("A–Ö")
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("A–Ö-sida")
        verbose_name_plural = _("A–Ö-sidor")

    def letters(self):
        site_root = self.get_parent()
        services = visible(ServicePage.objects.descendant_of(site_root))
        return alphabet.group(services, _label)

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), "letters": self.letters()}


def _label(page) -> str:
    return page.index_label


class EServiceIndexPage(Page):
    """The "E-tjänster" page: every published e-service, A–Ö, with what it needs."""

    intro = models.TextField(_("ingress"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    type_label = _("E-tjänster")
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "services/eservice_index_page.html"

    class Meta:
        verbose_name = _("sida med e-tjänster")
        verbose_name_plural = _("sidor med e-tjänster")

    def eservices(self):
        eservices = EService.objects.available().select_related("page", "support")
        return sorted(eservices, key=lambda eservice: alphabet.sort_key(eservice.name))
