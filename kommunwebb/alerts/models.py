from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.models.audit_log import ModelLogEntry

from kommunwebb.core.visibility import visible
from kommunwebb.pagecache.invalidation import next_moment


class AlertLevel(models.TextChoices):
    INFORMATION = "information", _("Information")
    IMPORTANT = "viktigt", _("Viktigt")
    CRISIS = "kris", _("Kris")
    # Viktigt meddelande till allmänheten: the national warning system (vma.py imports them).
    VMA = "vma", _("VMA")


# Most urgent first: the order of banners, and what "this level and up" means.
LEVEL_RANK = {
    AlertLevel.VMA: 0,
    AlertLevel.CRISIS: 1,
    AlertLevel.IMPORTANT: 2,
    AlertLevel.INFORMATION: 3,
}


class AlertSource(models.TextChoices):
    EDITOR = "", _("Redaktör")
    VMA = "vma", _("VMA")


@dataclass(frozen=True)
class AlertUpdate:
    at: datetime
    revision_id: int
    title: str
    note: str


class AlertQuerySet(models.QuerySet):
    def active(self, now):
        """Published, and not past the time it was set to be taken down."""
        return visible(self, now)

    def for_page(self, page, now):
        """Alerts for the whole site, plus those scoped to the page or one of its ancestors."""
        alerts = self.active(now).select_related("page")
        scope = Q(page__isnull=True)
        if page is not None and getattr(page, "path", None):
            ancestor_paths = [
                page.path[:i] for i in range(page.steplen, len(page.path) + 1, page.steplen)
            ]
            scope |= Q(page__path__in=ancestor_paths)
        return alerts.filter(scope).most_urgent_first()

    def most_urgent_first(self):
        """Crisis first, then important, then information; the newest first within each."""
        level_order = models.Case(
            *(models.When(level=level, then=rank) for level, rank in LEVEL_RANK.items()),
            default=len(LEVEL_RANK),
            output_field=models.IntegerField(),
        )
        return self.order_by(level_order, F("first_published_at").desc(nulls_last=True), "-pk")

    def next_expiry(self, now):
        """The next moment a published alert is taken down: pages lose its banner then,
        whether or not the task worker has unpublished it yet. (An alert going live changes
        pages when the worker publishes it, which invalidates the page cache.)"""
        return next_moment(self.filter(live=True), ("expire_at",), now)


class Alert(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    models.Model,
):
    """A banner on top of every page (or one part of the site) while something is going on.

    Published, scheduled, unpublished, versioned, previewed and locked like a page (Wagtail's
    editorial mixins, in the order bakerydemo's Person and Wagtail's own models use). When it
    shows is Wagtail's go-live and expiry time ("Schemaläggning"), run by the task worker;
    its revisions are the alert's update history."""

    title = models.CharField(_("rubrik"), max_length=120)
    message = models.TextField(
        _("meddelande"),
        max_length=500,
        help_text=_("Kort och tydligt: vad har hänt och vad ska invånaren göra?"),
    )
    level = models.CharField(
        _("nivå"),
        max_length=16,
        choices=AlertLevel.choices,
        default=AlertLevel.INFORMATION,
        help_text=_(
            "Kris visas i rött och kan inte stängas av besökaren. "
            "Information och Viktigt kan stängas."
        ),
    )
    link_page = models.ForeignKey(
        Page,
        verbose_name=_("läs mer på sidan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        Page,
        verbose_name=_("visas på"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Lämna tomt för hela webbplatsen, eller välj en sida: då visas "
            "meddelandet på den och alla sidor under den."
        ),
    )
    update_note = models.CharField(
        _("vad är nytt?"),
        max_length=200,
        blank=True,
        help_text=_(
            "Visas i meddelandets historik när du publicerar en ny version: "
            "”Uppdaterad 14:32: Vattnet går att dricka igen.”"
        ),
    )
    message_en = models.TextField(
        _("meddelande på engelska"),
        max_length=1000,
        blank=True,
        help_text=_("Valfritt. Visas under det svenska meddelandet på meddelandets sida."),
    )
    # Where the alert came from: an editor, or the national warning system (vma.py), which
    # names the sender, the message's CAP identifier and a link of its own.
    source = models.CharField(
        _("källa"), max_length=8, choices=AlertSource.choices, default="", blank=True
    )
    external_id = models.CharField(_("meddelandets id"), max_length=250, blank=True)
    sender = models.CharField(_("avsändare"), max_length=250, blank=True)
    external_url = models.URLField(_("länk"), max_length=500, blank=True)
    # Changes with every published version (drafts are kept in revisions, not in the row).
    updated_at = models.DateTimeField(auto_now=True)

    objects = AlertQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("level"),
        FieldPanel("link_page"),
        FieldPanel("update_note"),
        FieldPanel("message_en"),
        MultiFieldPanel([FieldPanel("page")], heading=_("Var")),
        # Go-live and expiry, in the "Schemaläggning" dialog of the status side panel.
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = _("driftmeddelande")
        verbose_name_plural = _("driftmeddelanden")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~Q(external_id=""),
                name="alerts_alert_one_row_per_external_message",
            )
        ]

    def __str__(self):
        return f"{self.get_level_display()}: {self.title}"

    def get_absolute_url(self):
        return reverse("alert_detail", args=[self.pk])

    def shown_on(self, page) -> bool:
        """Whether the alert belongs on ``page``: it is for the whole site, or scoped to the
        page or one of its ancestors (what ``for_page`` asks the database)."""
        if self.page_id is None:
            return True
        path = getattr(page, "path", None) or ""
        return bool(path) and path.startswith(self.page.path)

    @property
    def dismissible(self):
        return self.level not in (AlertLevel.CRISIS, AlertLevel.VMA)

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level, len(LEVEL_RANK))

    def updates(self):
        """The alert's published versions, newest first: (time, title, note) from the
        revision each publication published (Wagtail's log of the "wagtail.publish" action).
        Drafts are not updates; an alert published once has one entry."""
        entries = (
            ModelLogEntry.objects.for_instance(self)
            .filter(action="wagtail.publish", revision__isnull=False)
            .select_related("revision")
            .order_by("-timestamp", "-pk")
        )
        updates = []
        for entry in entries:
            content = entry.revision.content
            updates.append(
                AlertUpdate(
                    at=entry.timestamp,
                    revision_id=entry.revision_id,
                    title=content.get("title") or self.title,
                    note=content.get("update_note") or "",
                )
            )
        return updates

    @property
    def dismiss_key(self):
        """Changes when the alert is edited, so a dismissed alert shows again once updated."""
        return f"{self.pk}-{int(self.updated_at.timestamp())}"

    def get_preview_template(self, request, mode_name):
        return "alerts/alert_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "alert_preview": self}


