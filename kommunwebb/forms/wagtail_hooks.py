from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class DeliveriesMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_deliveries(request.user)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("formular/leveranser/", admin_views.delivery_list, name="cityforms_deliveries"),
        path(
            "formular/leveranser/<int:delivery_id>/skicka-om/",
            admin_views.retry_delivery,
            name="cityforms_retry_delivery",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_menu():
    return DeliveriesMenuItem(
        _("Leveranser"),
        reverse("cityforms_deliveries"),
        name="form-deliveries",
        icon_name="mail",
        order=701,  # right after Wagtail's "Formulär"
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="cityforms", codename="retry_delivery")
