"""Sidrespons in the admin: two reports under Rapporter and the permission to see them."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import PERMISSION


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("sidrespons/", include("kommunwebb.feedback.admin_urls"))]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_pages_report():
    return FeedbackMenuItem(
        _("Sidrespons"),
        reverse("feedback_admin:pages"),
        name="page-feedback",
        icon_name="comment",
        order=60,
    )


@hooks.register("register_reports_menu_item")
def register_comments_report():
    return FeedbackMenuItem(
        _("Kommentarer om sidor"),
        reverse("feedback_admin:comments"),
        name="page-feedback-comments",
        icon_name="comment",
        order=61,
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="feedback", codename="view_feedback")
