"""Admin sessions: an idle timeout, an absolute limit, and the second factor.

Placed after django-otp's ``OTPMiddleware`` (which gives ``request.user.is_verified()``).

* A logged-in session ends after ``KOMMUNWEBB_SESSION_IDLE_TIMEOUT`` seconds without a
  request (30 minutes) and ``KOMMUNWEBB_SESSION_MAX_AGE`` after the login (12 hours),
  "remember me" or not (``SESSION_COOKIE_AGE`` is the same 12 hours). Each end is in the
  audit log, and the login page says why.
* In the admin, an account with a second factor that has not given its code yet is sent to
  ``verify``; one that must have a second factor and has none, to ``setup``
  (kommunwebb/security/twofactor.py). Only the login, logout and those two pages (and the
  admin's static helpers) are open before that.
* A login refused by the throttle is answered with 429 and ``Retry-After``.
"""

from __future__ import annotations

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import audit, twofactor

LOGIN_AT = "kw_login_at"
SEEN_AT = "kw_seen_at"
# A session is written at most this often just to note that its user is still there.
SEEN_RESOLUTION = 60

OPEN_BEFORE_SECOND_FACTOR = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "kommunwebb_2fa_verify",
    "kommunwebb_2fa_setup",
)


def idle_timeout() -> int:
    return int(getattr(settings, "KOMMUNWEBB_SESSION_IDLE_TIMEOUT", 30 * 60))


def max_age() -> int:
    return int(getattr(settings, "KOMMUNWEBB_SESSION_MAX_AGE", 12 * 3600))


def _note_login(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


def connect():
    user_logged_in.connect(_note_login, dispatch_uid="kommunwebb.security.accounts.login")


class AdminAccountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ended = self._session_ended(request)
            if ended is not None:
                return ended
            if twofactor.enforced() and request.path_info.startswith("/admin/"):
                detour = self._second_factor(request)
                if detour is not None:
                    return detour
        response = self.get_response(request)
        verdict = getattr(request, "_kommunwebb_throttled", None)
        if verdict is not None and response.status_code == 200:
            response.status_code = 429
            response["Retry-After"] = str(verdict.retry_after)
        return response

    def _session_ended(self, request):
        session = request.session
        now = int(time.time())
        login_at = session.get(LOGIN_AT)
        seen_at = session.get(SEEN_AT)
        if login_at is None or seen_at is None:
            # A session from before these limits: it starts counting now.
            session[LOGIN_AT] = session[SEEN_AT] = now
            return None
        if now - login_at > max_age():
            why = _("Du har loggats ut eftersom du varit inloggad i %(hours)s timmar.") % {
                "hours": round(max_age() / 3600)
            }
        elif now - seen_at > idle_timeout():
            why = _("Du har loggats ut efter %(minutes)s minuter utan aktivitet.") % {
                "minutes": round(idle_timeout() / 60)
            }
        else:
            if now - seen_at >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
            return None
        user = request.user
        request._kommunwebb_session_expired = True
        audit.record(user, audit.SESSION_EXPIRED, actor=user)
        logout(request)
        messages.info(request, why)
        login = reverse("wagtailadmin_login")
        if request.path_info.startswith("/admin/") and request.method == "GET":
            login += "?next=" + quote(request.get_full_path())
        return redirect(login)

    def _second_factor(self, request):
        from django.urls import Resolver404, resolve

        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        user = request.user
        if not user.has_perm("wagtailadmin.access_admin"):
            return None
        if user.is_verified():
            return None
        if twofactor.has_second_factor(user):
            target = "kommunwebb_2fa_verify"
        elif twofactor.required_for(user):
            target = "kommunwebb_2fa_setup"
        else:
            return None
        return redirect(reverse(target) + "?next=" + quote(request.get_full_path()))
