from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kommunwebb.gdpr.permissions import can_handle_personal_data

from . import admin_views


class CountsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_handle_personal_data(request.user)


@hooks.register("register_admin_urls")
def register_urls():
    return [path("prenumerationer/", admin_views.counts, name="subscriptions_counts")]


@hooks.register("register_admin_menu_item")
def register_menu():
    return CountsMenuItem(
        _("Prenumerationer"),
        reverse("subscriptions_counts"),
        name="subscriptions",
        icon_name="mail",
        order=910,
    )
