from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kommunwebb.alerts.views import crisis_page
from kommunwebb.opendata.urls import feed_urlpatterns
from kommunwebb.pagecache.decorators import cache_public
from kommunwebb.security.wellknown import security_txt

urlpatterns = [
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    # Feeds, calendars, sitemap.xml, robots.txt and the read-only API (/api/v2/).
    path("", include("kommunwebb.opendata.urls")),
    path("samtycke/", include("kommunwebb.consent.urls")),
    path("statistik/", include("kommunwebb.analytics.urls")),
    path("sidrespons/", include("kommunwebb.feedback.urls")),
    # Each alert's page, the current alerts, and the same as RSS, Atom and CAP 1.2.
    path("meddelanden/", include("kommunwebb.alerts.urls")),
    # E-mail subscriptions to alerts and news (double opt-in, one-click unsubscribe).
    path("prenumerera/", include("kommunwebb.subscriptions.urls")),
    path("kris/", cache_public(crisis_page), name="crisis_page"),
]

if settings.KOMMUNWEBB_SERVE_MEDIA:
    # Both profiles serve media through the app, behind Varnish in production: documents
    # only through /dokument/ (Wagtail's view checks their collection's privacy), images in a
    # restricted collection only to those who pass it (kommunwebb/security/media.py).
    from django.urls import re_path

    from kommunwebb.security.media import serve_media

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

# Swedish pages at their own addresses (/), every other content language under its prefix
# (/en/, /fi/, /ar/): Wagtail serves each locale's tree, and each has its search (of the
# pages in its language) and news feeds (kommunwebb/languages).
urlpatterns += i18n_patterns(
    path("sok/", include("kommunwebb.search.urls")),
    path("", include(feed_urlpatterns)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Swedish error pages that render without the database (kommunwebb/security/errors.py).
handler400 = "kommunwebb.security.errors.bad_request"
handler403 = "kommunwebb.security.errors.permission_denied"
handler404 = "kommunwebb.security.errors.page_not_found"
handler500 = "kommunwebb.security.errors.server_error"
