"""Content-Security-Policy from django-csp, with a policy of its own for the admin.

Public pages run only the site's own scripts (``script-src 'self'``, no ``unsafe-inline``):
they have no inline script and no event-handler attribute, and JSON-LD is data, which CSP
does not run. Wagtail 8's admin needs more; what exactly was measured in headless Chromium
(``tests/test_csp_browser.py``) and is written down in docs/security.md. django-csp's
middleware is extended where its documentation says to: ``get_policy_parts``.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def admin_prefix() -> str:
    return getattr(settings, "KOMMUNWEBB_ADMIN_PATH_PREFIX", "/admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(admin_prefix()):
            admin = getattr(settings, "KOMMUNWEBB_ADMIN_CONTENT_SECURITY_POLICY", None)
            if admin:
                parts.config = admin["DIRECTIVES"]
        elif getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
            # Wagtail renders a preview through a request for the page's public address;
            # the admin frames it beside the editor (the preview and the "Kontroller"
            # panel's words, reading time and readability), so this site may frame it.
            directives = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]}
            directives["frame-ancestors"] = ["'self'"]
            parts.config = directives
        return parts
