"""``/samtycke/``: the cookie settings page (GET) and where every choice is posted (POST).

Public pages are cached and shared, so they carry no CSRF token; this endpoint is exempt
from Django's CSRF middleware and instead accepts only posts whose Origin (or, when a
browser sends none, Referer) is this site. The form works without JavaScript: it records
the choice and redirects back with 303. consent.js posts the same form with
``Accept: application/json`` and gets a small JSON answer instead of the redirect.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import ratelimit, registry, state
from .models import ConsentRecord

MAX_BODY = 2048
CHOICES = {"statistics", "necessary", "save"}


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def consent(request):
    if request.method == "POST":
        return record_choice(request)
    return settings_page(request)


def safe_next(request, value: str | None) -> str:
    """A same-site address to return to; "/" for anything else."""
    value = (value or "").strip()
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return "/"


def is_same_origin(request) -> bool:
    """True when the Origin header, or the Referer when there is no Origin, is this site."""
    here = f"{request.scheme}://{request.get_host()}"
    trusted = set(getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == here or origin in trusted
    referer = request.headers.get("Referer")
    if not referer:
        return False
    parts = urlsplit(referer)
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == here or origin in trusted


def error(request, message: str, status: int):
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": message}, status=status)
    return render(
        request,
        "consent/error.html",
        {"message": message, "hide_consent_banner": True},
        status=status,
    )


def record_choice(request):
    if not is_same_origin(request):
        return error(
            request,
            _(
                "Ditt val kunde inte sparas, eftersom det inte skickades från den här "
                "webbplatsen. Gå tillbaka till sidan och välj igen."
            ),
            403,
        )
    if not ratelimit.allow(request, "consent"):
        response = error(
            request,
            _("Du har gjort väldigt många val på kort tid. Vänta en minut och försök igen."),
            429,
        )
        response["Retry-After"] = "60"
        return response
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY + 1
    if length > MAX_BODY:
        return error(request, _("Vi kunde inte läsa ditt val. Försök igen."), 400)

    choice = request.POST.get("choice", "")
    if choice not in CHOICES:
        return error(
            request,
            _("Vi förstod inte ditt val. Välj ett av alternativen och försök igen."),
            400,
        )
    statistics = choice == "statistics" or (
        choice == "save" and request.POST.get("statistics") == "on"
    )

    previous = state.parse_cookie(request.COOKIES.get(state.COOKIE_NAME))
    consent = state.Consent(
        choice=state.CHOICE_STATISTICS if statistics else state.CHOICE_NECESSARY,
        policy_version=state.policy_version(),
        # One browser keeps its id across decisions, so the records show a withdrawal
        # as a later decision under the same id.
        consent_id=previous.consent_id if previous else state.new_consent_id(),
    )
    ConsentRecord.objects.create(
        consent_id=consent.consent_id,
        policy_version=consent.policy_version,
        choices={"necessary": True, "statistics": statistics},
        decided_at=timezone.now(),
    )

    next_url = safe_next(request, request.POST.get("next"))
    new_state = state.STATISTICS if statistics else state.NECESSARY
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"state": new_state})
    elif request.POST.get("source") == "settings":
        query = urlencode({"sparat": "1", "next": next_url})
        response = redirect(f"{reverse('consent')}?{query}")
        response.status_code = 303
    else:
        response = redirect(next_url)
        response.status_code = 303
    set_consent_cookie(request, response, consent)
    return response


def set_consent_cookie(request, response, consent: state.Consent) -> None:
    response.set_cookie(
        state.COOKIE_NAME,
        consent.cookie_value(),
        max_age=state.COOKIE_MAX_AGE,
        path="/",
        samesite="Lax",
        secure=request.is_secure(),
        httponly=False,
    )
    if not consent.statistics:
        for name in registry.statistics_cookie_names():
            response.delete_cookie(name, path="/", samesite="Lax")


def settings_page(request):
    current = state.current_consent(request)
    context = {
        "hide_consent_banner": True,
        "consent_state": state.consent_state(request),
        "has_choice": current is not None,
        # Shown so the visitor can quote it to ask what is stored about the decision.
        "consent_id": current.consent_id if current is not None else "",
        "statistics_on": bool(current and current.statistics),
        "refuses_tracking": current is None and state.refuses_tracking(request.headers),
        "saved": request.GET.get("sparat") == "1" and current is not None,
        "next": safe_next(request, request.GET.get("next")),
        "categories": categories(),
    }
    return render(request, "consent/settings.html", context)


def categories():
    """The settings layer's checkboxes: one per category, with the cookies in it."""
    return [
        {
            "key": key,
            "label": label,
            "cookies": [c for c in registry.cookies() if c.category == key],
        }
        for key, label in registry.CATEGORIES.items()
    ]
