"""The audit trail of rights requests: who did what, when, to how many records of which kinds.

It never holds the person's data: not the e-mail address, phone number or reference
searched for, nor anything found.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kommunwebb.core import dates


class RightsRequestAudit(models.Model):
    class Action(models.TextChoices):
        EXPORT_JSON = "export_json", _("Export (JSON)")
        EXPORT_CSV = "export_csv", _("Export (CSV)")
        ERASE = "erase", _("Radering")

    action = models.CharField(_("åtgärd"), max_length=20, choices=Action.choices)
    performed_at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utförd av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept if the account is removed later, so the trail still says who it was.
    performed_by_username = models.CharField(_("användarnamn"), max_length=150)
    counts = models.JSONField(_("antal per slag"), default=dict)
    total = models.PositiveIntegerField(_("totalt"), default=0)

    class Meta:
        verbose_name = _("registrerad begäran om personuppgifter")
        verbose_name_plural = _("registrerade begäranden om personuppgifter")
        ordering = ["-performed_at", "-id"]
        default_permissions = ()
        permissions = [("handle_personal_data", "Can handle personal data requests")]

    def __str__(self):
        return f"{self.get_action_display()} {dates.numeric_datetime(self.performed_at)}"
