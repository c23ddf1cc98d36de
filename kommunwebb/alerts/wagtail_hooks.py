from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
