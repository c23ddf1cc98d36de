"""The permission "Can handle personal data requests" guards everything under "Dataskydd"
in the admin: the rights tools and the retention overview. The data migration gives it to
the group "Dataskydd"."""

from functools import wraps

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

PERMISSION = "gdpr.handle_personal_data"


def can_handle_personal_data(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def admin_context(request, title, **extra):
    """What wagtailadmin/generic/base.html expects from a view."""
    return {
        "page_title": title,
        "header_title": title,
        "header_icon": "lock",
        "breadcrumbs_items": [],
        **extra,
    }


def handles_personal_data(view):
    """Holders of the permission only, others get a 403 page (not Wagtail's redirect);
    never cached anywhere."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_handle_personal_data(request.user):
            return TemplateResponse(
                request,
                "gdpr/forbidden.html",
                admin_context(request, _("Behörighet saknas")),
                status=403,
            )
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        return response

    return never_cache(wrapped)
