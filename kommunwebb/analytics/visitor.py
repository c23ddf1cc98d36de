"""The first-party visitor id in the ``kw_vid`` cookie (statistics consent only).

22 URL-safe characters: 16 random ones (96 bits) and a 6-character tag that only this
server can compute. The tag lets the beacon endpoint rate-limit per visitor without being
fooled by made-up ids (each made-up id would otherwise get an allowance of its own); it
identifies nothing. The id is stored with raw events and deleted with them (30 days).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.conf import settings

COOKIE_NAME = "kw_vid"
# At most 13 months by our promise; a year like the consent it depends on.
COOKIE_MAX_AGE = timedelta(days=365)
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{22}$")


def _tag(random_part: str) -> str:
    key = hashlib.sha256(b"kommunwebb.analytics.visitor|" + settings.SECRET_KEY.encode()).digest()
    digest = hmac.new(key, random_part.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:6]


def new_visitor_id() -> str:
    random_part = secrets.token_urlsafe(12)  # 16 characters
    return random_part + _tag(random_part)


def is_valid(value: str | None) -> bool:
    if not value or not _SHAPE.match(value):
        return False
    return hmac.compare_digest(value[16:], _tag(value[:16]))


def set_cookie(response, value: str, *, secure: bool) -> None:
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=int(COOKIE_MAX_AGE.total_seconds()),
        path="/",
        secure=secure,
        httponly=True,
        samesite="Lax",
    )


def delete_cookie(response) -> None:
    response.delete_cookie(COOKIE_NAME, path="/", samesite="Lax")
