from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from kommunwebb.core.blocks import ServiceLinksBlock
from kommunwebb.core.visibility import visible


class HomePage(Page):
    """The city's front page: what is new, what is on, and the services people look for."""

    intro = models.CharField(
        _("välkomsttext"),
        max_length=200,
        blank=True,
        help_text=_(
            "En mening under sidans rubrik, till exempel vad webbplatsen hjälper till med."
        ),
    )
    services = StreamField(
        ServiceLinksBlock(),
        verbose_name=_("genvägar till tjänster"),
        blank=True,
        help_text=_("De tjänster invånarna letar efter oftast. Sex till åtta fungerar bäst."),
    )
    news_count = models.PositiveSmallIntegerField(
        _("antal nyheter"), default=4, help_text=_("Hur många av de senaste nyheterna som visas.")
    )
    events_count = models.PositiveSmallIntegerField(
        _("antal evenemang"),
        default=4,
        help_text=_("Hur många kommande evenemang som visas."),
    )

    # ``services`` is no longer edited here: "Hitta snabbt" is a site setting now (Inställningar
    # → Genvägar och populära tjänster), shown on the home page and kept by a data migration
    # of the services app. The column stays until a migration of this app removes it.
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("news_count"),
        FieldPanel("events_count"),
    ]
    # What the open data API (/api/v2/) publishes beyond id, title and meta: what the page shows.
    api_fields = [APIField("intro")]

    # What a resident calls this kind of page, in search results.
    type_label = _("Startsida")
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "events.EventIndexPage",
        "services.ServiceAreaPage",
        "services.ServiceIndexPage",
        "services.EServiceIndexPage",
        "topics.TopicPage",
        "core.StandardPage",
        "cityforms.FormPage",
        "accessibility.AccessibilityStatementPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("startsida")

    def latest_news(self):
        from kommunwebb.news.models import NewsArticlePage

        return visible(NewsArticlePage.objects.all()).listing_order()[: self.news_count]

    def upcoming_occurrences(self):
        from kommunwebb.events.models import EventOccurrence, EventPage

        now = timezone.now()
        events = visible(EventPage.objects.all(), now)
        return EventOccurrence.objects.upcoming(now).filter(event__in=events)[: self.events_count]
