"""Structured data about pages: schema.org JSON-LD (GovernmentOrganization, NewsArticle,
Event) and Open Graph properties. Plain dictionaries and lists, built from a page and the
request's site; the template tag in ``templatetags/opendata_tags.py`` writes them out.
Nothing here depends on who is asking: public pages are cached and shared."""

import json
from datetime import datetime

from django.utils import timezone
from django.utils.html import strip_tags

SCHEMA = "https://schema.org"
IMAGE_SPEC = "fill-1200x630"
MAX_EVENTS = 20
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_json(data) -> str:
    """JSON safe inside <script>: no "</script>" can close the element early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _drop_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def image_url(request, image) -> str:
    if image is None:
        return ""
    # Open Graph and the JSON-LD both name the image: its rendition is looked up once.
    known = request.__dict__.setdefault("_opendata_image_urls", {})
    if image.pk not in known:
        try:
            known[image.pk] = absolute(request, image.get_rendition(IMAGE_SPEC).url)
        except Exception:  # noqa: BLE001 - a missing image file must not break the page
            known[image.pk] = ""
    return known[image.pk]


def organisation(request, site_settings, home_url: str) -> dict:
    address = None
    if site_settings.visiting_address:
        address = {
            "@type": "PostalAddress",
            "streetAddress": site_settings.visiting_address,
            "addressCountry": "SE",
        }
    return _drop_empty(
        {
            "@context": SCHEMA,
            "@type": "GovernmentOrganization",
            "name": site_settings.organisation_name,
            "url": home_url,
            "telephone": site_settings.phone,
            "email": site_settings.email,
            "address": address,
        }
    )


def _org_ref(org: dict) -> dict:
    return _drop_empty(
        {"@type": "GovernmentOrganization", "name": org["name"], "url": org.get("url")}
    )


def news_article(request, page, org: dict) -> dict:
    url = absolute(request, page.get_url(request))
    image = image_url(request, page.listing_image)
    return _drop_empty(
        {
            "@context": SCHEMA,
            "@type": "NewsArticle",
            "headline": page.title[:110],
            "description": page.lead,
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": _iso(page.first_published_at),
            "dateModified": _iso(page.last_published_at or page.first_published_at),
            "image": [image] if image else None,
            "inLanguage": "sv",
            "keywords": [topic.name for topic in page.topics.all()],
            "author": _org_ref(org),
            "publisher": _org_ref(org),
        }
    )


def events(request, page, org: dict) -> list[dict]:
    """One Event per occurrence still to come (or, for a past event, its last ones)."""
    url = absolute(request, page.get_url(request))
    image = image_url(request, page.image)
    occurrences = list(page.upcoming_occurrences()[:MAX_EVENTS]) or list(
        page.all_occurrences().reverse()[:MAX_EVENTS]
    )
    place = _drop_empty(
        {
            "@type": "Place",
            "name": page.venue,
            "address": _drop_empty(
                {"@type": "PostalAddress", "streetAddress": page.address, "addressCountry": "SE"}
            )
            if page.address
            else page.venue,
        }
    )
    offers = _drop_empty(
        {
            "@type": "Offer",
            "price": f"{page.price or 0:.2f}",
            "priceCurrency": "SEK",
            "url": page.registration_url or url,
            "availability": f"{SCHEMA}/InStock",
        }
    )
    out = []
    for occurrence in occurrences:
        name = page.title
        if occurrence.title:
            name = f"{page.title}: {occurrence.title}"
        if occurrence.all_day:
            start = timezone.localtime(occurrence.start).date().isoformat()
            end = timezone.localtime(occurrence.end).date().isoformat()
        else:
            start, end = _iso(occurrence.start), _iso(occurrence.end)
        out.append(
            _drop_empty(
                {
                    "@context": SCHEMA,
                    "@type": "Event",
                    "name": name,
                    "description": page.lead,
                    "url": url,
                    "startDate": start,
                    "endDate": end,
                    "eventStatus": f"{SCHEMA}/EventScheduled",
                    "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
                    "location": place,
                    "image": [image] if image else None,
                    "isAccessibleForFree": page.is_free,
                    "offers": offers,
                    "organizer": _drop_empty({"@type": "Organization", "name": page.organiser})
                    if page.organiser
                    else _org_ref(org),
                    "inLanguage": "sv",
                }
            )
        )
    return out


def description_of(page) -> str:
    for name in ("search_description", "lead", "intro"):
        text = getattr(page, name, "") or ""
        if text.strip():
            return " ".join(strip_tags(text).split())[:300]
    return ""


def open_graph(request, page, *, site_name: str, kind: str) -> list[tuple[str, str]]:
    """Open Graph properties as (property, content) pairs."""
    image = getattr(page, "listing_image", None) or getattr(page, "image", None)
    image_alt = getattr(page, "listing_image_alt", "") or getattr(page, "image_alt", "")
    pairs = [
        ("og:site_name", site_name),
        ("og:locale", "sv_SE"),
        ("og:type", "article" if kind == "news" else "website"),
        ("og:title", page.seo_title or page.title),
        ("og:description", description_of(page)),
        ("og:url", absolute(request, page.get_url(request))),
    ]
    url = image_url(request, image)
    if url:
        pairs += [
            ("og:image", url),
            ("og:image:width", "1200"),
            ("og:image:height", "630"),
        ]
        if image_alt:  # a decorative image has none
            pairs.append(("og:image:alt", image_alt))
    if kind == "news":
        pairs += [
            ("article:published_time", _iso(page.first_published_at) or ""),
            ("article:modified_time", _iso(page.last_published_at) or ""),
        ]
        pairs += [("article:tag", topic.name) for topic in page.topics.all()]
    return [(prop, content) for prop, content in pairs if content]
