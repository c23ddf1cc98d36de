"""What the server keeps of a request's headers: a device class instead of the user agent,
and a host name instead of the referring address. Plain functions, no database."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

BOT = "bot"
MOBILE = "m"
TABLET = "t"
DESKTOP = "d"

# Crawlers, link previews, monitors, HTTP libraries and headless browsers, as lower-case
# fragments of their user agents. Plain substring tests: this runs on every page view.
_BOT_FRAGMENTS = (
    "bot/", "bot;", "bot)", "bot ", "bot-", "crawl", "spider", "slurp", "scrap", "archiv",
    "headless", "phantomjs", "puppeteer", "playwright", "selenium", "webdriver",
    "lighthouse", "pagespeed", "gtmetrix", "pingdom", "uptime", "monitor", "statuscake",
    "site24x7", "newrelic", "datadog", "check_http", "nagios", "zabbix", "preview",
    "facebookexternalhit", "embedly", "quora link", "whatsapp", "telegram",
    "skypeuripreview", "slack", "discord", "vkshare", "curl/", "wget/", "python", "httpx",
    "aiohttp", "requests", "urllib", "java/", "okhttp", "go-http-client", "node-fetch",
    "axios", "libwww", "httpclient", "http_request", "winhttp", "postman", "insomnia",
    "apachebench", "jmeter", "locust", "k6/", "feed", "rss", "validator", "w3c",
)  # fmt: skip
_TABLET = re.compile(
    r"ipad|tablet|kindle|silk/|playbook|nexus (7|9|10)|sm-t\d|gt-p\d|"
    r"android(?!.*mobile)",
    re.IGNORECASE,
)
_MOBILE = re.compile(
    r"mobi|iphone|ipod|android.*mobile|windows phone|iemobile|opera mini|blackberry|bb10",
    re.IGNORECASE,
)


def device_class(user_agent: str | None) -> str:
    """``"m"``, ``"t"``, ``"d"`` or ``"bot"``. The user agent itself goes no further."""
    ua = (user_agent or "").strip()
    if len(ua) < 20 or not ua.startswith("Mozilla/"):
        return BOT
    lower = ua.lower()
    if lower.endswith("bot") or any(fragment in lower for fragment in _BOT_FRAGMENTS):
        return BOT
    if _TABLET.search(ua):
        return TABLET
    if _MOBILE.search(ua):
        return MOBILE
    return DESKTOP


_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def referrer_host(referrer: str | None, own_hosts=()) -> str:
    """The host name of an external referring page, or "" for none, this site or nonsense.

    Only the host is kept: the path and query of someone else's page can say far more about
    the visitor (a search term, an e-mail link) than statistics need."""
    value = (referrer or "").strip()
    if not value or len(value) > 2048:
        return ""
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return ""
    if parts.scheme == "android-app":
        # Android apps refer as android-app://com.example.app/: the package name is the host.
        pass
    elif parts.scheme not in ("http", "https"):
        return ""
    if not host or len(host) > 253 or not _HOST.match(host):
        return ""
    if host.startswith("www."):
        host = host[4:]
    if _is_ip_literal(host):
        # A referrer that is a bare address says nothing useful and is an address: drop it.
        return ""
    own = {h.lower().removeprefix("www.") for h in own_hosts}
    if host in own:
        return ""
    return host


def _is_ip_literal(host: str) -> bool:
    return bool(re.fullmatch(r"[0-9.]+", host)) or ":" in host
