from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kommunwebb.alerts.views import crisis_page
from kommunwebb.pagecache.decorators import cache_public
from kommunwebb.security.wellknown import security_txt

urlpatterns = [
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("sok/", include("kommunwebb.search.urls")),
    # Feeds, calendars, sitemap.xml, robots.txt and the read-only API (/api/v2/).
    path("", include("kommunwebb.opendata.urls")),
    path("samtycke/", include("kommunwebb.consent.urls")),
    path("statistik/", include("kommunwebb.analytics.urls")),
    path("sidrespons/", include("kommunwebb.feedback.urls")),
    # Each alert's page, the current alerts, and the same as RSS, Atom and CAP 1.2.
    path("meddelanden/", include("kommunwebb.alerts.urls")),
    path("kris/", cache_public(crisis_page), name="crisis_page"),
]

if settings.KOMMUNWEBB_SERVE_MEDIA:
    # Both profiles serve media through the app, behind Varnish in production: documents
    # only through /dokument/ (Wagtail's view checks their collection's privacy), images in a
    # restricted collection only to those who pass it (kommunwebb/security/media.py).
    from django.urls import re_path

    from kommunwebb.security.media import serve_media

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

urlpatterns += [path("", include(wagtail_urls))]

# Swedish error pages that render without the database (kommunwebb/security/errors.py).
handler400 = "kommunwebb.security.errors.bad_request"
handler403 = "kommunwebb.security.errors.permission_denied"
handler404 = "kommunwebb.security.errors.page_not_found"
handler500 = "kommunwebb.security.errors.server_error"
