"""Page owners and review dates (issue 11, part 5).

Every page has a responsible unit ("Miljöförvaltningen") and/or person, and a date by which
someone must have checked that it is still right ("Granska senast"). The row lives beside
the page, not in its revisions: marking a page as reviewed, or handing it to another unit,
is not a change of content and needs no publishing. It is made when the page is first
published (``ownership.py``): the unit of the nearest section above it, and a review date
twelve months ahead.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ResponsibleUnit(models.Model):
    """A part of the organisation that answers for pages, such as a department."""

    name = models.CharField(
        _("namn"),
        max_length=120,
        unique=True,
        help_text=_("Som invånarna känner den, till exempel ”Miljöförvaltningen”."),
    )
    email = models.EmailField(
        _("e-post för påminnelser"),
        blank=True,
        help_text=_(
            "En funktionsbrevlåda som får veckans påminnelse om sidor att granska, för de "
            "sidor som inte har en egen sidansvarig person."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("email")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("ansvarig enhet")
        verbose_name_plural = _("ansvariga enheter")

    def __str__(self):
        return self.name


class PageReview(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="review",
        verbose_name=_("sida"),
    )
    unit = models.ForeignKey(
        ResponsibleUnit,
        verbose_name=_("sidansvarig enhet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pages",
        help_text=_("Visas på sidan som den som ansvarar för innehållet."),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sidansvarig person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Får påminnelsen om granskning. Visas inte för besökarna."),
    )
    review_by = models.DateField(
        _("granska senast"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Normalt tolv månader efter att sidan publicerades eller senast granskades."),
    )
    reviewed_at = models.DateTimeField(_("senast granskad"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granskad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sidansvar och granskning")
        verbose_name_plural = _("sidansvar och granskning")

    def __str__(self):
        return str(self.page)

    def reminder_address(self) -> str:
        """Where the weekly reminder for this page goes: the person, else the unit."""
        if self.person_id and self.person.is_active and self.person.email:
            return self.person.email.strip().lower()
        if self.unit_id and self.unit.email:
            return self.unit.email.strip().lower()
        return ""


class DigestWeek(models.Model):
    """The week of Monday ``week`` has had its reminders: one row per week, so a worker that
    runs the daily check twice, or catches up after a stop, never sends a week twice."""

    week = models.DateField(_("vecka"), unique=True)
    sent_at = models.DateTimeField(_("skickad"))
    emails = models.PositiveIntegerField(_("antal e-postmeddelanden"), default=0)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")

    def __str__(self):
        return str(self.week)
