"""RSS 2.0 and Atom feeds of the news, for the whole site and per topic (the managed
vocabulary of kommunwebb/taxonomy, such as "Trygghet")."""

import copy

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from kommunwebb.core.templatetags.site_tags import site_name
from kommunwebb.core.visibility import visible
from kommunwebb.opendata.caching import public_cache
from kommunwebb.taxonomy.models import Topic

ITEMS = 30


class SwedishRssFeed(Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"


class SwedishAtomFeed(Atom1Feed):
    content_type = "application/atom+xml; charset=utf-8"


class NewsFeed(Feed):
    """The latest news, newest first, as RSS 2.0."""

    feed_type = SwedishRssFeed
    # The feed's language is its address's: /flode/… Swedish, /en/flode/… English
    # (Django's Feed falls back to the active language, kommunwebb/languages' middleware).
    language = None
    ttl = 30

    def __call__(self, request, *args, **kwargs):
        # urls.py makes one instance that every thread of the server calls, and Django's Feed
        # does not hand the request to the methods that need it (links, titles): each request
        # gets its own copy to keep it on.
        feed = copy.copy(self)
        feed.request = request
        feed.site = Site.find_for_request(request)
        return public_cache(Feed.__call__(feed, request, *args, **kwargs))

    def get_object(self, request, slug=None):
        if slug is None:
            return None
        tag = Topic.objects.filter(slug=slug).first() if "\x00" not in slug else None
        if tag is None:
            raise Http404(_("Det finns inget sådant ämne."))
        return tag

    def _site_name(self):
        return site_name({"request": self.request}) or "Kommunwebb"

    def title(self, tag):
        if tag is not None:
            return _("Nyheter om %(topic)s – %(site)s") % {
                "topic": tag.name,
                "site": self._site_name(),
            }
        return _("Nyheter – %(site)s") % {"site": self._site_name()}

    def description(self, tag):
        if tag is not None:
            return _("De senaste nyheterna om %(topic)s från %(site)s.") % {
                "topic": tag.name,
                "site": self._site_name(),
            }
        return _("De senaste nyheterna från %(site)s.") % {"site": self._site_name()}

    subtitle = description

    def _root(self):
        """The site's home page in the feed's language (its locale's own tree)."""
        return self.site.root_page.localized

    def _news_index(self):
        from kommunwebb.news.models import NewsIndexPage

        if self.site is None:
            return None
        return (
            visible(NewsIndexPage.objects.descendant_of(self._root(), inclusive=True))
            .order_by("path")
            .first()
        )

    def link(self, tag):
        index = self._news_index()
        base = index.get_url(self.request) if index else "/"
        return f"{base}?amne={tag.slug}" if tag is not None else base

    def feed_url(self, tag):
        return self.request.path

    def items(self, tag):
        from kommunwebb.news.models import NewsArticlePage

        articles = visible(NewsArticlePage.objects.all(), request=self.request)
        if self.site is not None:
            articles = articles.descendant_of(self._root())
        if tag is not None:
            articles = articles.filter(topics=tag)
        return articles.listing_order().prefetch_related("topics")[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_url(self.request)

    # The GUID is the article's address (Django's default), a permalink.
    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_author_name(self, item):
        return self._site_name()


class NewsAtomFeed(NewsFeed):
    feed_type = SwedishAtomFeed
