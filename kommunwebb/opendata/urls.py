from django.urls import path, re_path

from kommunwebb.opendata import feeds, views
from kommunwebb.opendata.api import api_router
from kommunwebb.pagecache.decorators import cache_public

# cache_public: the shared page cache (contract C2) may keep these answers and drops them
# whenever an editor publishes, like the pages they are made from.
# The news feeds exist in each content language: the root URLconf puts these under the
# language's prefix (/en/flode/nyheter.rss), Swedish without one (kommunwebb/languages).
feed_urlpatterns = [
    path("flode/nyheter.rss", cache_public(feeds.NewsFeed()), name="news_rss"),
    path("flode/nyheter.atom", cache_public(feeds.NewsAtomFeed()), name="news_atom"),
    path("flode/amne/<str:slug>.rss", cache_public(feeds.NewsFeed()), name="topic_rss"),
    path("flode/amne/<str:slug>.atom", cache_public(feeds.NewsAtomFeed()), name="topic_atom"),
]

urlpatterns = [
    path("kalender/evenemang.ics", cache_public(views.all_events_calendar), name="events_ics"),
    path(
        "kalender/evenemang/<int:page_id>.ics",
        cache_public(views.event_calendar),
        name="event_ics",
    ),
    path("sitemap.xml", cache_public(views.sitemap), name="sitemap"),
    path("robots.txt", cache_public(views.robots_txt), name="robots_txt"),
    re_path(r"^api/v2/", api_router.urls),
]
