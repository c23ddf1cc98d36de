from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import urls, views
from .permissions import can_handle_personal_data


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return can_handle_personal_data(request.user)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("dataskydd/", include(urls, namespace="gdpr")),
        path("gallring/", views.retention_overview, name="retention_overview"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu():
    menu = Menu(
        items=[
            PersonalDataMenuItem(
                _("Personuppgifter"),
                reverse("gdpr:search"),
                name="personal-data",
                icon_name="user",
                order=100,
            ),
            PersonalDataMenuItem(
                _("Gallring"),
                reverse("retention_overview"),
                name="retention",
                icon_name="history",
                order=200,
            ),
        ]
    )
    return SubmenuMenuItem(
        _("Dataskydd"), menu, name="data-protection", icon_name="lock", order=900
    )
