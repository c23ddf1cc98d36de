"""The admin's "Översättningar att uppdatera": Swedish pages published since their
translations were last synced, with the languages concerned and the way to sync them."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from .translations import out_of_date

PERMISSIONS = ["add", "change", "publish"]


def may_translate(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, PERMISSIONS)


def translations_to_update(request):
    if not may_translate(request.user):
        raise PermissionDenied
    title = _("Översättningar att uppdatera")
    return render(
        request,
        "languages/admin/translations_to_update.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "globe",
            "breadcrumbs_items": [],
            "items": [
                item
                for item in out_of_date()
                if item.page.permissions_for_user(request.user).can_edit()
            ],
        },
    )
