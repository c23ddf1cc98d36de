from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from . import audit, twofactor


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("tvastegs/", twofactor.manage, name="kommunwebb_2fa"),
        path("tvastegs/verifiera/", twofactor.verify, name="kommunwebb_2fa_verify"),
        path("tvastegs/sla-pa/", twofactor.setup, name="kommunwebb_2fa_setup"),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("kommunwebb_2fa"),
        "label": _("Tvåstegsverifiering"),
        "help_text": _(
            "Logga in med en kod från en app i telefonen utöver lösenordet, och hantera "
            "dina reservkoder."
        ),
    }
