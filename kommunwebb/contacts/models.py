from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from kommunwebb.core import dates
from kommunwebb.core.phone import is_phone_number, tel_href
from kommunwebb.core.visibility import is_visible, visible
from kommunwebb.pagecache.invalidation import next_moment

from .hours import Interval, OpeningStatus, Schedule, SpecialDay

CLOSED_MESSAGE = _("En stängd dag kan inte ha tider. Ta bort tiderna eller kryssa ur ”Stängt”.")
CONFLICT_MESSAGE = _("Samma dagar kan inte både vara stängda och ha öppettider på en annan rad.")


class Days(models.TextChoices):
    MONDAY = "mon", _("Måndag")
    TUESDAY = "tue", _("Tisdag")
    WEDNESDAY = "wed", _("Onsdag")
    THURSDAY = "thu", _("Torsdag")
    FRIDAY = "fri", _("Fredag")
    SATURDAY = "sat", _("Lördag")
    SUNDAY = "sun", _("Söndag")
    WEEKDAYS = "mon-fri", _("Måndag–fredag")
    WEEKEND = "sat-sun", _("Lördag–söndag")
    EVERY_DAY = "all", _("Alla dagar")
    HOLIDAYS = "holidays", _("Helgdagar")


_SINGLE_DAYS = list(Days)[:7]
# Which weekdays a choice covers, and how specific it is: a row for one day overrides a row for
# a group of days, which overrides "alla dagar". Editors expect "Fredag 08–12" to shorten the
# Friday of "Måndag–fredag 08–16" rather than add to it.
_COVERS = {day: ((index,), 2) for index, day in enumerate(_SINGLE_DAYS)} | {
    Days.WEEKDAYS: (tuple(range(5)), 1),
    Days.WEEKEND: ((5, 6), 1),
    Days.EVERY_DAY: (tuple(range(7)), 0),
}


def validate_phone_number(value):
    if not is_phone_number(value):
        raise ValidationError(
            _("Skriv ett telefonnummer, till exempel 040-34 92 92, 070-123 45 67 eller 112."),
            code="invalid_phone",
        )


def check_times(opens, closes, closed):
    """Errors for the opens/closes/closed trio shared by rules and exceptions."""
    if closed:
        if opens is not None or closes is not None:
            raise ValidationError({"closed": CLOSED_MESSAGE})
        return
    errors = {}
    if opens is None:
        errors["opens"] = _("Ange när det öppnar, eller kryssa i ”Stängt”.")
    if closes is None:
        errors["closes"] = _("Ange när det stänger, eller kryssa i ”Stängt”.")
    if errors:
        raise ValidationError(errors)


def _is_usable(row):
    # Half-filled rows never pass validation, but rows created in code might; they are skipped.
    return row.closed or (row.opens is not None and row.closes is not None)


def _intervals(rows):
    return tuple(Interval(row.opens, row.closes) for row in rows if not row.closed)


def build_schedule(rules, exceptions) -> Schedule:
    """A Schedule from rule and exception rows (model instances or anything shaped like them)."""
    rules = [rule for rule in rules if _is_usable(rule)]
    weekly = {}
    for weekday in range(7):
        covering = [rule for rule in rules if weekday in _COVERS.get(rule.days, ((), 0))[0]]
        if covering:
            most_specific = max(_COVERS[rule.days][1] for rule in covering)
            weekly[weekday] = _intervals(r for r in covering if _COVERS[r.days][1] == most_specific)
    holiday_rules = [rule for rule in rules if rule.days == Days.HOLIDAYS]
    by_date = defaultdict(list)
    for exception in exceptions:
        if exception.date and _is_usable(exception):
            by_date[exception.date].append(exception)
    special_days = [
        SpecialDay(day, _intervals(rows), "; ".join(dict.fromkeys(r.note for r in rows if r.note)))
        for day, rows in by_date.items()
    ]
    return Schedule(weekly, _intervals(holiday_rules) if holiday_rules else None, special_days)


