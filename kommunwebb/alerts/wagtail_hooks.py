from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Alert, Crisis


def _where(alert):
    return alert.page.title if alert.page_id else _("Hela webbplatsen")


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Driftmeddelanden")
    menu_order = 200
    add_to_admin_menu = True
    # Wagtail adds the status (published, draft, scheduled, expired) after these.
    list_display = [
        "title",
        "level",
        Column("page", label=_("Visas på"), accessor=_where),
        DateColumn("expire_at", label=_("Tas ned")),
    ]
    list_filter = ["level", "live"]
    search_fields = ["title", "message"]

    def get_queryset(self, request):
        return Alert.objects.select_related("page")


class CrisisViewSet(SnippetViewSet):
    """Crisis mode: publishing a crisis switches it on, unpublishing switches it off.
    Scenarios can be prepared as drafts (docs/crisis.md)."""

    model = Crisis
    icon = "warning"
    menu_label = _("Krisläge")
    menu_order = 199
    add_to_admin_menu = True
    list_display = ["title", DateColumn("last_published_at", label=_("Uppdaterad"))]
    search_fields = ["title", "happened"]


register_snippet(AlertViewSet)
register_snippet(CrisisViewSet)


class VmaSourcesMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("vma/", admin_views.vma_sources, name="alerts_vma_sources")]


@hooks.register("register_admin_menu_item")
def register_vma_menu_item():
    # Beside Krisläge (199) and Driftmeddelanden (200).
    return VmaSourcesMenuItem(
        _("VMA-källor"),
        reverse("alerts_vma_sources"),
        name="vma-sources",
        icon_name="warning",
        order=201,
    )
