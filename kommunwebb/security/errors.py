"""Error pages a resident understands, rendered without the database.

Every page here comes from one template (``security/error.html``) that needs nothing but
the settings and the static files' manifest: no site settings, no menu, no alert banner.
So a 500 caused by the database, or a 503 while it is down, still answers in Swedish. The
404 page is the site's own (with search and the menu, ``core``); when the database cannot
give it its menu, the plain one is shown instead.
"""

import logging
import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Seconds a visitor (or a crawler) is asked to wait before trying again.
RETRY_AFTER = {429: 60, 503: 30}

PAGES = {
    400: (
        _("Det du skickade kunde inte tas emot"),
        _(
            "Förfrågan var för stor, hade för många fält eller gick inte att läsa. "
            "Ingenting har sparats."
        ),
    ),
    403: (
        _("Du har inte behörighet till sidan"),
        _(
            "Sidan kräver en behörighet som du saknar. Logga in med rätt konto eller gå "
            "till startsidan."
        ),
    ),
    404: (
        _("Sidan finns inte"),
        _(
            "Sidan du letar efter kan ha flyttats eller tagits bort, eller så är adressen "
            "felstavad."
        ),
    ),
    405: (
        _("Det går inte att göra så här på sidan"),
        _(
            "Sidan tar inte emot den här sortens förfrågan. Gå tillbaka och försök igen "
            "från sidan själv."
        ),
    ),
    413: (
        _("Det du skickade var för stort"),
        _(
            "Texten eller filen var större än vad webbplatsen tar emot. Ingenting har "
            "sparats. Korta ner det och försök igen."
        ),
    ),
    414: (
        _("Adressen är för lång"),
        _(
            "Webbadressen är längre än vad webbplatsen tar emot. Börja om från startsidan "
            "eller använd sökfunktionen med färre ord."
        ),
    ),
    429: (
        _("För många förfrågningar"),
        _("Du har skickat många förfrågningar på kort tid. Vänta en minut och försök igen."),
    ),
    500: (
        _("Något gick fel hos oss"),
        _(
            "Sidan kunde inte visas på grund av ett fel på webbplatsen. Felet är loggat. "
            "Försök igen om en stund."
        ),
    ),
    503: (
        _("Webbplatsen är tillfälligt otillgänglig"),
        _(
            "Vi kan inte visa sidan just nu. Försök igen om en stund. Vid en akut händelse "
            "finns information på krisinformation.se och i Sveriges Radio P4."
        ),
    ),
}


def render_error(status: int) -> str:
    title, text = PAGES[status]
    # No request: the context processors would read the database (site settings, user).
    context = {"status": status, "title": title, "text": text, "site_name": site_name()}
    return render_to_string("security/error.html", context)


def site_name() -> str:
    # The name in the site settings needs the database; the configured one does not.
    from django.conf import settings

    return settings.WAGTAIL_SITE_NAME


def error_response(status: int, request=None) -> HttpResponse:
    try:
        body = render_error(status)
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        logger.exception("the %s page could not be rendered", status)
        body = str(PAGES[status][0])
    response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
    if status in RETRY_AFTER:
        response["Retry-After"] = str(RETRY_AFTER[status])
    add_never_cache_headers(response)
    return response


def database_unavailable(exception) -> bool:
    return isinstance(exception, DatabaseError)


# --- Django's handlers (kommunwebb/urls.py) -------------------------------------------


def bad_request(request, exception=None):
    from django.core.exceptions import RequestDataTooBig

    if isinstance(exception, RequestDataTooBig):
        return error_response(413, request)
    return error_response(400, request)


def permission_denied(request, exception=None):
    return error_response(403, request)


def page_not_found(request, exception=None):
    from kommunwebb.core.views import page_not_found as site_page_not_found

    try:
        response = site_page_not_found(request, exception)
        # A TemplateResponse would render later, outside this try.
        if hasattr(response, "render"):
            response.render()
        return response
    except DatabaseError:
        # The site's 404 shows the menu from the database; without one, the plain page.
        return error_response(404, request)


def server_error(request):
    """handler500. Django calls it inside its ``except``: a database that is down or
    restarting is a 503 ("try again soon"), not a fault of the site."""
    if database_unavailable(sys.exc_info()[1]):
        return error_response(503, request)
    return error_response(500, request)
