"""Logins, failures, lockouts, expired sessions and two-factor changes in Wagtail's audit log
(**Rapporter → Webbplatshistorik** in the admin), on the account concerned. Entries hold the
account, the time and what happened; never an address or a user agent."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

LOGIN = "kommunwebb.login"
LOGIN_FAILED = "kommunwebb.login_failed"
LOCKED_OUT = "kommunwebb.locked_out"
LOGOUT = "kommunwebb.logout"
SESSION_EXPIRED = "kommunwebb.session_expired"
TWO_FACTOR_VERIFIED = "kommunwebb.2fa_verified"
TWO_FACTOR_FAILED = "kommunwebb.2fa_failed"
TWO_FACTOR_ENABLED = "kommunwebb.2fa_enabled"
TWO_FACTOR_DISABLED = "kommunwebb.2fa_disabled"
RECOVERY_CODES = "kommunwebb.2fa_recovery_codes"
RECOVERY_CODE_USED = "kommunwebb.2fa_recovery_code_used"

ACTIONS = {
    LOGIN: (_("Inloggning"), _("Loggade in")),
    LOGIN_FAILED: (_("Misslyckad inloggning"), _("Fel lösenord")),
    LOCKED_OUT: (_("Spärrad inloggning"), _("Inloggningen spärrades efter för många försök")),
    LOGOUT: (_("Utloggning"), _("Loggade ut")),
    SESSION_EXPIRED: (_("Sessionen upphörde"), _("Utloggad efter inaktivitet eller tidsgräns")),
    TWO_FACTOR_VERIFIED: (_("Tvåstegsverifiering"), _("Verifierade inloggningen med kod")),
    TWO_FACTOR_FAILED: (_("Fel verifieringskod"), _("Fel kod vid tvåstegsverifiering")),
    TWO_FACTOR_ENABLED: (_("Tvåstegsverifiering på"), _("Slog på tvåstegsverifiering")),
    TWO_FACTOR_DISABLED: (_("Tvåstegsverifiering av"), _("Stängde av tvåstegsverifiering")),
    RECOVERY_CODES: (_("Nya reservkoder"), _("Skapade nya reservkoder")),
    RECOVERY_CODE_USED: (_("Reservkod använd"), _("Loggade in med en reservkod")),
}


def register_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


def _real(obj):
    """request.user is a lazy object, which Wagtail's log does not look into (it would
    quietly log nothing)."""
    if isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        return obj._wrapped
    return obj


def record(account, action: str, actor=None, **data):
    """An entry about ``account``; ``actor`` is who did it (None: nobody logged in)."""
    account, actor = _real(account), _real(actor)
    if account is None or account.pk is None:
        return
    log(instance=account, action=action, user=actor, data=data or None)


def account_named(username: str):
    User = get_user_model()
    try:
        return User._default_manager.get_by_natural_key(username)
    except (User.DoesNotExist, ValueError):
        return None


def _logged_in(sender, request, user, **kwargs):
    record(user, LOGIN, actor=user)


def _logged_out(sender, request, user, **kwargs):
    if user is not None and not getattr(request, "_kommunwebb_session_expired", False):
        record(user, LOGOUT, actor=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or ""
    if username:
        record(account_named(username), LOGIN_FAILED)


def connect():
    user_logged_in.connect(_logged_in, dispatch_uid="kommunwebb.security.audit.login")
    user_logged_out.connect(_logged_out, dispatch_uid="kommunwebb.security.audit.logout")
    user_login_failed.connect(_login_failed, dispatch_uid="kommunwebb.security.audit.failed")
