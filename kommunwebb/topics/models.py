from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kommunwebb.contacts.models import LinkedContactCards
from kommunwebb.core.blocks import BaseStreamBlock, ServiceLinksBlock
from kommunwebb.news.models import TopicNews


class TopicPage(LinkedContactCards, TopicNews, Page):
    """A subject residents look for, such as "Trygghet": what the city does, where to get
    help, who to call, and the latest news on the subject."""

    intro = models.TextField(
        _("ingress"),
        max_length=400,
        help_text=_("Ett eller två meningar om vad ämnet handlar om."),
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
    services = StreamField(ServiceLinksBlock(), verbose_name=_("tjänster och genvägar"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("services"),
        InlinePanel("contact_links", label=_("Kontakter")),
        FieldPanel("topic"),
        FieldPanel("news_count"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]
    # What the open data API (/api/v2/) publishes beyond id, title and meta: what the page shows.
    api_fields = [APIField("intro"), APIField("services"), APIField("body")]

    # What a resident calls this kind of page, in search results.
    type_label = _("Ämne")
    parent_page_types = ["home.HomePage", "topics.TopicPage", "services.ServiceAreaPage"]
    subpage_types = ["topics.TopicPage", "core.StandardPage", "cityforms.FormPage"]

    class Meta:
        verbose_name = _("ämnessida")
        verbose_name_plural = _("ämnessidor")


class TopicContact(Orderable):
    page = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="contact_links")
    card = models.ForeignKey(
        "contacts.ContactCard",
        verbose_name=_("kontakt"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("card")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontakt")
