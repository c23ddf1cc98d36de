from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page, Site

from kommunwebb.core.templatetags.site_tags import site_name
from kommunwebb.core.visibility import visible
from kommunwebb.opendata.caching import public_cache
from kommunwebb.opendata.calendar import build_calendar

# How far back the subscribable calendar reaches: long enough that a subscriber still sees
# last month's events, short enough to stay small.
CALENDAR_HISTORY = timedelta(days=90)
CALENDAR_TTL = timedelta(hours=1)
# Larger ids cannot be looked up (SQLite and PostgreSQL integers are 64-bit): a 404, not 500.
MAX_ID = 2**63 - 1


def _ics_response(calendar, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return public_cache(response)


def _site_events(request):
    from kommunwebb.events.models import EventPage

    events = visible(EventPage.objects.all(), request=request)
    site = Site.find_for_request(request)
    if site is not None:
        events = events.descendant_of(site.root_page)
    return events


@require_safe
def event_calendar(request, page_id: int):
    """One event with all its occurrences, to add to a calendar program."""
    if page_id > MAX_ID:
        raise Http404
    event = get_object_or_404(_site_events(request), pk=page_id)
    calendar = build_calendar(
        event.occurrences.order_by("start", "pk").select_related("event"),
        name=event.title,
        description=event.lead,
        page_url=lambda page: request.build_absolute_uri(page.get_url(request) or "/"),
    )
    return _ics_response(calendar, f"{event.slug}.ics", attachment=True)


@require_safe
def all_events_calendar(request):
    """Every event on the site as a calendar to subscribe to, each occurrence an entry."""
    from kommunwebb.events.models import EventOccurrence

    name = site_name({"request": request}) or "Kommunwebb"
    occurrences = (
        EventOccurrence.objects.filter(
            event__in=_site_events(request), end__gte=timezone.now() - CALENDAR_HISTORY
        )
        .select_related("event")
        .order_by("start", "pk")
    )
    calendar = build_calendar(
        occurrences,
        name=_("Evenemang – %(site)s") % {"site": name},
        description=_("Evenemang i %(site)s kalender.") % {"site": name},
        page_url=lambda page: request.build_absolute_uri(page.get_url(request) or "/"),
        ttl=CALENDAR_TTL,
    )
    return _ics_response(calendar, "evenemang.ics", attachment=False)


class VisibleSitemap(Sitemap):
    """Wagtail's sitemap of live, public pages, without those past their expiry time, in
    every language the site publishes in, each page with its translations as ``hreflang``
    alternates (kommunwebb/languages)."""

    def items(self):
        site = self.get_wagtail_site()
        in_site = Q()
        for root in site.root_page.get_translations(inclusive=True):
            in_site |= Q(path__startswith=root.path)
        pages = Page.objects.filter(in_site).exclude(
            # wagtail-localize's copies of untranslated parents: Swedish text, not a language.
            Q(alias_of__isnull=False) & ~Q(locale__language_code=settings.LANGUAGE_CODE)
        )
        pages = visible(pages, request=self.request, any_locale=True)
        return pages.order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        versions = defaultdict(list)
        for item in self.items().select_related("locale"):
            versions[item.translation_key].append(
                {
                    "lang_code": item.locale.language_code,
                    "location": item.get_full_url(self.request),
                }
            )
        by_location = {
            version["location"]: versions[key]
            for key, found in versions.items()
            if len(found) > 1
            for version in found
        }
        for url in urls:
            url["alternates"] = by_location.get(url["location"], [])
        return urls


@require_safe
def sitemap(request):
    return public_cache(wagtail_sitemap(request, sitemaps={"wagtail": VisibleSitemap}))


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Search results are endless combinations of words: nothing for an index.
        f"Disallow: {reverse('search')}",
        *(
            f"Disallow: /{code}{reverse('search')}"
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ),
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    return public_cache(response, max_age=3600)
