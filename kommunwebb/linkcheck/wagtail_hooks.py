"""Brutna länkar in the admin: the report under Rapporter, and on each page's edit view the
number of broken links (the header) and a warning that names them."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.pages import PagePermissionPolicy

from .problems import BROKEN, problems


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("lankar/", include("kommunwebb.linkcheck.admin_urls"))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        gettext_lazy("Brutna länkar"),
        reverse("linkcheck:report"),
        name="broken-links",
        icon_name="link-external",
        order=55,
    )


def _broken(page) -> list:
    if not page.pk or not page.live:
        return []
    return [row for row in problems(page.pk) if row.severity == BROKEN]


@hooks.register("register_page_header_buttons")
def broken_links_button(page, user, view_name, next_url=None):
    if view_name != "edit" or not page.pk:
        return []
    count = len(_broken(page))
    label = (
        ngettext("%(count)s trasig länk", "%(count)s trasiga länkar", count) % {"count": count}
        if count
        else _("Inga trasiga länkar")
    )
    return [
        Button(
            label,
            url=f"{reverse('linkcheck:report')}?sida={page.pk}",
            icon_name="warning" if count else "link",
            priority=7,
        )
    ]


@hooks.register("before_edit_page")
def warn_about_broken_links(request, page):
    if request.method != "GET":
        return None
    broken = _broken(page)
    if broken:
        targets = ", ".join(f"”{row.target}”" for row in broken[:3])
        messages.warning(
            request,
            ngettext(
                "Sidan har %(count)s trasig länk: %(targets)s.",
                "Sidan har %(count)s trasiga länkar: %(targets)s.",
                len(broken),
            )
            % {"count": len(broken), "targets": targets + (" …" if len(broken) > 3 else "")},
        )
    return None
