from django.urls import path

from kommunwebb.pagecache.decorators import cache_public

from . import feeds, views

# cache_public: the page cache keeps these like pages; publishing, unpublishing or the
# expiry of an alert invalidates them (apps.py).
urlpatterns = [
    path("", cache_public(views.alert_list), name="alert_list"),
    path("<int:pk>/", cache_public(views.alert_detail), name="alert_detail"),
    path("<int:pk>/cap.xml", cache_public(feeds.alert_cap), name="alert_cap"),
    path("meddelanden.rss", cache_public(feeds.AlertFeed()), name="alerts_rss"),
    path("meddelanden.atom", cache_public(feeds.AlertAtom()), name="alerts_atom"),
    path("cap.atom", cache_public(feeds.CapIndex()), name="alerts_cap"),
]
