"""Content-Security-Policy from django-csp, with a policy of its own for the admin.

Public pages run only the site's own scripts (``script-src 'self'``, no ``unsafe-inline``):
they have no inline script and no event-handler attribute, and JSON-LD is data, which CSP
does not run. Wagtail 8's admin needs more; what exactly was measured in headless Chromium
(``tests/test_csp_browser.py``) and is written down in docs/security.md. django-csp's
middleware is extended where its documentation says to: ``get_policy_parts``.

django-csp builds the header from the settings for every response, twice (the policy and
the report-only one): a fifth of what a page-cache hit costs (docs/performance.md). Almost
every answer gets one of two strings, the public policy or the admin's, so those are built
once per settings object and reused. Whatever makes a response's policy its own (a nonce
asked for, a per-view ``@csp_update``/``@csp_replace``/``@csp_override``, a report-only
policy, the preview's framing, django-csp's exemptions) is left to django-csp.
"""

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings

# Set by django-csp's decorators on a response whose policy is its own.
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)


def admin_prefix() -> str:
    return getattr(settings, "KOMMUNWEBB_ADMIN_PATH_PREFIX", "/admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        # "public" / "admin" -> (the settings value it was built from, the header).
        self._built = {}

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

    def process_response(self, request, response):
        policy = self._shared_policy(request, response)
        if policy is None:
            return super().process_response(request, response)
        if HEADER not in response:
            response[HEADER] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _shared_policy(self, request, response) -> str | None:
        """The header of a response whose policy is the public one or the admin's, built
        once; None when django-csp has to build it."""
        if getattr(request, "_csp_nonce", None) is not None:
            return None
        if any(hasattr(response, name) for name in _OWN_POLICY):
            return None
        if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None):
            return None
        if settings.DEBUG and response.status_code in (404, 500):
            return None
        public = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        if not public or public.get("EXCLUDE_URL_PREFIXES"):
            return None
        if request.path_info.startswith(admin_prefix()):
            admin = getattr(settings, "KOMMUNWEBB_ADMIN_CONTENT_SECURITY_POLICY", None)
            if not admin:
                return None
            name, source, config = "admin", admin, admin["DIRECTIVES"]
        elif getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
            return None
        else:
            name, source, config = "public", public, None
        built = self._built.get(name)
        if built is None or built[0] is not source:
            built = self._built[name] = (source, build_policy(config=config))
        return built[1]
