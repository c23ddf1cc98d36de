"""Two-factor authentication for the admin: TOTP (an authenticator app) with recovery codes,
from django-otp's TOTP and static-token devices, in Wagtail's login flow.

* Required for superusers and the groups in ``KOMMUNWEBB_2FA_REQUIRED_GROUPS``
  ("Webbredaktör", "Dataskydd"), for everyone with ``KOMMUNWEBB_2FA_REQUIRED_FOR_ALL``;
  optional for others, but whoever has set it up must use it.
* After the password, an account with a confirmed device is asked for a code
  (``verify``); one that must have one and has none is sent to set it up (``setup``), which
  shows a QR code, confirms a first code and then shows ten recovery codes once.
* ``manage`` (the account menu, "Tvåstegsverifiering") shows the state, makes new recovery
  codes and turns it off where it is not required. Every change is in the audit log.

``kommunwebb.security.middleware.AdminAccountMiddleware`` sends admin requests here.
"""

from __future__ import annotations

import base64
import io
import re
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, throttle

RECOVERY_CODES = 10
DEVICE_NAME = "Autentiseringsapp"
RECOVERY_NAME = "Reservkoder"
DEFAULT_REQUIRED_GROUPS = ("Webbredaktör", "Dataskydd")


def enforced() -> bool:
    """Off only in the test settings, where most tests log in without a second factor."""
    return getattr(settings, "KOMMUNWEBB_2FA_ENFORCED", True)


def required_for(user) -> bool:
    if getattr(settings, "KOMMUNWEBB_2FA_REQUIRED_FOR_ALL", False) or user.is_superuser:
        return True
    groups = getattr(settings, "KOMMUNWEBB_2FA_REQUIRED_GROUPS", DEFAULT_REQUIRED_GROUPS)
    return user.groups.filter(name__in=groups).exists()


def totp_device(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _admin_home() -> str:
    return reverse("wagtailadmin_home")


# --- Forms --------------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kod"),
        max_length=20,
        help_text=gettext_lazy(
            "Sex siffror från autentiseringsappen, eller en av dina reservkoder."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def _check_code(user, code: str):
    """The device that accepts ``code`` (TOTP first, then a recovery code), or None."""
    for device in list(TOTPDevice.objects.filter(user=user, confirmed=True)) + list(
        StaticDevice.objects.filter(user=user, confirmed=True)
    ):
        with transaction.atomic():
            allowed, _info = device.verify_is_allowed()
            if allowed and device.verify_token(code):
                return device
    return None


# --- Views --------------------------------------------------------------------------


def _context(request, title, **extra):
    return {"page_title": title, "header_title": title, "header_icon": "key", **extra}


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The second step after the password."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    next_url = safe_next(request, _admin_home())
    if user.is_verified() or not has_second_factor(user):
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    status, problem = 200, ""
    verdict = throttle.check(request, user.get_username())
    if verdict.locked:
        form, problem, status = CodeForm(), locked_message(verdict), 429
    elif request.method == "POST" and form.is_valid():
        device = _check_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            throttle.record_success(request, user.get_username())
            used_recovery = isinstance(device, StaticDevice)
            audit.record(
                user,
                audit.RECOVERY_CODE_USED if used_recovery else audit.TWO_FACTOR_VERIFIED,
                actor=user,
            )
            if used_recovery:
                left = StaticToken.objects.filter(device=device).count()
                messages.warning(
                    request,
                    _("Du loggade in med en reservkod. Du har %(count)s kvar.") % {"count": left},
                )
            return redirect(next_url)
        audit.record(user, audit.TWO_FACTOR_FAILED, actor=user)
        verdict = throttle.record_failure(request, user.get_username())
        if verdict.locked:
            audit.record(user, audit.LOCKED_OUT, actor=user)
            form, problem, status = CodeForm(), locked_message(verdict), 429
        else:
            form.add_error("code", _("Koden stämmer inte. Kontrollera den och försök igen."))
            status = 422
    context = _context(request, _("Tvåstegsverifiering"), form=form, next=next_url, problem=problem)
    return TemplateResponse(request, "security/verify.html", context, status=status)


def _qr_svg(url: str) -> str:
    """The QR code as inline SVG: no image request, nothing the admin's CSP must allow."""
    import qrcode
    import qrcode.image.svg

    out = io.BytesIO()
    qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    svg = out.getvalue().decode()
    svg = svg[svg.index("<svg") :]
    # Big enough for a phone's camera at arm's length (qrcode sizes it in millimetres).
    return re.sub(r'width="[^"]*" height="[^"]*"', 'width="232" height="232"', svg, count=1)


def _grouped(secret: str) -> str:
    # Typed by hand when the camera does not work: groups of four are easier to copy.
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Set up an authenticator app: QR code, a first code, then the recovery codes."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    if has_second_factor(user) and not user.is_verified():
        return redirect(reverse("kommunwebb_2fa_verify") + "?next=" + quote(request.path))
    if has_second_factor(user):
        return redirect("kommunwebb_2fa")
    device = totp_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            otp_login(request, device)
            codes = new_recovery_codes(user)
            audit.record(user, audit.TWO_FACTOR_ENABLED, actor=user)
            context = _context(
                request,
                _("Tvåstegsverifiering är på"),
                codes=codes,
                next=safe_next(request, _admin_home()),
            )
            return TemplateResponse(request, "security/recovery_codes.html", context)
        form.add_error(
            "code", _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.")
        )
        status = 422
    context = _context(
        request,
        _("Slå på tvåstegsverifiering"),
        form=form,
        # The issuer in the app is OTP_TOTP_ISSUER (the site's name, settings/base.py).
        qr=mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - made here, not input
        secret=_grouped(base64.b32encode(device.bin_key).decode()),
        required=required_for(user) and enforced(),
        next=safe_next(request, _admin_home()),
    )
    return TemplateResponse(request, "security/setup.html", context, status=status)


@never_cache
def manage(request):
    """The account's second factor: state, new recovery codes, turning it off."""
    user = request.user
    enabled = has_second_factor(user)
    required = required_for(user) and enforced()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "codes" and enabled:
            codes = new_recovery_codes(user)
            audit.record(user, audit.RECOVERY_CODES, actor=user)
            context = _context(
                request, _("Nya reservkoder"), codes=codes, next=reverse("kommunwebb_2fa")
            )
            return TemplateResponse(request, "security/recovery_codes.html", context)
        if action == "off" and enabled and not required:
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            audit.record(user, audit.TWO_FACTOR_DISABLED, actor=user)
            messages.success(request, _("Tvåstegsverifiering är avstängd för ditt konto."))
            return redirect("kommunwebb_2fa")
        messages.error(request, _("Det gick inte att ändra tvåstegsverifieringen."))
        return redirect("kommunwebb_2fa")
    recovery = StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).first()
    context = _context(
        request,
        _("Tvåstegsverifiering"),
        enabled=enabled,
        required=required,
        codes_left=recovery.token_set.count() if recovery else 0,
    )
    return TemplateResponse(request, "security/manage.html", context)


def locked_message(verdict) -> str:
    minutes = max(1, round(verdict.retry_after / 60))
    return _(
        "För många misslyckade inloggningar. Försök igen om %(minutes)s minuter eller "
        "kontakta webbredaktionen."
    ) % {"minutes": minutes}
