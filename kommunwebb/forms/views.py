"""The visitor's side: showing a form, taking it in, the receipt, and the Swedish pages for
requests without a valid CSRF token (403); other bad requests get
kommunwebb/security/errors.py's pages.

Nothing here is ever cached: the form carries a CSRF token and a fresh signed timestamp,
and the receipt is one person's.
"""

import logging
from urllib.parse import unquote_to_bytes

from django.core import signing
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import spam
from .intake import save_submission

logger = logging.getLogger(__name__)

_RECEIPT_SALT = "kommunwebb.forms.receipt"
RECEIPT_MAX_AGE = 30 * 24 * 3600


class _Redirect(HttpResponseRedirect):
    # 303: after a POST, the browser fetches the receipt with GET, and "reload" on the
    # receipt does not send the form again.
    status_code = 303


def serve_form(page, request, preview=False):
    if request.method in ("GET", "HEAD") or preview:
        response = render_form(page, request, page.get_form(page=page, user=request.user))
    elif request.method == "POST":
        response = _take_in(page, request)
    else:
        response = HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    add_never_cache_headers(response)
    return response


def render_form(page, request, form, *, status=200, problem=""):
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "problem": problem,
            "error_summary": form.error_summary() if form.is_bound else [],
            "token_field": spam.TOKEN_FIELD,
            "form_token": spam.new_form_token(),
            "honeypot_field": spam.HONEYPOT_FIELD,
        }
    )
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _take_in(page, request):
    # Django has already refused bodies over DATA_UPLOAD_MAX_MEMORY_SIZE (400) and requests
    # without a valid CSRF token (403), before the page is reached.
    if request.FILES:
        return _refuse(page, request, 400, _("Det går inte att bifoga filer i det här formuläret."))
    if not is_decodable(request):
        return _refuse(
            page,
            request,
            400,
            _(
                "Det du skickade innehöll tecken som inte kunde läsas. Kontrollera texten "
                "och skicka igen."
            ),
        )
    form = page.get_form(request.POST, page=page, user=request.user)
    if spam.honeypot_filled(request.POST):
        spam.over_rate_limit(request)
        return _refuse(page, request, 400, _("Formuläret kunde inte skickas. Försök igen."))
    check = spam.check_form_token(request.POST.get(spam.TOKEN_FIELD, ""))
    if check.problem in ("missing", "invalid"):
        return _refuse(
            page,
            request,
            400,
            _("Formuläret kunde inte skickas. Ladda om sidan och försök igen."),
            form,
        )
    if check.problem == "too_fast":
        spam.over_rate_limit(request)
        return _refuse(
            page,
            request,
            422,
            _(
                "Formuläret skickades snabbare än en människa brukar hinna fylla i det. "
                "Kontrollera uppgifterna och skicka igen."
            ),
            form,
        )
    if check.problem == "expired":
        return _refuse(
            page,
            request,
            422,
            _("Formuläret har varit öppet länge. Kontrollera uppgifterna och skicka igen."),
            form,
        )
    if not form.is_valid():
        return render_form(page, request, form, status=422)
    if spam.over_rate_limit(request):
        _count, window = spam.rate_limit()
        response = _refuse(
            page,
            request,
            429,
            _(
                "Du har skickat många formulär på kort tid. Vänta en stund och försök igen, "
                "eller ring kommunen."
            ),
            form,
        )
        response["Retry-After"] = str(window)
        return response
    submission, _created = save_submission(page, form.cleaned_data, nonce=check.nonce)
    return _Redirect(page.receipt_url(request, receipt_token(submission)))


def _refuse(page, request, status, problem, form=None):
    """Show the form again, with what the visitor wrote, and a message at the top."""
    if form is None:
        form = page.get_form(page=page, user=request.user)
    elif form.is_bound:
        form.is_valid()  # fills cleaned data; field errors are not shown for these cases
        form._errors = type(form._errors)()
    return render_form(page, request, form, status=status, problem=problem)


def is_decodable(request) -> bool:
    """True unless a form value is not valid UTF-8.

    Django decodes form bodies leniently, turning bad bytes into U+FFFD; storing that
    would keep something other than what the visitor typed.
    """
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        try:
            body = request.body
        except Exception:  # noqa: BLE001 - unreadable body
            return False
        for pair in body.split(b"&"):
            for part in pair.split(b"=", 1):
                try:
                    unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
                except UnicodeDecodeError:
                    return False
        return True
    return not any("\ufffd" in value for values in request.POST.lists() for value in values[1])


# --- Receipt ---------------------------------------------------------------------------


def receipt_token(submission) -> str:
    return signing.dumps(
        {"r": submission.reference, "t": submission.submit_time.isoformat()},
        salt=_RECEIPT_SALT,
    )


def preview_receipt():
    return {"reference": "KW-2026-4F7Q9", "submitted_at": timezone.now()}


def serve_receipt(page, request, token):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        data = signing.loads(token, salt=_RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
        receipt = {"reference": data["r"], "submitted_at": parse_datetime(data["t"])}
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Http404 from None
    return render_receipt(page, request, receipt)


def render_receipt(page, request, receipt):
    context = page.get_context(request)
    context["receipt"] = receipt
    response = TemplateResponse(request, page.get_landing_page_template(request), context)
    add_never_cache_headers(response)
    # The receipt's address carries its signed token: send it on to nobody, not even
    # to the site's own statistics as a referrer.
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- Requests that never reach a form --------------------------------------------------


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a Swedish 403 that says what to do."""
    logger.info("CSRF check failed: %s", reason)
    response = render(request, "forms/csrf_failure.html", status=403)
    add_never_cache_headers(response)
    return response
