from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from kommunwebb.core.blocks import ServiceLinksBlock


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

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("services"),
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
        "topics.TopicPage",
        "core.StandardPage",
        "cityforms.FormPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("startsida")

    def latest_news(self):
        from kommunwebb.news.models import NewsArticlePage

        return NewsArticlePage.objects.live().public().listing_order()[: self.news_count]

    def upcoming_events(self):
        """The next distinct events, each by its next occurrence: a week-long programme is
        one row ("flera tillfällen"), not seven that push every other event off the page."""
        from kommunwebb.events.models import EventOccurrence, EventPage

        return EventOccurrence.objects.next_per_event(
            timezone.now(),
            EventPage.objects.live().public().descendant_of(self),
            self.events_count,
        )
