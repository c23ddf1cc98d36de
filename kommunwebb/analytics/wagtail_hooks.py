"""The statistics in Wagtail's admin: menu item, views, permission and the numbers shown
on each page's edit view."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from .admin_views import PERMISSION


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("statistik/", include("kommunwebb.analytics.admin_urls"))]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return StatisticsMenuItem(
        gettext_lazy("Statistik"),
        reverse("analytics_admin:dashboard"),
        name="statistik",
        icon_name="table",
        order=300,
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="analytics", codename="view_statistics"
    )


@hooks.register("register_page_header_buttons")
def page_statistics_button(page, user, view_name, next_url=None):
    """On the edit view: views in the last 30 days and p75 LCP, linking to the page's
    statistics. (Wagtail 8 has no hook for the side panels; this is the header's menu.)"""
    if view_name != "edit" or not page.pk or not user.has_perm(PERMISSION):
        return []
    from .speed import LCP
    from .stats import page_summary
    from .templatetags.analytics_tags import metric_value

    summary = page_summary(page.pk)
    label = _("Statistik: %(views)s visningar senaste 30 dagarna, LCP (p75) %(lcp)s") % {
        "views": summary["views"],
        "lcp": metric_value(summary["lcp_p75"], LCP),
    }
    return [
        Button(
            label,
            url=reverse("analytics_admin:page", args=[page.pk]),
            icon_name="table",
            priority=5,
        )
    ]
