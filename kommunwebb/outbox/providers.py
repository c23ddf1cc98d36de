"""A rate limit per mail provider: how many messages a minute the site hands over for the
addresses of one domain (gmail.com, outlook.com, a municipality's own server). Large
providers throttle or junk a sender that suddenly sends thousands; a crisis mailing to every
subscriber must arrive, not trip their limits.

Counted in the database from the entries themselves (delivered in the last minute, or being
sent now), so the limit holds across workers and restarts without a cache.
``OUTBOX_PROVIDER_PER_MINUTE = {"default": 300, "gmail.com": 600}`` sets it.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import OutboxState

DEFAULT_PER_MINUTE = 300
WINDOW = timedelta(minutes=1)
# One provider under several names.
ALIASES = {"googlemail.com": "gmail.com", "hotmail.se": "outlook.com", "hotmail.com": "outlook.com"}


def provider_of(address: str) -> str:
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    return ALIASES.get(domain, domain)


def per_minute(provider: str) -> int:
    limits = getattr(settings, "OUTBOX_PROVIDER_PER_MINUTE", {}) or {}
    return int(limits.get(provider, limits.get("default", DEFAULT_PER_MINUTE)))


def allowance(model, provider: str, now=None) -> int:
    """How many more entries of ``model`` (with a ``provider`` field) may go to ``provider``
    in this minute: its limit less those delivered in the last minute or being sent now.
    One query."""
    now = now or timezone.now()
    used = model.objects.filter(
        Q(delivered_at__gt=now - WINDOW) | Q(state=OutboxState.SENDING), provider=provider
    ).count()
    return max(per_minute(provider) - used, 0)
