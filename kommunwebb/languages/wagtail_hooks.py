from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import may_translate, translations_to_update


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "oversattningar-att-uppdatera/",
            translations_to_update,
            name="languages_translations_to_update",
        )
    ]


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_translate(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return TranslationsMenuItem(
        gettext_lazy("Översättningar att uppdatera"),
        reverse("languages_translations_to_update"),
        name="translations-to-update",
        icon_name="globe",
        order=60,
    )