class LinkedContactCards:
    """For a page that links contact cards through an orderable with `related_name="contact_links"`
    and a `card` foreign key (service, service area and topic pages)."""

    def contact_cards(self):
        """The published contact cards linked from the page, in the editor's order; drafts and
        unpublished cards are left out."""
        return [
            link.card for link in self.contact_links.select_related("card") if is_visible(link.card)
        ]


class ContactCardForm(WagtailAdminModelForm):
    """Catches rows that contradict each other, which no single row can see on its own."""

    def clean(self):
        cleaned_data = super().clean()
        self._check_conflicts("opening_hours", "days")
        self._check_conflicts("opening_hours_exceptions", "date")
        return cleaned_data

    def _check_conflicts(self, formset_name, key):
        formset = self.formsets.get(formset_name)
        if formset is None:
            return
        groups = defaultdict(list)
        for form in formset.forms:
            if form.is_valid() and form.has_changed() and not form.cleaned_data.get("DELETE"):
                groups[form.cleaned_data.get(key)].append(form)
        for forms in groups.values():
            if any(f.cleaned_data["closed"] for f in forms) and not all(
                f.cleaned_data["closed"] for f in forms
            ):
                for form in forms:
                    if form.cleaned_data["closed"]:
                        form.add_error("closed", CONFLICT_MESSAGE)


class ContactCard(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """Who to contact, how, and when they answer: a unit, a helpline or a person.

    Drafted, published, versioned, previewed and locked like a page (Wagtail's editorial
    mixins, in bakerydemo's order for its Person snippet): a changed phone number or new
    opening hours reach the public pages when the card is published. Its numbers and hours
    are part of each revision, so the history shows them too."""

    name = models.CharField(
        _("namn"),
        max_length=120,
        help_text=_("Enhetens, tjänstens eller personens namn, till exempel ”Stödcentrum”."),
    )
    description = models.CharField(
        _("beskrivning"),
        max_length=255,
        blank=True,
        help_text=_("En mening om vad de hjälper till med, eller personens roll."),
    )
    email = models.EmailField(
        _("e-post"), blank=True, help_text=_("Lämna tomt om e-post inte ska användas.")
    )
    address = models.TextField(
        _("adress"),
        max_length=300,
        blank=True,
        help_text=_("Besöksadress, en rad per rad på kuvertet. Lämna tomt om det inte finns."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [InlinePanel("phone_numbers", label=_("Telefonnummer")), FieldPanel("email")],
            heading=_("Telefon och e-post"),
        ),
        FieldPanel("address"),
        InlinePanel(
            "opening_hours",
            heading=_("Öppettider"),
            label=_("Öppettid"),
            help_text=_(
                "En rad per tid. Flera rader för samma dag ger flera tider, till exempel "
                "08–12 och 13–16. En rad för en enskild dag ersätter raden för flera dagar. "
                "Utan en rad för helgdagar gäller vanliga veckodagstider även på helgdagar."
            ),
        ),
        InlinePanel(
            "opening_hours_exceptions",
            heading=_("Avvikande öppettider"),
            label=_("Avvikande dag"),
            help_text=_("Dagar då tiderna ovan inte gäller, till exempel en stängd klämdag."),
        ),
        PublishingPanel(),
    ]
    base_form_class = ContactCardForm

    class Meta:
        verbose_name = _("kontaktkort")
        verbose_name_plural = _("kontaktkort")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def has_opening_hours(self) -> bool:
        return self.opening_hours.exists() or self.opening_hours_exceptions.exists()

    def schedule(self) -> Schedule:
        return build_schedule(self.opening_hours.all(), self.opening_hours_exceptions.all())

    def opening_status(self, now=None) -> OpeningStatus:
        return self.schedule().status(now or timezone.now())

    def get_preview_template(self, request, mode_name):
        return "contacts/contact_card_preview.html"


def next_opening_hours_change(now):
    """The next opening or closing of any published contact card: "Öppet nu" flips then."""
    earliest = None
    cards = visible(ContactCard.objects.all(), now).prefetch_related(
        "opening_hours", "opening_hours_exceptions"
    )
    for card in cards:
        moment = card.opening_status(now).next_change
        if moment is not None and (earliest is None or moment < earliest):
            earliest = moment
    return earliest


def next_card_expiry(now):
    """The next moment a published card is taken down: pages stop showing it then, whether
    or not the task worker has unpublished it yet."""
    return next_moment(ContactCard.objects.filter(live=True), ("expire_at",), now)


class PhoneNumber(Orderable):
    card = ParentalKey(ContactCard, on_delete=models.CASCADE, related_name="phone_numbers")
    label = models.CharField(
        _("etikett"),
        max_length=60,
        blank=True,
        help_text=_("Vad numret gäller, till exempel ”Växel” eller ”Jourtelefon”."),
    )
    number = models.CharField(
        _("nummer"),
        max_length=30,
        validators=[validate_phone_number],
        help_text=_("Som det ska visas, med riktnummer: 040-34 92 92."),
    )

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("number")])]

    class Meta(Orderable.Meta):
        verbose_name = _("telefonnummer")
        verbose_name_plural = _("telefonnummer")

    def __str__(self):
        return f"{self.label}: {self.number}" if self.label else self.number

    @property
    def tel_href(self) -> str:
        """The tel: link, or "" for a number saved before validation that cannot be dialled."""
        try:
            return tel_href(self.number)
        except ValueError:
            return ""


