"""Signed links: nothing secret is stored for them. A token names the subscriber and a
digest of the address (so a token for an erased and re-created subscriber is void) and is
signed with the site's SECRET_KEY under a salt per purpose; the confirmation token expires.
The address itself is never in a link."""

import hashlib

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM = "kommunwebb.subscriptions.confirm"
MANAGE = "kommunwebb.subscriptions.manage"


def confirm_max_age() -> int:
    return int(getattr(settings, "SUBSCRIPTIONS_CONFIRM_HOURS", 48)) * 3600


def _digest(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def make(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, _digest(subscriber.email)], salt=purpose)


def verify(token: str, purpose: str) -> tuple[int, str] | None:
    """The (subscriber id, address digest) a token signed for ``purpose`` carries, or None
    if it is forged, garbled or expired."""
    max_age = confirm_max_age() if purpose == CONFIRM else None
    try:
        pk, digest = signing.loads(token or "", salt=purpose, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(digest, str):
        return None
    return pk, digest


def subscriber_for(payload: tuple[int, str] | None) -> Subscriber | None:
    """The subscriber a verified token names, if it still exists with the same address."""
    if payload is None:
        return None
    pk, digest = payload
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or _digest(subscriber.email) != digest:
        return None
    return subscriber


def read(token: str, purpose: str) -> Subscriber | None:
    """The subscriber a valid token names, or None (bad, expired or for a deleted row)."""
    return subscriber_for(verify(token, purpose))
