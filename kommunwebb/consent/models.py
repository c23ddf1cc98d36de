from django.db import models
from django.utils.translation import gettext_lazy as _

from kommunwebb.core import dates


class ConsentRecord(models.Model):
    """Proof of one decision about cookies (GDPR art. 7.1): which random id, under which
    version of the policy, what was chosen and when. Deliberately nothing else: no IP
    address, no user agent, no page."""

    consent_id = models.CharField(_("samtyckes-id"), max_length=22, db_index=True)
    policy_version = models.PositiveIntegerField(_("policyversion"))
    choices = models.JSONField(_("val"))
    decided_at = models.DateTimeField(_("beslutat"), db_index=True)

    class Meta:
        verbose_name = _("samtyckesbeslut")
        verbose_name_plural = _("samtyckesbeslut")
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.consent_id} v{self.policy_version} {dates.numeric_datetime(self.decided_at)}"

    @property
    def statistics(self) -> bool:
        return bool(self.choices.get("statistics"))