class TimesMixin(models.Model):
    opens = models.TimeField(_("öppnar"), null=True, blank=True, help_text=_("Till exempel 08:00."))
    closes = models.TimeField(
        _("stänger"),
        null=True,
        blank=True,
        help_text=_(
            "En tid före eller lika med öppningstiden betyder nästa dag: 16:00–03:00 "
            "stänger 03:00 natten efter. 00:00–00:00 är dygnet runt."
        ),
    )
    closed = models.BooleanField(
        _("stängt"), default=False, help_text=_("Kryssa i och lämna tiderna tomma.")
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        check_times(self.opens, self.closes, self.closed)

    def times_display(self) -> str:
        if self.closed or self.opens is None or self.closes is None:
            return str(_("Stängt"))
        return dates.time_range(self.opens, self.closes, fixed=True)


class OpeningHoursRule(TimesMixin, Orderable):
    card = ParentalKey(ContactCard, on_delete=models.CASCADE, related_name="opening_hours")
    days = models.CharField(
        _("dagar"),
        max_length=10,
        choices=Days.choices,
        default=Days.WEEKDAYS,
        help_text=_("Helgdagar är röda dagar samt midsommarafton, julafton och nyårsafton."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("days"), FieldPanel("opens"), FieldPanel("closes"), FieldPanel("closed")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("öppettid")
        verbose_name_plural = _("öppettider")

    def __str__(self):
        return f"{self.get_days_display()} {self.times_display()}"


class OpeningHoursException(TimesMixin, Orderable):
    card = ParentalKey(
        ContactCard, on_delete=models.CASCADE, related_name="opening_hours_exceptions"
    )
    date = models.DateField(_("datum"), help_text=_("Dagen då de vanliga tiderna inte gäller."))
    note = models.CharField(
        _("kommentar"),
        max_length=120,
        blank=True,
        help_text=_("Visas för besökaren, till exempel ”Stängt för personaldag”."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("date"), FieldPanel("opens"), FieldPanel("closes"), FieldPanel("closed")]
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("avvikande öppettid")
        verbose_name_plural = _("avvikande öppettider")
        ordering = ["date", "sort_order"]

    def __str__(self):
        return f"{dates.numeric_date(self.date)} {self.times_display()}"
