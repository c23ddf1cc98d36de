"""Every cookie the site can set, in one place.

The cookie table on "Om webbkakor (cookies)" is generated from this list, the consent view
deletes the statistics cookies in it when a visitor declines, and the test suite fails if
any response sets a cookie that is not listed here. Adding a cookie to the site means
adding it here first, with a purpose a resident can understand.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

NECESSARY = "necessary"
STATISTICS = "statistics"
CATEGORIES = {
    NECESSARY: _("Nödvändig"),
    STATISTICS: _("Statistik"),
}

FIRST_PARTY = "first"
THIRD_PARTY = "third"
PARTIES = {
    FIRST_PARTY: _("Den här webbplatsen (förstapart)"),
    THIRD_PARTY: _("En annan webbplats (tredjepart)"),
}


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    category: str
    lifetime: str
    party: str = FIRST_PARTY

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]

    @property
    def party_label(self) -> str:
        return PARTIES[self.party]


def _setting(name: str, default: str) -> str:
    return getattr(settings, name, default)


# Names of Django's cookies follow the settings, so the registry stays true if they change.
_session_name = lazy(lambda: _setting("SESSION_COOKIE_NAME", "sessionid"), str)
_csrf_name = lazy(lambda: _setting("CSRF_COOKIE_NAME", "csrftoken"), str)
_messages_name = lazy(lambda: _setting("MESSAGE_COOKIE_NAME", "messages"), str)

COOKIES: tuple[Cookie, ...] = (
    Cookie(
        name="kw_consent",
        purpose=_(
            "Kommer ihåg om du har godkänt statistik eller valt endast nödvändiga kakor, så "
            "att vi inte frågar på varje sida. Innehåller ditt val, versionen av våra villkor "
            "och en slumpad kod som styrker valet."
        ),
        category=NECESSARY,
        lifetime=_("12 månader"),
    ),
    Cookie(
        name="kw_vid",
        purpose=_(
            "En slumpad kod som låter statistiken räkna hur många olika besökare och besök "
            "webbplatsen har, utan att veta vem du är. Sätts bara om du har godkänt statistik."
        ),
        category=STATISTICS,
        # kommunwebb/analytics/visitor.py sets it for a year; our promise is at most 13 months.
        lifetime=_("12 månader"),
    ),
    Cookie(
        name=_csrf_name(),
        purpose=_(
            "Skyddar formulär och inloggningen mot att någon annan webbplats skickar in "
            "uppgifter i ditt namn."
        ),
        category=NECESSARY,
        lifetime=_("12 månader"),
    ),
    Cookie(
        name=_session_name(),
        purpose=_(
            "Håller redaktörer inloggade i publiceringsverktyget och kommer ihåg lösenordet "
            "till en lösenordsskyddad sida."
        ),
        category=NECESSARY,
        lifetime=_("2 veckor"),
    ),
    Cookie(
        name=_messages_name(),
        purpose=_(
            "Visar ett kort besked, till exempel ”Sidan är publicerad”, på nästa sida i "
            "publiceringsverktyget."
        ),
        category=NECESSARY,
        lifetime=_("Tills webbläsaren stängs"),
    ),
    Cookie(
        name="wagtail_sidebar_collapsed",
        purpose=_("Kommer ihåg om menyn i publiceringsverktyget är hopfälld."),
        category=NECESSARY,
        lifetime=_("Tills webbläsaren stängs"),
    ),
)


def cookies() -> list[Cookie]:
    return list(COOKIES)


def names() -> set[str]:
    return {str(cookie.name) for cookie in COOKIES}


def statistics_cookie_names() -> list[str]:
    """What declining or withdrawing consent deletes."""
    return [str(cookie.name) for cookie in COOKIES if cookie.category == STATISTICS]


def is_registered(name: str) -> bool:
    return name in names()
