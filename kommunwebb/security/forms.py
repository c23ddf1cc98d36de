"""Wagtail's login form with throttling (``WAGTAILADMIN_USER_LOGIN_FORM``)."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from wagtail.admin.forms.auth import LoginForm

from . import audit, throttle
from .twofactor import locked_message


class ThrottledLoginForm(LoginForm):
    """Refuses a login while the account or the client is locked out (``throttle``), counts
    each failure, and records lockouts in the audit log. A locked-out login is refused
    before the password is checked, so guessing goes no further even with the right one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's form declares the field without a label, so Django showed its name,
        # "Password", in English; Django's own form's label is translated ("Lösenord").
        self.fields["password"].label = AuthenticationForm.base_fields["password"].label

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        verdict = throttle.check(self.request, username)
        if verdict.locked:
            self._throttled(verdict)
        try:
            cleaned = super().clean()
        except ValidationError:
            verdict = throttle.record_failure(self.request, username)
            if verdict.locked:
                audit.record(audit.account_named(username), audit.LOCKED_OUT)
                self._throttled(verdict)
            raise
        throttle.record_success(self.request, username)
        return cleaned

    def _throttled(self, verdict):
        # AdminAccountMiddleware answers this request with 429 and Retry-After.
        self.request._kommunwebb_throttled = verdict
        raise ValidationError(locked_message(verdict), code="throttled")
