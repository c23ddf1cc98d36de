"""The purge audit log. It records what was purged, never whose data it was."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kommunwebb.core import dates


class PurgeRun(models.Model):
    """One kind purged once: how many rows (or files) older than the cutoff were deleted."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Pågår")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    kind = models.CharField(_("slag"), max_length=100)
    cutoff = models.DateTimeField(_("gräns"), help_text=_("Allt äldre än detta raderades."))
    count = models.PositiveBigIntegerField(_("antal raderade"), default=0)
    batches = models.PositiveIntegerField(_("omgångar"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    # Only the exception's class name: a message could quote the data being purged.
    error = models.CharField(_("fel"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("startad"))
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("gallringskörning")
        verbose_name_plural = _("gallringskörningar")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["kind", "-started_at"], name="retention_kind_started")]

    def __str__(self):
        return f"{self.kind} {dates.numeric_datetime(self.started_at)}: {self.count}"