class CrisisQuerySet(models.QuerySet):
    def current(self, now=None):
        """The crisis the site is in now, or None: the most recently published visible one.
        Publishing a crisis switches crisis mode on; unpublishing it (or its expiry) off."""
        return (
            visible(self, now).order_by(F("last_published_at").desc(nulls_last=True), "-pk").first()
        )

    def next_expiry(self, now):
        return next_moment(self.filter(live=True), ("expire_at",), now)


class Crisis(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    models.Model,
):
    """Crisis mode: while one of these is published, the home page opens with its overview,
    every page carries its banner and /kris/ is the lightweight crisis page.

    The switch is Wagtail's publish and unpublish of this snippet, so it has what alerts have:
    drafts prepared in advance (one per scenario), revisions, scheduling, locking, a log and,
    for editors, an approval workflow that the Krisinformatör and Webbredaktör roles bypass
    by publishing directly (roles/migrations/0002)."""

    title = models.CharField(
        _("rubrik"),
        max_length=120,
        help_text=_("Kort: vad har hänt? Till exempel ”Vattnet i centrala staden är otjänligt”."),
    )
    happened = models.TextField(_("vad har hänt?"), max_length=1500)
    what_to_do = models.TextField(
        _("vad ska jag göra?"),
        max_length=1500,
        help_text=_("En uppmaning per rad. Skriv telefonnummer som ”112” eller ”018-727 00 00”."),
    )
    help = models.TextField(
        _("här får du hjälp"),
        max_length=1500,
        help_text=_("En rad per ställe eller nummer. Telefonnummer blir länkar som går att ringa."),
    )
    more_page = models.ForeignKey(
        Page,
        verbose_name=_("mer information på sidan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CrisisQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("happened"),
        FieldPanel("what_to_do"),
        FieldPanel("help"),
        FieldPanel("more_page"),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = _("krisläge")
        verbose_name_plural = _("krislägen")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title

    def what_to_do_lines(self):
        return [line.strip() for line in self.what_to_do.splitlines() if line.strip()]

    def help_lines(self):
        return [line.strip() for line in self.help.splitlines() if line.strip()]

    def get_preview_template(self, request, mode_name):
        return "alerts/crisis_page.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "crisis_preview": self}


class VmaSource(models.Model):
    """What the VMA import (vma.py) remembers of each source between polls: its validators
    for conditional requests, and how long to wait after failures."""

    url = models.URLField(_("adress"), max_length=500, unique=True)
    etag = models.CharField(max_length=250, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    failures = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = _("VMA-källa")
        verbose_name_plural = _("VMA-källor")

    def __str__(self):
        return self.url
