"""Telling addresses apart: this site's own, other sites' (checked over HTTP), and what is
not checked at all (mailto:, tel:, anchors)."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def own_hosts() -> set[str]:
    hosts = {site.hostname.lower() for site in Site.objects.all()}
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
    if base:
        hosts.add(base.lower())
    hosts.update(host.lower() for host in getattr(settings, "LINKCHECK_OWN_HOSTS", ()))
    return hosts


def classify(url: str, hosts: set[str]) -> str:
    """ "own" (a path on this site), "external" (http or https elsewhere) or "skip"."""
    url = url.strip()
    if not url or url.startswith("#"):
        return "skip"
    parts = urlsplit(url)
    if parts.scheme in ("", None) and not parts.netloc:
        return "own" if url.startswith("/") else "skip"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "skip"  # mailto:, tel:, ftp: …
    return "own" if parts.hostname.lower() in hosts else "external"


def normalise(url: str) -> str:
    """The address without its fragment: /sida/#del and /sida/ are one check."""
    return url.strip().split("#", 1)[0]
