"""What the link check knows: every address a live page links to outside Wagtail's own
references (``LinkUse``), each external address and its latest check (``ExternalLink``), the
hosts being asked (``LinkHost``, one request at a time each), and links to pages and
documents that were deleted (``LostReference``), caught the moment they went.
"""

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


class ExternalLink(models.Model):
    class Status(models.TextChoices):
        UNCHECKED = "unchecked", _("Inte kontrollerad än")
        OK = "ok", _("Fungerar")
        REDIRECTED = "redirected", _("Flyttad")
        BROKEN = "broken", _("Trasig")
        UNREACHABLE = "unreachable", _("Svarar inte")
        SKIPPED = "skipped", _("Kontrolleras inte")

    url = models.TextField(_("adress"))
    key = models.CharField(max_length=64, unique=True, editable=False)
    host = models.CharField(_("värd"), max_length=255, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.UNCHECKED
    )
    http_status = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    final_url = models.TextField(_("slutadress"), blank=True)
    reason = models.CharField(_("orsak"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("kontrollerad"), null=True, blank=True)
    failing_since = models.DateTimeField(_("fel sedan"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(_("misslyckade kontroller i rad"), default=0)
    next_check_at = models.DateTimeField(_("nästa kontroll"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("extern länk")
        verbose_name_plural = _("externa länkar")

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        self.key = url_key(self.url)
        super().save(*args, **kwargs)

    @property
    def is_problem(self) -> bool:
        return self.status in PROBLEM_STATUSES


PROBLEM_STATUSES = (
    ExternalLink.Status.BROKEN,
    ExternalLink.Status.UNREACHABLE,
    ExternalLink.Status.REDIRECTED,
)


class LinkHost(models.Model):
    """A host being checked: at most one request at a time (``busy_until``, a lease any
    worker must take first) and a pause between requests (``next_request_at``)."""

    host = models.CharField(max_length=255, primary_key=True)
    busy_until = models.DateTimeField(null=True, blank=True)
    next_request_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("värd")
        verbose_name_plural = _("värdar")

    def __str__(self):
        return self.host


class LinkUse(models.Model):
    """One address on one live page, found in the page's content."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("sida")
    )
    url = models.TextField(_("adress"))
    field = models.CharField(_("fält"), max_length=120, blank=True)
    text = models.CharField(_("länktext"), max_length=255, blank=True)
    # An address on this very site ("/nyheter/…"): checked against the page tree at once.
    own_site = models.BooleanField(default=False)
    link = models.ForeignKey(
        ExternalLink, null=True, blank=True, on_delete=models.CASCADE, related_name="uses"
    )

    class Meta:
        verbose_name = _("länk på sida")
        verbose_name_plural = _("länkar på sidor")
        indexes = [models.Index(fields=["own_site"], name="linkcheck_use_own_site")]

    def __str__(self):
        return self.url


class LostReference(models.Model):
    """A live page linked to a page or document that has just been deleted: Wagtail's
    reference index forgets such references with the target, so they are written down here
    first. Cleared when the linking page is published again."""

    class Target(models.TextChoices):
        PAGE = "page", _("Sida")
        DOCUMENT = "document", _("Dokument")

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("sida")
    )
    target = models.CharField(max_length=16, choices=Target.choices)
    target_id = models.CharField(max_length=255)
    target_title = models.CharField(max_length=255)
    field = models.CharField(max_length=255, blank=True)
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("länk till borttaget innehåll")
        verbose_name_plural = _("länkar till borttaget innehåll")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "target", "target_id"], name="linkcheck_lost_unique"
            )
        ]

    def __str__(self):
        return self.target_title
