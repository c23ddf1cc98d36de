from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from kommunwebb.core.blocks import ServiceLinksBlock
from kommunwebb.core.visibility import visible
from kommunwebb.languages.codes import main_language
from kommunwebb.languages.models import pages_in


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
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Ett brett foto från kommunen, minst 1920 × 1080 pixlar. Texten och sökrutan "
            "visas i en ruta ovanpå, så motivet bör ha sin viktigaste del till höger."
        ),
    )
    hero_image_alt = models.CharField(
        _("alternativtext för bilden"),
        max_length=250,
        blank=True,
        help_text=_(
            "Beskriv vad bilden visar. Krävs när en bild är vald, om den inte är dekorativ."
        ),
    )
    hero_image_decorative = models.BooleanField(
        _("bilden är dekorativ"),
        default=False,
        help_text=_(
            "Bara om bilden inte tillför något för den som inte ser den. Den får då ingen "
            "alternativtext."
        ),
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("länk i toppen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Valfritt: något aktuellt att lyfta fram under sökrutan."),
    )
    hero_link_text = models.CharField(
        _("länktext"),
        max_length=80,
        blank=True,
        help_text=_(
            "Till exempel ”Så plogar vi i vinter”. Sidans rubrik används om fältet är tomt."
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
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_image_decorative"),
                PageChooserPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Toppen av startsidan"),
        ),
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
        "languages.LanguagesPage",
        "languages.EasyReadIndexPage",
    ]
    # One home page per language: editors make the Swedish one, and the others are its
    # translations (wagtail-localize copies it into each locale's tree).
    max_count = 1

    class Meta:
        verbose_name = _("startsida")

    def clean(self):
        super().clean()
        if self.hero_image_decorative:
            self.hero_image_alt = ""  # a decorative image has none, whatever was typed
        elif self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError(
                {
                    "hero_image_alt": _(
                        "Skriv en alternativtext som beskriver bilden, eller markera bilden "
                        "som dekorativ."
                    )
                }
            )

    def is_main_language(self) -> bool:
        return self.locale.language_code == main_language()

    def get_template(self, request, *args, **kwargs):
        # In another language the home page is that language's hub: the few translated
        # pages, not the Swedish news and calendar.
        if not self.is_main_language():
            return "languages/language_home.html"
        return super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not self.is_main_language():
            context["language_pages"] = [
                page for page in pages_in(self.locale.language_code, request) if page.pk != self.pk
            ]
        return context

    def latest_news(self):
        from kommunwebb.news.models import NewsArticlePage

        return visible(NewsArticlePage.objects.all()).listing_order()[: self.news_count]

    def upcoming_events(self):
        """The next distinct events, each by its next occurrence: a week-long programme is
        one row ("flera tillfällen"), not seven that push every other event off the page."""
        from kommunwebb.events.models import EventOccurrence, EventPage

        now = timezone.now()
        return EventOccurrence.objects.next_per_event(
            now,
            visible(EventPage.objects.descendant_of(self), now),
            self.events_count,
        )
