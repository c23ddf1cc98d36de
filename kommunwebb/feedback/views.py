"""``/sidrespons/``: where "Var sidan till hjälp?" is answered, and the optional comment.

The question sits on cached, shared pages, so the form carries no CSRF token and the site
sets no cookie. Like the cookie choices (``kommunwebb/consent/views.py``) the endpoints are
exempt from Django's CSRF middleware and accept only posts whose Origin (or Referer) is this
site, and they are rate-limited by a key that never stores the address.

Without JavaScript: the answer is posted, the visitor is sent (303) to a thank-you page with
the comment form, whose signed token ties the comment to the answer for an hour; posting the
comment leads to a last thank-you with a link back. ``feedback.js`` posts the same forms
with ``Accept: application/json`` and shows the same steps in place.
"""

from django.conf import settings
from django.core import signing
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from kommunwebb.consent import ratelimit
from kommunwebb.consent.views import is_same_origin

from .masking import mask_personal_data
from .models import COMMENT_MAX_LENGTH, PageFeedback

ANSWERS = {"ja": True, "nej": False}
TOKEN_SALT = "kommunwebb.feedback.comment"  # noqa: S105 - a namespace, not a secret
TOKEN_MAX_AGE = 3600
# A comment of 1,000 characters, each up to four bytes, form-encoded, with the token.
MAX_BODY = 16 * 1024


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _error(request, message: str, status: int):
    if _wants_json(request):
        response = JsonResponse({"error": message}, status=status)
    else:
        response = render(
            request,
            "feedback/error.html",
            {"message": message, "hide_consent_banner": True},
            status=status,
        )
    if status == 429:
        response["Retry-After"] = "60"
    return response


def _refused(request):
    """The checks every post passes first; an error response, or None."""
    if not is_same_origin(request):
        return _error(
            request,
            _(
                "Ditt svar kunde inte tas emot, eftersom det inte skickades från den här "
                "webbplatsen. Gå tillbaka till sidan och försök igen."
            ),
            403,
        )
    per_minute = int(getattr(settings, "FEEDBACK_RATE_LIMIT_PER_MINUTE", 10))
    if not ratelimit.allow(request, "feedback", per_minute=per_minute):
        return _error(
            request,
            _("Du har skickat väldigt många svar på kort tid. Vänta en minut och försök igen."),
            429,
        )
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY + 1
    if length > MAX_BODY:
        return _error(request, _("Det du skickade var för långt."), 400)
    return None


def _token(feedback: PageFeedback) -> str:
    return signing.dumps({"f": feedback.pk}, salt=TOKEN_SALT, compress=True)


def _feedback_for(token: str) -> PageFeedback | None:
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return PageFeedback.objects.filter(pk=data.get("f")).select_related("page").first()


@csrf_exempt
@never_cache
@require_POST
def answer(request):
    if refused := _refused(request):
        return refused
    helpful = ANSWERS.get(request.POST.get("answer", ""))
    page_id = request.POST.get("page", "")
    page = (
        Page.objects.live().public().filter(pk=int(page_id), depth__gt=1).first()
        if page_id.isascii() and page_id.isdigit() and len(page_id) < 12
        else None
    )
    if helpful is None or page is None:
        return _error(
            request, _("Vi förstod inte svaret. Gå tillbaka till sidan och välj Ja eller Nej."), 400
        )
    feedback = PageFeedback.objects.create(page=page, helpful=helpful)
    token = _token(feedback)
    if _wants_json(request):
        return JsonResponse({"token": token, "comment_url": reverse("feedback:comment")})
    response = redirect(f"{reverse('feedback:thanks')}?{urlencode({'t': token})}")
    response.status_code = 303
    return response


@never_cache
@require_http_methods(["GET", "HEAD"])
def thanks(request):
    """The comment form after an answer (no JavaScript), or the last thank-you."""
    feedback = _feedback_for(request.GET.get("t", ""))
    if feedback is None:
        return _error(
            request,
            _("Länken har gått ut. Tack ändå för att du svarade!"),
            400,
        )
    return render(
        request,
        "feedback/thanks.html",
        {
            "feedback": feedback,
            "token": request.GET.get("t", ""),
            "done": bool(feedback.comment) or request.GET.get("klar") == "1",
            "max_length": COMMENT_MAX_LENGTH,
            "back": feedback.page.url,
            "hide_consent_banner": True,
        },
    )


@csrf_exempt
@never_cache
@require_POST
def comment(request):
    if refused := _refused(request):
        return refused
    token = request.POST.get("t", "")
    feedback = _feedback_for(token)
    if feedback is None:
        return _error(
            request,
            _("Kommentaren kunde inte sparas eftersom det har gått för lång tid. Tack ändå!"),
            400,
        )
    text = request.POST.get("comment", "").replace("\x00", "").strip()
    if len(text) > COMMENT_MAX_LENGTH:
        message = _(
            "Kommentaren får vara högst %(max)s tecken lång. Nu är den %(length)s tecken."
        ) % {
            "max": COMMENT_MAX_LENGTH,
            "length": len(text),
        }
        if _wants_json(request):
            return JsonResponse({"error": message}, status=422)
        return render(
            request,
            "feedback/thanks.html",
            {
                "feedback": feedback,
                "token": token,
                "error": message,
                "text": text,
                "max_length": COMMENT_MAX_LENGTH,
                "back": feedback.page.url,
                "hide_consent_banner": True,
            },
            status=422,
        )
    if text:
        # One comment per answer: a second post with the same token changes nothing.
        PageFeedback.objects.filter(pk=feedback.pk, comment="").update(
            comment=mask_personal_data(text)[:COMMENT_MAX_LENGTH], commented_at=timezone.now()
        )
    if _wants_json(request):
        return JsonResponse({"done": True})
    response = redirect(f"{reverse('feedback:thanks')}?{urlencode({'t': token, 'klar': '1'})}")
    response.status_code = 303
    return response
