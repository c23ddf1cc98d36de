"""The current alerts for other systems: RSS 2.0 and Atom for people's feed readers and the
media, and an Atom index of CAP 1.2 messages (cap.py) for county and national warning
systems. Advertised in every page's <head> (templates/alerts/head.html)."""

import copy

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from kommunwebb.core.templatetags.site_tags import site_name
from kommunwebb.core.visibility import is_visible

from . import cap
from .models import Alert


class AlertRssFeed(Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"


class AlertAtomFeed(Atom1Feed):
    content_type = "application/atom+xml; charset=utf-8"


class AlertFeed(Feed):
    """The alerts shown now, most urgent first."""

    feed_type = AlertRssFeed
    language = "sv"
    # Minutes a reader may wait before asking again (RSS ttl): alerts are urgent.
    ttl = 1

    def __call__(self, request, *args, **kwargs):
        # One instance serves every thread; each request gets its own copy to keep it on.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def _site_name(self):
        return site_name({"request": self.request}) or "Kommunwebb"

    def title(self):
        return _("Aktuella meddelanden – %(site)s") % {"site": self._site_name()}

    def description(self):
        return _("Driftmeddelanden och krisinformation från %(site)s.") % {
            "site": self._site_name()
        }

    subtitle = description

    def link(self):
        return "/meddelanden/"

    def items(self):
        alerts = Alert.objects.active(timezone.now()).select_related("page", "link_page")
        return list(alerts.most_urgent_first())

    def item_title(self, alert):
        return f"{alert.get_level_display()}: {alert.title}"

    def item_description(self, alert):
        return alert.message

    def item_link(self, alert):
        return alert.get_absolute_url()

    def item_guid(self, alert):
        # Changes with every published version, so readers show an update as new.
        return self.request.build_absolute_uri(f"{alert.get_absolute_url()}#{alert.dismiss_key}")

    item_guid_is_permalink = False

    def item_pubdate(self, alert):
        return alert.first_published_at

    def item_updateddate(self, alert):
        return alert.last_published_at

    def item_categories(self, alert):
        return [alert.get_level_display()]


class AlertAtom(AlertFeed):
    feed_type = AlertAtomFeed


class CapIndex(AlertAtom):
    """An Atom feed whose entries link to each current alert's CAP message, the usual way
    of publishing CAP (what receivers such as Google Public Alerts poll)."""

    def title(self):
        return _("CAP-meddelanden – %(site)s") % {"site": self._site_name()}

    def item_link(self, alert):
        return f"{alert.get_absolute_url()}cap.xml"

    def item_enclosures(self, alert):
        return []


def alert_cap(request, pk):
    """One alert's current version as CAP 1.2 XML."""
    alert = Alert.objects.filter(pk=pk).first()
    if alert is None or not is_visible(alert):
        raise Http404
    host = request.get_host()
    body = cap.alert_message(
        alert,
        alert.updates(),
        host=host,
        url=request.build_absolute_uri(alert.get_absolute_url()),
        sender_name=site_name({"request": request}) or host,
    )
    return HttpResponse(body, content_type="application/cap+xml; charset=utf-8")
