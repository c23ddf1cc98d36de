"""The consent state of a request (contract C1), as plain functions without a database.

The cookie ``kw_consent`` holds ``<choice>.<policy_version>.<consent_id>``: ``s`` when the
visitor accepted statistics, ``n`` when they chose necessary cookies only. A choice made
under an older policy version no longer counts, so the visitor is asked again. A browser
that sends Global Privacy Control or Do Not Track and has made no choice is treated as
having declined. Public pages may differ only by the state this module returns, and the
page cache and Varnish key on it; keep the rules here and in the VCL identical.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

COOKIE_NAME = "kw_consent"
# "12 months" as browsers count Max-Age: a year of days. Asking again after that is the
# regulator's expectation; the record of the choice is kept a little longer (see apps.py).
COOKIE_MAX_AGE = timedelta(days=365)

UNSET = "unset"
NECESSARY = "necessary"
STATISTICS = "statistics"
STATES = (UNSET, NECESSARY, STATISTICS)

CHOICE_STATISTICS = "s"
CHOICE_NECESSARY = "n"

CONSENT_ID_LENGTH = 22
_COOKIE_VALUE = re.compile(r"^([sn])\.([0-9]{1,9})\.([A-Za-z0-9_-]{22})$")


@dataclass(frozen=True)
class Consent:
    """A decision as the cookie carries it."""

    choice: str  # "s" or "n"
    policy_version: int
    consent_id: str

    @property
    def statistics(self) -> bool:
        return self.choice == CHOICE_STATISTICS

    def cookie_value(self) -> str:
        return f"{self.choice}.{self.policy_version}.{self.consent_id}"


def policy_version() -> int:
    return int(getattr(settings, "CONSENT_POLICY_VERSION", 1))


def new_consent_id() -> str:
    """22 URL-safe random characters (132 bits): identifies a decision, not a person."""
    return secrets.token_urlsafe(16)[:CONSENT_ID_LENGTH]


def is_consent_id(value: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9_-]{22}", value or ""))


def parse_cookie(value: str | None) -> Consent | None:
    """The decision in a ``kw_consent`` value, or None if it is missing or malformed."""
    match = _COOKIE_VALUE.match(value or "")
    if match is None:
        return None
    choice, version, consent_id = match.groups()
    return Consent(choice=choice, policy_version=int(version), consent_id=consent_id)


def refuses_tracking(headers) -> bool:
    """Global Privacy Control (``Sec-GPC: 1``) or Do Not Track (``DNT: 1``)."""
    return headers.get("Sec-GPC", "").strip() == "1" or headers.get("DNT", "").strip() == "1"


def state_from(cookie_value: str | None, headers, version: int) -> str:
    """The rules of C1 on plain values: what a cookie and request headers amount to."""
    consent = parse_cookie(cookie_value)
    if consent is not None and consent.policy_version == version:
        return STATISTICS if consent.statistics else NECESSARY
    if refuses_tracking(headers):
        return NECESSARY
    return UNSET


def current_consent(request) -> Consent | None:
    """The visitor's decision under the current policy version, or None."""
    consent = parse_cookie(request.COOKIES.get(COOKIE_NAME))
    if consent is None or consent.policy_version != policy_version():
        return None
    return consent


class _MetaHeaders:
    """The two headers ``refuses_tracking`` reads, straight from the WSGI environ:
    ``request.headers`` would first build a dict of every header, on every request."""

    def __init__(self, meta):
        self.meta = meta

    def get(self, name: str, default: str = "") -> str:
        return self.meta.get("HTTP_" + name.upper().replace("-", "_"), default)


def consent_state(request) -> str:
    """``"unset"``, ``"necessary"`` or ``"statistics"`` for this request (contract C1)."""
    cached = getattr(request, "_kw_consent_state", None)
    if cached is None:
        headers = _MetaHeaders(request.META)
        cached = state_from(request.COOKIES.get(COOKIE_NAME), headers, policy_version())
        request._kw_consent_state = cached
    return cached
