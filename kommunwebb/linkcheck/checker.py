"""Asking another site whether an address still answers: one GET that reads only the
headers, redirects followed by hand (each hop checked), a user agent that names this site,
and a plain Swedish reason for every way it can fail. No database here."""

import ipaddress
import socket
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from urllib3.exceptions import NameResolutionError

REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}


@dataclass(frozen=True)
class Result:
    status: str  # an ExternalLink.Status value
    http_status: int | None = None
    final_url: str = ""
    reason: str = ""
    retry_after: int | None = None


def user_agent() -> str:
    """``Kommunwebb-lankkontroll/1.0 (+https://www.kommun.se/; Sundhamns kommun)``: who asks,
    and where to read about it. Header values are ASCII: "å" becomes "a"."""
    name = unicodedata.normalize("NFKD", settings.WAGTAIL_SITE_NAME)
    name = name.encode("ascii", "ignore").decode()
    return f"Kommunwebb-lankkontroll/1.0 (+{settings.WAGTAILADMIN_BASE_URL}; {name})"


def is_internal_address(host: str) -> bool:
    """Whether ``host`` is, or resolves to, an address inside a private network: the
    check must not become a way to probe the city's own network."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False  # not resolvable: the request itself will say so
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            return True
    return False


def _causes(error: BaseException):
    """The error and everything it wraps (requests wraps urllib3, which wraps the socket's)."""
    seen, stack = set(), [error]
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack += [current.__cause__, current.__context__, getattr(current, "reason", None)]
        stack += [arg for arg in current.args if isinstance(arg, BaseException)]


def _connection_reason(error: Exception) -> str:
    for cause in _causes(error):
        if isinstance(cause, NameResolutionError | socket.gaierror):
            return _("Adressen finns inte: namnet kunde inte slås upp.")
        if isinstance(cause, ConnectionRefusedError):
            return _("Webbplatsen tog inte emot anslutningen.")
    return _("Det gick inte att ansluta till webbplatsen.")


def check_url(
    url: str,
    *,
    timeout: tuple[float, float] = (5.0, 10.0),
    max_redirects: int = 5,
    allow_internal: bool = False,
    session: requests.Session | None = None,
) -> Result:
    session = session or requests.Session()
    headers = {"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    current, hops, permanent = url, 0, True
    while True:
        host = urlsplit(current).hostname or ""
        if not allow_internal and is_internal_address(host):
            return Result(
                "skipped", reason=_("Adressen leder in i ett internt nät och kontrolleras inte.")
            )
        try:
            response = session.get(
                current, headers=headers, timeout=timeout, allow_redirects=False, stream=True
            )
        except requests.exceptions.SSLError:
            return Result(
                "unreachable",
                reason=_("Webbplatsens certifikat godtas inte (TLS-fel). Besökare får en varning."),
            )
        except requests.exceptions.Timeout:
            return Result(
                "unreachable",
                reason=_("Webbplatsen svarade inte inom %(seconds)s sekunder.")
                % {"seconds": f"{timeout[0] + timeout[1]:g}"},
            )
        except requests.exceptions.ConnectionError as error:
            return Result("unreachable", reason=_connection_reason(error))
        except requests.exceptions.RequestException:
            return Result("broken", reason=_("Adressen är felskriven och går inte att öppna."))
        code = response.status_code
        location = response.headers.get("Location", "")
        retry_after = response.headers.get("Retry-After", "")
        response.close()
        if code in REDIRECTS and location:
            hops += 1
            if hops > max_redirects:
                return Result(
                    "broken",
                    http_status=code,
                    reason=_("För många omdirigeringar efter varandra."),
                )
            permanent = permanent and code in PERMANENT
            current = urljoin(current, location)
            continue
        return _result(url, current, code, permanent, retry_after)


def _result(url, final, code, permanent, retry_after) -> Result:
    if 200 <= code < 300:
        if final != url and permanent:
            return Result(
                "redirected",
                http_status=code,
                final_url=final,
                reason=_("Flyttad för gott. Byt länken till den nya adressen."),
            )
        return Result("ok", http_status=code, final_url=final if final != url else "")
    if code == 404:
        return Result("broken", http_status=code, reason=_("Sidan finns inte (404)."))
    if code == 410:
        return Result("broken", http_status=code, reason=_("Sidan är borttagen för gott (410)."))
    if code in (401, 403):
        # Behind a login: fine for those it is meant for.
        return Result("ok", http_status=code)
    if code == 429:
        seconds = int(retry_after) if retry_after.isdigit() else None
        return Result(
            "unreachable",
            http_status=code,
            reason=_("Webbplatsen bad oss vänta (429). Vi frågar igen senare."),
            retry_after=seconds,
        )
    if code >= 500:
        reason = _("Fel på webbplatsens server (%(code)s).") % {"code": code}
        return Result("unreachable", http_status=code, reason=reason)
    reason = _("Svarade med felkod %(code)s.") % {"code": code}
    return Result("broken", http_status=code, reason=reason)
