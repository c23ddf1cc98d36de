from django.db import models
from django.db.models import F, Q
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

from kommunwebb.core.visibility import visible
from kommunwebb.pagecache.invalidation import next_moment


class AlertLevel(models.TextChoices):
    INFORMATION = "information", _("Information")
    IMPORTANT = "viktigt", _("Viktigt")
    CRISIS = "kris", _("Kris")


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
            models.When(level=AlertLevel.CRISIS, then=0),
            models.When(level=AlertLevel.IMPORTANT, then=1),
            default=2,
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
    # Changes with every published version (drafts are kept in revisions, not in the row).
    updated_at = models.DateTimeField(auto_now=True)

    objects = AlertQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("level"),
        FieldPanel("link_page"),
        MultiFieldPanel([FieldPanel("page")], heading=_("Var")),
        # Go-live and expiry, in the "Schemaläggning" dialog of the status side panel.
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = _("driftmeddelande")
        verbose_name_plural = _("driftmeddelanden")
        ordering = ["-updated_at"]

    def __str__(self):
        return f"{self.get_level_display()}: {self.title}"

    def shown_on(self, page) -> bool:
        """Whether the alert belongs on ``page``: it is for the whole site, or scoped to the
        page or one of its ancestors (what ``for_page`` asks the database)."""
        if self.page_id is None:
            return True
        path = getattr(page, "path", None) or ""
        return bool(path) and path.startswith(self.page.path)

    @property
    def dismissible(self):
        return self.level != AlertLevel.CRISIS

    @property
    def dismiss_key(self):
        """Changes when the alert is edited, so a dismissed alert shows again once updated."""
        return f"{self.pk}-{int(self.updated_at.timestamp())}"

    def get_preview_template(self, request, mode_name):
        return "alerts/alert_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "alert_preview": self}
