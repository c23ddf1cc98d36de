"""Everything open data adds to a page's <head>: feed and calendar autodiscovery links,
Open Graph properties and schema.org JSON-LD. One tag, ``{% opendata_head %}``, included
from base.html through ``opendata/head.html``."""

from django import template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from kommunwebb.core.templatetags.site_tags import site_name as site_name_tag
from kommunwebb.core.templatetags.site_tags import site_root
from kommunwebb.opendata import structured
from kommunwebb.pagecache import memo
from kommunwebb.taxonomy.models import Topic

register = template.Library()


def _kind(page) -> str:
    label = page._meta.label_lower
    return {
        "news.newsarticlepage": "news",
        "events.eventpage": "event",
        "home.homepage": "home",
    }.get(label, "page")


def _topic(context, page) -> Topic | None:
    topic = context.get("topic")
    if isinstance(topic, Topic):
        return topic
    if page is not None and page._meta.label_lower == "topics.topicpage" and page.topic_id:
        return page.topic
    return None


def feed_links(site: str, topic: Topic | None) -> list[dict]:
    links = [
        {
            "type": "application/rss+xml",
            "title": _("Nyheter – %(site)s (RSS)") % {"site": site},
            "href": reverse("news_rss"),
        },
        {
            "type": "application/atom+xml",
            "title": _("Nyheter – %(site)s (Atom)") % {"site": site},
            "href": reverse("news_atom"),
        },
    ]
    if topic is not None:
        names = {"topic": topic.name, "site": site}
        links += [
            {
                "type": "application/rss+xml",
                "title": _("Nyheter om %(topic)s – %(site)s (RSS)") % names,
                "href": reverse("topic_rss", args=[topic.slug]),
            },
            {
                "type": "application/atom+xml",
                "title": _("Nyheter om %(topic)s – %(site)s (Atom)") % names,
                "href": reverse("topic_atom", args=[topic.slug]),
            },
        ]
    links.append(
        {
            "type": "text/calendar",
            "title": _("Evenemang – %(site)s (iCalendar)") % {"site": site},
            "href": reverse("events_ics"),
        }
    )
    return links


def _organisation(context, request) -> dict:
    from kommunwebb.core.models import SiteSettings

    home = site_root(context)
    home_url = structured.absolute(request, home.get_url(request)) if home else ""
    return structured.organisation(request, SiteSettings.for_request(request), home_url)


def _shared(context, request, name, topic, compute):
    """What every page of a site shows in its <head> alike (the feeds, the organisation),
    worked out once per content generation, language and address the site is asked by
    (the addresses in it are absolute)."""
    if request is None:
        return compute()
    site = memo.site(request)
    key = (
        "opendata",
        name,
        getattr(site, "pk", None),
        request.scheme,
        request.get_host(),
        get_language(),
        getattr(topic, "pk", None),
    )
    return memo.shared(key, compute, request)


@register.inclusion_tag("opendata/head_tags.html", takes_context=True)
def opendata_head(context):
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    site = site_name_tag(context) or "Kommunwebb"
    topic = _topic(context, page)
    # A copy: an event page adds its own calendar to the list.
    feeds = list(_shared(context, request, "feeds", topic, lambda: feed_links(site, topic)))
    out = {"feeds": feeds, "og": [], "jsonld": []}
    if request is None or page is None:
        return out
    kind = _kind(page)
    out["og"] = structured.open_graph(request, page, site_name=site, kind=kind)
    # Read only below (structured.news_article and events take its name and address).
    org = _shared(context, request, "organisation", None, lambda: _organisation(context, request))
    data = []
    if kind == "home":
        data.append(org)
    elif kind == "news":
        data.append(structured.news_article(request, page, org))
    elif kind == "event":
        data.extend(structured.events(request, page, org))
        out["feeds"].append(
            {
                "type": "text/calendar",
                "title": _("%(event)s (iCalendar)") % {"event": page.title},
                "href": reverse("event_ics", args=[page.pk]),
            }
        )
    out["jsonld"] = [structured.to_json(item) for item in data]
    return out
