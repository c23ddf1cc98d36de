from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# A decision is valid for 12 months (the cookie's lifetime); its proof is kept one month
# longer, so a choice can still be shown to have been made for as long as it counted.
RECORD_RETENTION = timedelta(days=365 + 31)


class ConsentConfig(AppConfig):
    name = "kommunwebb.consent"
    label = "consent"
    verbose_name = _("Samtycke till kakor")

    def ready(self):
        from kommunwebb.gdpr.sources import register_source
        from kommunwebb.pagecache.keys import register_variant
        from kommunwebb.retention.purging import count_queryset, purge_queryset
        from kommunwebb.retention.registry import register

        from .models import ConsentRecord
        from .state import consent_state

        # Public pages differ by the consent state alone: the page cache keeps a copy of each.
        register_variant(consent_state)
        register(
            "consent.records",
            label=_("Samtyckesbeslut om kakor"),
            period=RECORD_RETENTION,
            purge=lambda cutoff, batch_size: purge_queryset(
                ConsentRecord.objects.filter(decided_at__lt=cutoff), batch_size
            ),
            count=lambda cutoff: count_queryset(
                ConsentRecord.objects.filter(decided_at__lt=cutoff)
            ),
            describe=_(
                "Bevis på besökares val om webbkakor: en slumpad kod, versionen av villkoren, "
                "valet och tidpunkten. Ett val gäller i 12 månader; beviset sparas en månad "
                "längre och gallras sedan."
            ),
        )
        from . import rights

        # Found by the consent id alone, which the cookie settings page shows the visitor.
        register_source(
            rights.KIND,
            label=_("Samtyckesbeslut om kakor"),
            find=rights.find,
            erase=rights.erase,
        )
