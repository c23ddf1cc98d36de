"""What each form tells its visitors about their data: legal basis and retention period.

Plain functions, no database: the retention arithmetic is tested with frozen time.
"""

import calendar
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DEFAULT_RETENTION_MONTHS = 6
MAX_RETENTION_MONTHS = 120
# What "six months" means where a timedelta is needed (the registry's default period).
DEFAULT_RETENTION = timedelta(days=183)


class LegalBasis(models.TextChoices):
    """The legal bases of GDPR article 6.1, as Swedish authorities name them."""

    CONSENT = "consent", _("Samtycke")
    CONTRACT = "contract", _("Avtal")
    LEGAL_OBLIGATION = "legal_obligation", _("Rättslig förpliktelse")
    VITAL_INTERESTS = "vital_interests", _("Grundläggande intressen")
    PUBLIC_TASK = "public_task", _("Allmänt intresse eller myndighetsutövning")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Berättigat intresse")


LEGAL_BASIS_EXPLANATIONS = {
    LegalBasis.CONSENT: _(
        "Du lämnar uppgifterna frivilligt. Du kan när som helst ta tillbaka ditt samtycke."
    ),
    LegalBasis.CONTRACT: _("Vi behöver uppgifterna för att kunna fullgöra ett avtal med dig."),
    LegalBasis.LEGAL_OBLIGATION: _("En lag kräver att vi behandlar uppgifterna."),
    LegalBasis.VITAL_INTERESTS: _("Uppgifterna behövs för att skydda någons liv eller hälsa."),
    LegalBasis.PUBLIC_TASK: _(
        "Kommunen behöver uppgifterna för att utföra en uppgift av allmänt intresse eller "
        "som en del av sin myndighetsutövning."
    ),
    LegalBasis.LEGITIMATE_INTERESTS: _(
        "Kommunen har ett berättigat intresse som väger tyngre än ditt intresse av skydd "
        "för uppgifterna."
    ),
}

# Articles of the GDPR, shown beside the name so the notice can be checked.
LEGAL_BASIS_ARTICLES = {
    LegalBasis.CONSENT: "6.1 a",
    LegalBasis.CONTRACT: "6.1 b",
    LegalBasis.LEGAL_OBLIGATION: "6.1 c",
    LegalBasis.VITAL_INTERESTS: "6.1 d",
    LegalBasis.PUBLIC_TASK: "6.1 e",
    LegalBasis.LEGITIMATE_INTERESTS: "6.1 f",
}


def months_before(moment: datetime, months: int) -> datetime:
    """The same local wall-clock time ``months`` calendar months earlier.

    31 August minus six months is 28 (or 29) February: the day is clamped to the month's
    length, as people count months. Computed in the site's time zone so a daylight-saving
    change in between does not move the boundary by an hour.
    """
    if months < 0:
        raise ValueError("months must not be negative")
    local = timezone.localtime(moment)
    index = local.year * 12 + (local.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    naive = local.replace(tzinfo=None, year=year, month=month, day=day)
    return timezone.make_aware(naive, local.tzinfo)


def retention_text(months: int) -> str:
    """'6 månader', '1 månad', '2 år' – as the notice says it."""
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(count)d år", "%(count)d år", years) % {"count": years}
    return ngettext("%(count)d månad", "%(count)d månader", months) % {"count": months}
