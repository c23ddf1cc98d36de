"""The city's political bodies (kommunfullmäktige, kommunstyrelsen, the nämnder) and their
meetings, with the notice before and the minutes after, as documents."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kommunwebb.core.blocks import BaseStreamBlock
from kommunwebb.pagecache.invalidation import next_moment


class CommitteePage(Page):
    """A political body: what it decides, who sits in it, when it meets, and the minutes."""

    intro = models.TextField(
        _("ingress"),
        max_length=400,
        help_text=_("Vad organet beslutar om, i en eller två meningar."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("innehåll"),
        blank=True,
        help_text=_("Till exempel ledamöter, ordförande och hur man lämnar förslag."),
    )
    contact = models.ForeignKey(
        "contacts.ContactCard",
        verbose_name=_("kontakt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vem som svarar på frågor om sammanträden och protokoll."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "meetings",
            heading=_("Sammanträden"),
            label=_("Sammanträde"),
            help_text=_(
                "Lägg in årets sammanträden i förväg. Lägg till protokollet när det är justerat."
            ),
        ),
        FieldPanel("body"),
        FieldPanel("contact"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body"), APIField("meetings")]

    type_label = _("Politik")
    parent_page_types = ["services.ServiceAreaPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("politiskt organ")
        verbose_name_plural = _("politiska organ")

    def upcoming_meetings(self, now=None):
        now = now or timezone.now()
        return sorted(
            (meeting for meeting in self.meetings.all() if meeting.start > now),
            key=lambda meeting: meeting.start,
        )

    def past_meetings(self, now=None):
        now = now or timezone.now()
        return sorted(
            (meeting for meeting in self.meetings.all() if meeting.start <= now),
            key=lambda meeting: meeting.start,
            reverse=True,
        )


class Meeting(Orderable):
    page = ParentalKey(CommitteePage, on_delete=models.CASCADE, related_name="meetings")
    start = models.DateTimeField(_("datum och tid"))
    place = models.CharField(_("plats"), max_length=200)
    agenda = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("kallelse och föredragningslista"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("protokoll"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Det justerade protokollet."),
    )
    note = models.CharField(
        _("kommentar"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel ”Öppet för allmänheten” eller ”Sänds på webben”."),
    )

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("place")]),
        FieldRowPanel([FieldPanel("agenda"), FieldPanel("minutes")]),
        FieldPanel("note"),
    ]
    api_fields = [APIField("start"), APIField("place"), APIField("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("sammanträde")
        verbose_name_plural = _("sammanträden")

    def clean(self):
        super().clean()
        if self.minutes_id and self.start and self.start > timezone.now():
            raise ValidationError(
                {"minutes": _("Ett sammanträde som inte har hållits än kan inte ha protokoll.")}
            )


def next_meeting_start(now):
    """The next start of a published body's meeting: its page changes then."""
    return next_moment(Meeting.objects.filter(page__live=True), ("start",), now)
