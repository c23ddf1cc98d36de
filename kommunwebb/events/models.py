from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kommunwebb.core.blocks import BaseStreamBlock
from kommunwebb.core.visibility import visible
from kommunwebb.pagecache.invalidation import next_moment


class EventIndexPage(Page):
    """The calendar: upcoming occurrences, earliest first. Past ones leave by themselves."""

    intro = models.TextField(_("ingress"), blank=True, max_length=300)
    per_page = models.PositiveSmallIntegerField(_("tillfällen per sida"), default=20)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    # What a resident calls this kind of page, in search results.
    type_label = _("Kalender")
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("evenemangskalender")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        occurrences = EventOccurrence.objects.upcoming(now).filter(
            event__in=visible(EventPage.objects.descendant_of(self), now)
        )
        paginator = Paginator(occurrences, self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("sida", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        context.update(page_obj=page_obj, occurrences=page_obj.object_list)
        return context


class EventPage(Page):
    lead = models.TextField(
        _("ingress"),
        max_length=300,
        help_text=_("Ett stycke som berättar vad evenemanget är och för vem."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternativtext för bilden"),
        max_length=250,
        blank=True,
        help_text=_(
            "Beskriv vad bilden visar. Krävs när en bild är vald, om den inte är dekorativ."
        ),
    )
    image_decorative = models.BooleanField(
        _("bilden är dekorativ"),
        default=False,
        help_text=_(
            "Bara om bilden inte tillför något för den som inte ser den. Den får då ingen "
            "alternativtext."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("beskrivning"), blank=True)
    venue = models.CharField(
        _("plats"), max_length=200, help_text=_("Till exempel ”Stadsbiblioteket, Slottshallen”.")
    )
    address = models.CharField(_("adress"), max_length=200, blank=True)
    price = models.DecimalField(
        _("pris i kronor"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Lämna tomt eller skriv 0 om evenemanget är gratis."),
    )
    price_note = models.CharField(
        _("om priset"),
        max_length=120,
        blank=True,
        help_text=_("Till exempel ”Barn under 12 år gratis”."),
    )
    audience = models.CharField(
        _("målgrupp"),
        max_length=120,
        blank=True,
        help_text=_("Till exempel ”Alla åldrar” eller ”Familjer med barn 6–12 år”."),
    )
    organiser = models.CharField(_("arrangör"), max_length=200)
    registration_url = models.URLField(
        _("länk till anmälan"),
        blank=True,
        help_text=_("Lämna tomt om ingen anmälan behövs."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_decorative")],
            heading=_("Bild"),
        ),
        InlinePanel(
            "occurrences",
            label=_("Tillfällen"),
            min_num=1,
            help_text=_("Lägg till ett tillfälle per dag eller per programpunkt."),
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("address")], heading=_("Plats")),
        MultiFieldPanel(
            [
                FieldPanel("price"),
                FieldPanel("price_note"),
                FieldPanel("audience"),
                FieldPanel("organiser"),
                FieldPanel("registration_url"),
            ],
            heading=_("Praktisk information"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("organiser"),
    ]
    # What the open data API (/api/v2/) publishes beyond id, title and meta: what the page shows.
    api_fields = [
        APIField("lead"),
        APIField("body"),
        APIField("occurrences"),
        APIField("venue"),
        APIField("address"),
        APIField("price"),
        APIField("price_note"),
        APIField("audience"),
        APIField("organiser"),
        APIField("registration_url"),
        APIField("image"),
        APIField("image_alt"),
    ]

    # What a resident calls this kind of page, in search results.
    type_label = _("Evenemang")
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("evenemang")
        verbose_name_plural = _("evenemang")

    def clean(self):
        super().clean()
        if self.image_decorative:
            self.image_alt = ""  # a decorative image has none, whatever was typed
        elif self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {
                    "image_alt": _(
                        "Skriv en alternativtext som beskriver bilden, eller markera bilden "
                        "som dekorativ."
                    )
                }
            )

    @property
    def is_free(self):
        return not self.price

    def upcoming_occurrences(self):
        return self.occurrences.upcoming(timezone.now())

    def all_occurrences(self):
        return self.occurrences.order_by("start")


class EventOccurrenceQuerySet(models.QuerySet):
    def upcoming(self, now: datetime):
        """Occurrences that have not ended, earliest first: past ones drop out of listings."""
        return self.filter(end__gt=now).select_related("event").order_by("start", "pk")

    def next_change(self, now: datetime):
        """The next start or end of any occurrence: "pågår nu" shows, listings drop it."""
        return next_moment(self, ("start", "end"), now)


class EventOccurrence(Orderable):
    """One time the event happens. All-day occurrences span whole days in Stockholm time."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    title = models.CharField(
        _("programpunkt"),
        max_length=200,
        blank=True,
        help_text=_("Valfritt: vad som händer just detta tillfälle, till exempel en workshop."),
    )
    all_day = models.BooleanField(_("heldag"), default=False)
    start = models.DateTimeField(_("börjar"))
    end = models.DateTimeField(
        _("slutar"),
        help_text=_("För heldagar räcker datum; evenemanget pågår till dagens slut."),
    )

    objects = EventOccurrenceQuerySet.as_manager()

    panels = [FieldPanel("title"), FieldPanel("all_day"), FieldPanel("start"), FieldPanel("end")]
    # Published with the event in the open data API.
    api_fields = [APIField("title"), APIField("all_day"), APIField("start"), APIField("end")]

    class Meta(Orderable.Meta):
        verbose_name = _("tillfälle")
        verbose_name_plural = _("tillfällen")
        indexes = [models.Index(fields=["end", "start"])]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Sluttiden kan inte vara före starttiden.")})

    def save(self, *args, **kwargs):
        if self.all_day and self.start and self.end:
            # Whole local days: from midnight on the first day to the last instant of the
            # last day, so "upcoming" keeps the event listed until its last day is over and
            # saving again changes nothing.
            tz = timezone.get_current_timezone()
            first = timezone.localtime(self.start, tz).date()
            last = max(first, timezone.localtime(self.end, tz).date())
            self.start = datetime.combine(first, time.min, tzinfo=tz)
            self.end = datetime.combine(last, time.max, tzinfo=tz)
        super().save(*args, **kwargs)

    @property
    def last_day(self):
        return timezone.localtime(self.end).date()

    @property
    def is_multi_day(self):
        return timezone.localtime(self.start).date() != self.last_day
