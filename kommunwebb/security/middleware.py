"""The outermost middleware: refuses input no page can use, adds the headers every response
carries, and gives Django's bare error answers (405, 429, …) a Swedish page.

* A NUL character anywhere in the address or in a form field is refused with a 400 before
  any view runs: no visitor types one, and PostgreSQL cannot compare or store text that
  holds one (a 500 on ``/nyheter/?amne=%00`` before).
* An address longer than ``KOMMUNWEBB_MAX_URL_LENGTH`` (4,096 characters) gets the Swedish
  414 page; Varnish answers the same page itself for the production profile.
* ``Permissions-Policy`` switches off the browser features the site never uses.
"""

from django.conf import settings
from django.http import HttpResponse

from .errors import PAGES, error_response

DEFAULT_MAX_URL_LENGTH = 4096
# The site uses none of these; an injected script or a framed page gets none of them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "interest-cohort",
        "browsing-topics",
    )
)


def max_url_length() -> int:
    return int(getattr(settings, "KOMMUNWEBB_MAX_URL_LENGTH", DEFAULT_MAX_URL_LENGTH))


def _nul_in(data) -> bool:
    return any(
        "\x00" in key or any(isinstance(v, str) and "\x00" in v for v in values)
        for key, values in data.lists()
    )


def has_nul(request) -> bool:
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    if _nul_in(request.GET):
        return True
    # CSRF protection reads request.POST for every POST anyway.
    return request.method == "POST" and (
        request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
        and _nul_in(request.POST)
    )


def is_bare_error(response) -> bool:
    """An error answer without a page of its own: Django's HttpResponseNotAllowed and the
    like. JSON (the API) and pages that say something themselves are left as they are."""
    if response.status_code not in PAGES or response.status_code in (404, 500):
        return False
    if response.streaming:
        return False
    content_type = response.get("Content-Type", "")
    return not response.content.strip() and not content_type.startswith("application/json")


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = getattr(
            settings, "KOMMUNWEBB_PERMISSIONS_POLICY", PERMISSIONS_POLICY
        )

    def __call__(self, request):
        if len(request.get_full_path()) > max_url_length():
            response = error_response(414, request)
        elif has_nul(request):
            response = error_response(400, request)
        else:
            response = self.get_response(request)
            if is_bare_error(response):
                response = self._with_page(response)
        if self.permissions_policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions_policy
        return response

    def _with_page(self, response: HttpResponse) -> HttpResponse:
        page = error_response(response.status_code)
        # Keep what the answer said besides its (empty) body: Allow, Retry-After.
        for name in ("Allow", "Retry-After"):
            if name in response:
                page[name] = response[name]
        return page
