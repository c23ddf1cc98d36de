from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework.relations import SlugRelatedField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kommunwebb.core import dates
from kommunwebb.core.blocks import BaseStreamBlock
from kommunwebb.core.visibility import visible
from kommunwebb.pagecache.invalidation import next_moment

from .filters import CalendarFilter
from .schedule import Schedule, place_text
from .vocabulary import ACCESSIBILITY, AUDIENCES


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
        calendar_filter = CalendarFilter(
            request.GET, today=timezone.localdate(), categories=EventCategory.objects.all()
        )
        context["filter"] = calendar_filter
        if not calendar_filter.is_valid():
            context.update(page_obj=None, occurrences=[])
            return context
        events = calendar_filter.filter_events(visible(EventPage.objects.descendant_of(self), now))
        occurrences = calendar_filter.filter_occurrences(
            EventOccurrence.objects.upcoming(now).filter(event__in=events)
        ).prefetch_related("event__categories")
        paginator = Paginator(occurrences, self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("sida", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        context.update(page_obj=page_obj, occurrences=page_obj.object_list)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not response.context_data["filter"].is_valid():
            # The page explains what was wrong with the filter; the status tells machines.
            response.status_code = 400
        return response


class EventCategory(models.Model):
    """What kind of event it is ("Musik", "Föreläsning"): a word residents filter the
    calendar by. Editors keep the list short; the slug is what shared links carry."""

    name = models.CharField(_("namn"), max_length=60, unique=True)
    slug = models.SlugField(
        _("kortnamn i adressen"),
        max_length=60,
        unique=True,
        allow_unicode=False,
        help_text=_("Små bokstäver utan å, ä och ö, till exempel ”musik”."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("evenemangskategori")
        verbose_name_plural = _("evenemangskategorier")

    def __str__(self):
        return self.name


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
    categories = ParentalManyToManyField(
        EventCategory, verbose_name=_("kategorier"), blank=True, related_name="events"
    )
    for_children = models.BooleanField(_("barn"), default=False)
    for_young = models.BooleanField(_("unga"), default=False)
    for_adults = models.BooleanField(_("vuxna"), default=False)
    for_seniors = models.BooleanField(_("seniorer"), default=False)
    wheelchair_accessible = models.BooleanField(
        _("tillgängligt med rullstol"),
        default=False,
        help_text=_("Entré, lokal och toalett går att använda med rullstol."),
    )
    hearing_loop = models.BooleanField(_("hörslinga"), default=False)
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
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("for_children"),
                FieldPanel("for_young"),
                FieldPanel("for_adults"),
                FieldPanel("for_seniors"),
                FieldPanel("wheelchair_accessible"),
                FieldPanel("hearing_loop"),
            ],
            heading=_("Kategori, målgrupp och tillgänglighet"),
            help_text=_("Det som besökarna kan filtrera kalendern efter."),
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
        # By name, as residents read them ("Musik"), not by row id.
        APIField(
            "categories",
            serializer=SlugRelatedField(slug_field="name", many=True, read_only=True),
        ),
        APIField("audiences"),
        APIField("wheelchair_accessible"),
        APIField("hearing_loop"),
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

    @property
    def audiences(self) -> list[str]:
        """ "Barn", "Unga", … in the order of the calendar's filter."""
        return [str(label) for field, label in AUDIENCES.values() if getattr(self, field)]

    @property
    def accessibility(self) -> list[str]:
        return [str(label) for field, label in ACCESSIBILITY.values() if getattr(self, field)]

    @property
    def place(self) -> str:
        """The address as the second line under the venue, without saying the venue twice:
        "Rådhustorget" and "Rådhustorget, Sundhamn" make "Rådhustorget, Sundhamn"."""
        return place_text(self.venue, self.address)

    def upcoming_occurrences(self):
        return self.occurrences.upcoming(timezone.now())

    def all_occurrences(self):
        return self.occurrences.order_by("start")

    def schedule(self) -> Schedule:
        """When it happens, as the event page tells it: one time, a run of days with their
        opening times, or a series of dates (schedule.py)."""
        return Schedule(list(self.all_occurrences()), timezone.now())


class EventOccurrenceQuerySet(models.QuerySet):
    def upcoming(self, now: datetime):
        """Occurrences that have not ended, earliest first: past ones drop out of listings."""
        return self.filter(end__gt=now).select_related("event").order_by("start", "pk")

    def next_per_event(self, now: datetime, events, count: int) -> list:
        """The next occurrence of each of the first ``count`` events to come, earliest first,
        with ``more`` set to how many later occurrences the event has. Two queries."""
        upcoming = self.filter(end__gt=now, event__in=events)
        firsts = list(
            upcoming.values("event")
            .annotate(first=models.Min("start"), total=models.Count("pk"))
            .order_by("first", "event")[:count]
        )
        if not firsts:
            return []
        by_event = {row["event"]: row for row in firsts}
        chosen = {}
        for occurrence in (
            upcoming.filter(event__in=list(by_event))
            .select_related("event")
            .prefetch_related("event__categories")
            .order_by("start", "pk")
        ):
            if occurrence.event_id not in chosen:
                occurrence.more = by_event[occurrence.event_id]["total"] - 1
                chosen[occurrence.event_id] = occurrence
        return sorted(chosen.values(), key=lambda o: (o.start, o.event_id))

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
    def first_day(self):
        return timezone.localtime(self.start).date()

    @property
    def last_day(self):
        """The local day it ends on; an occurrence ending at midnight ends the day before."""
        end = timezone.localtime(self.end)
        if end.time() == time.min and end > self.start:
            return (end - timedelta(microseconds=1)).date()
        return end.date()

    @property
    def is_multi_day(self):
        return self.first_day != self.last_day

    @property
    def when(self) -> str:
        """In full: "18 december 2026 kl. 10.00–12.00", "18–20 december 2026",
        "18 december 2026, heldag"."""
        if self.all_day:
            if self.is_multi_day:
                return dates.date_range(self.first_day, self.last_day)
            return _("%(day)s, heldag") % {"day": dates.long_date(self.first_day)}
        return dates.datetime_range(self.start, self.end)

    @property
    def time_of_day(self) -> str:
        """Under a day heading: "10.00–12.00", "Heldag", "Heldag, till och med 20 december"
        or across midnight "22.00 – 13 november 02.00"."""
        if self.all_day:
            if self.is_multi_day:
                return _("Heldag, till och med %(day)s") % {
                    "day": dates.long_date(self.last_day, year=False)
                }
            return str(_("Heldag"))
        if self.is_multi_day:
            end = f"{dates.long_date(self.end, year=False)} {dates.clock(self.end, fixed=True)}"
            return f"{dates.clock(self.start, fixed=True)} {dates.EN_DASH} {end}"
        return dates.time_range(self.start, self.end, fixed=True)
