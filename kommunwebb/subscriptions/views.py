"""``/prenumerera/``: subscribing, confirming, changing one's choices and unsubscribing.

No cookie is set and no CSRF token is needed: like the cookie choices and the page feedback
(``consent/views.py``, ``feedback/views.py``) the forms are exempt from Django's CSRF
middleware and a post is accepted only if its Origin (or Referer) is this site. Links from
the e-mail carry a signed token (tokens.py); the one-click unsubscribe (RFC 8058) is posted
by the mail client from elsewhere, so it needs nothing but the token.

Whether an address is already subscribed is never shown: subscribing answers the same for a
new and a known address; a known, confirmed one gets a mail with its settings link instead
of a second subscription.
"""

import hashlib
import hmac
import os

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kommunwebb.consent import ratelimit
from kommunwebb.consent.views import is_same_origin
from kommunwebb.outbox.mail import queue_email
from kommunwebb.security.counters import hit

from . import compose, tokens
from .forms import ChoicesForm, SubscribeForm
from .models import Subscriber

MAX_BODY = 16 * 1024
PER_MINUTE = 5
# At most this many mails an hour to one address, however many people type it in.
MAILS_PER_ADDRESS_AN_HOUR = 3
_SECRET = os.urandom(32)


def _notice(request, title, message, status=200, **extra):
    return render(
        request,
        "subscriptions/notice.html",
        {"title": title, "message": message, **extra},
        status=status,
    )


def _refused(request):
    """The checks every post of a form on the site passes first; an error response, or
    None."""
    if not is_same_origin(request):
        return _notice(
            request,
            _("Det gick inte att skicka"),
            _(
                "Formuläret skickades inte från den här webbplatsen. "
                "Gå tillbaka till sidan och försök igen."
            ),
            403,
        )
    if not ratelimit.allow(request, "subscriptions", per_minute=PER_MINUTE):
        response = _notice(
            request,
            _("Vänta en stund"),
            _(
                "Du har skickat formuläret många gånger på kort tid. "
                "Vänta en minut och försök igen."
            ),
            429,
        )
        response["Retry-After"] = "60"
        return response
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY + 1
    if length > MAX_BODY:
        return _notice(
            request, _("Det gick inte att skicka"), _("Det du skickade var för långt."), 400
        )
    return None


def _see_other(url):
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _may_mail(address: str) -> bool:
    """Count a mail to ``address`` this hour, under a key no one can turn back into it."""
    digest = hmac.new(_SECRET, address.encode(), hashlib.sha256).hexdigest()[:32]
    count = hit(cache, f"kw-sub:{digest}", 3600)
    return count is None or count <= MAILS_PER_ADDRESS_AN_HOUR


def _form_page(request, form, status=200, subscriber=None, token=""):
    return render(
        request,
        "subscriptions/subscribe.html",
        {"form": form, "subscriber": subscriber, "token": token},
        status=status,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return _form_page(request, SubscribeForm())
    if refused := _refused(request):
        return refused
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    address = form.cleaned_data["email"]
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=address).first()
        if subscriber is not None and subscriber.is_confirmed:
            if _may_mail(address):
                queue_email(
                    to=[address],
                    subject=_("Dina prenumerationer"),
                    body=compose.render(
                        "subscriptions/mail/already.txt",
                        {"manage_url": compose.manage_url(subscriber)},
                    ),
                    purpose="prenumeration",
                )
        else:
            subscriber = subscriber or Subscriber(email=address)
            subscriber.alert_level = form.cleaned_data["alert_level"]
            subscriber.created_at = timezone.now()
            subscriber.save()
            subscriber.topics.set(form.cleaned_data["topics"])
            if _may_mail(address):
                queue_email(
                    to=[address],
                    subject=_("Bekräfta din prenumeration"),
                    body=compose.render(
                        "subscriptions/mail/confirm.txt",
                        {
                            "confirm_url": compose.confirm_url(subscriber),
                            "hours": tokens.confirm_max_age() // 3600,
                        },
                    ),
                    purpose="prenumeration",
                )
    return _see_other(reverse("subscriptions:sent"))


@never_cache
def sent(request):
    return _notice(
        request,
        _("Titta i din e-post"),
        _(
            "Vi har skickat ett mejl till adressen du angav. Klicka på länken i mejlet för att "
            "bekräfta prenumerationen. Inget skickas till dig innan du har bekräftat."
        ),
    )


def _bad_link(request):
    return _notice(
        request,
        _("Länken gäller inte"),
        _("Länken är ogiltig eller för gammal. Anmäl dig igen, så skickar vi en ny länk."),
        400,
        subscribe_link=True,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = tokens.read(token, tokens.CONFIRM)
    if subscriber is None:
        return _bad_link(request)
    if request.method == "GET":
        # A link scanner following the link confirms nothing: the owner presses the button.
        return _notice(
            request,
            _("Bekräfta prenumerationen"),
            _("Tryck på knappen för att börja få mejl från oss."),
            action=request.path,
            button=_("Bekräfta"),
        )
    if refused := _refused(request):
        return refused
    now = timezone.now()
    if not subscriber.is_confirmed:
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmed_at=now, renewed_at=now)
    return _notice(
        request,
        _("Klart! Du prenumererar nu"),
        _("Varje mejl vi skickar har en länk där du kan ändra dina val eller avsluta."),
        manage_link=compose.manage_url(subscriber),
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = tokens.read(token, tokens.MANAGE)
    if subscriber is None or not subscriber.is_confirmed:
        return _bad_link(request)
    if request.method == "GET":
        initial = {
            "alert_level": subscriber.alert_level,
            "topics": list(subscriber.topics.all()),
        }
        return _form_page(request, ChoicesForm(initial=initial), subscriber=subscriber, token=token)
    if refused := _refused(request):
        return refused
    form = ChoicesForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400, subscriber=subscriber, token=token)
    with transaction.atomic():
        subscriber.alert_level = form.cleaned_data["alert_level"]
        subscriber.renewed_at = timezone.now()
        subscriber.save(update_fields=["alert_level", "renewed_at"])
        subscriber.topics.set(form.cleaned_data["topics"])
    return _notice(
        request,
        _("Dina val är sparade"),
        _("Från och med nu får du mejl enligt dina nya val."),
        manage_link=request.path,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    payload = tokens.verify(token, tokens.MANAGE)
    if payload is None:
        return _bad_link(request)
    if request.method == "GET":
        # One click on the button; a link scanner's GET unsubscribes nobody (RFC 8058).
        return _notice(
            request,
            _("Avsluta prenumerationen"),
            _("Tryck på knappen så tar vi bort din e-postadress och dina val."),
            action=request.path,
            button=_("Avsluta prenumerationen"),
        )
    # The mail client's one-click post comes from its own servers, many users' posts from
    # the same ones: neither the Origin check nor the rate limit applies; the signed token
    # is the authority.
    subscriber = tokens.subscriber_for(payload)
    if subscriber is not None:
        subscriber.delete()
    return _notice(
        request,
        _("Prenumerationen är avslutad"),
        _("Vi har tagit bort din e-postadress och du får inga fler mejl från oss."),
        subscribe_link=True,
    )
