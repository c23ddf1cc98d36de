from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EService


class EServiceViewSet(SnippetViewSet):
    model = EService
    icon = "link-external"
    menu_label = _("E-tjänster")
    menu_order = 220
    add_to_admin_menu = True
    list_display = [
        "name",
        BooleanColumn("requires_eid", label=_("E-legitimation")),
        "support",
    ]
    list_filter = ["requires_eid", "live"]
    search_fields = ["name", "description"]

    def get_queryset(self, request):
        return EService.objects.select_related("support")


register_snippet(EServiceViewSet)
