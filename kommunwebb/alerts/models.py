from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from kommunwebb.pagecache.invalidation import next_moment


class AlertLevel(models.TextChoices):
    INFORMATION = "information", _("Information")
    IMPORTANT = "viktigt", _("Viktigt")
    CRISIS = "kris", _("Kris")


class AlertQuerySet(models.QuerySet):
    def active(self, now):
        return self.filter(Q(starts_at__lte=now), Q(ends_at__isnull=True) | Q(ends_at__gt=now))

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
        return self.order_by(level_order, "-starts_at")

    def next_window_change(self, now):
        """The next start or end of any alert: pages gain or lose a banner then."""
        return next_moment(self, ("starts_at", "ends_at"), now)


class Alert(models.Model):
    """A banner on top of every page (or one part of the site) while something is going on."""

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
    starts_at = models.DateTimeField(_("visas från"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("visas till"), null=True, blank=True, help_text=_("Lämna tomt för att visa tills vidare.")
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
    updated_at = models.DateTimeField(auto_now=True)

    objects = AlertQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("level"),
        FieldPanel("link_page"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]), FieldPanel("page")],
            heading=_("När och var"),
        ),
    ]

    class Meta:
        verbose_name = _("driftmeddelande")
        verbose_name_plural = _("driftmeddelanden")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.get_level_display()}: {self.title}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Sluttiden måste vara efter starttiden.")})

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
