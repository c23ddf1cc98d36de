from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

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
]

if settings.KOMMUNWEBB_SERVE_MEDIA:
    # The embedded profile has no web server in front; the production profile serves
    # media from the HTTP cache's backend instead and turns this off.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]

# Swedish error pages that render without the database (kommunwebb/security/errors.py).
handler400 = "kommunwebb.security.errors.bad_request"
handler403 = "kommunwebb.security.errors.permission_denied"
handler404 = "kommunwebb.security.errors.page_not_found"
handler500 = "kommunwebb.security.errors.server_error"
