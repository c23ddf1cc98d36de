from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Alert


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Driftmeddelanden")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "level", "starts_at", "ends_at", "page"]
    list_filter = ["level"]
    search_fields = ["title", "message"]


register_snippet(AlertViewSet)
