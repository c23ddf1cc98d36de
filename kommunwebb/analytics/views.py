"""``POST /statistik/beacon``: where stats.js reports a page view and its speed.

Public pages carry no CSRF token (they are cached and shared), so the endpoint is exempt
from the CSRF middleware and accepts only same-origin posts instead. Answers:

* 204 – accepted, or ignored on purpose (no statistics consent, a bot, a path that is not
  a live public page). Nothing tells a caller which; nothing is stored when ignored.
* 400 malformed, 403 cross-origin, 405 not POST, 413 too large, 415 wrong content type,
  429 over the rate limit. Never a 500: an unexpected error is logged (without the
  request's data) and answered 204 so a bug in statistics cannot show up on the site.

The ``kw_vid`` visitor cookie is set on the answer only when the request's consent state
is "statistics" (contract C1), and deleted from a browser that sends it without consent.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from kommunwebb.consent.state import consent_state

from . import beacon, devices, pages, ratelimit, visitor
from .recording import record_beacon

logger = logging.getLogger(__name__)

CONTENT_TYPES = frozenset({"application/json", "text/plain"})
NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


def _status(code: int) -> HttpResponse:
    response = HttpResponse(status=code)
    # What never_cache would add, without its header parsing (a tenth of a beacon's cost).
    response.headers["Cache-Control"] = NO_STORE
    return response


def is_same_origin(request) -> bool:
    here = f"{request.scheme}://{request.get_host()}"
    trusted = set(getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    # META rather than request.headers: that builds a dict of every header first.
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin == here or origin in trusted
    referer = request.META.get("HTTP_REFERER")
    if not referer:
        return False
    try:
        parts = urlsplit(referer)
    except ValueError:
        return False
    return f"{parts.scheme}://{parts.netloc}" in {here, *trusted}


def _content_length(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


@csrf_exempt
def beacon_view(request):
    try:
        return _handle(request)
    except DisallowedHost:
        return _status(400)
    except Exception:
        logger.exception("analytics: the beacon endpoint failed")
        return _status(204)


def _handle(request):
    if request.method != "POST":
        response = _status(405)
        response["Allow"] = "POST"
        return response
    if request.content_type not in CONTENT_TYPES:
        return _status(415)
    length = _content_length(request)
    if length is None:
        return _status(400)
    if length > beacon.MAX_BYTES:
        return _status(413)
    if not is_same_origin(request):
        return _status(403)

    cookie = request.COOKIES.get(visitor.COOKIE_NAME)
    visitor_id = cookie if visitor.is_valid(cookie) else None
    if not ratelimit.allow(request, visitor_id):
        return _status(429)

    body = request.read(beacon.MAX_BYTES + 1)
    if len(body) > beacon.MAX_BYTES:
        return _status(413)
    try:
        data = beacon.parse(body)
    except beacon.InvalidBeacon:
        return _status(400)

    if consent_state(request) != "statistics":
        response = _status(204)
        if cookie is not None:
            visitor.delete_cookie(response)
        return response
    device = devices.device_class(request.META.get("HTTP_USER_AGENT"))
    if device == devices.BOT:
        return _status(204)
    page_id = pages.page_id_for_path(unquote(data.path), pages.site_for_request(request))
    if page_id is None:
        return _status(204)

    response = _status(204)
    if visitor_id is None:
        visitor_id = visitor.new_visitor_id()
        visitor.set_cookie(response, visitor_id, secure=request.is_secure())
    metrics = {key: round(value) for key, value in data.metrics.items() if key != "cls"}
    record_beacon(
        ts=int(time.time()),
        page_id=page_id,
        visitor=visitor_id,
        device=device,
        viewport=data.viewport,
        cls=data.metrics.get("cls"),
        **metrics,
    )
    return response
