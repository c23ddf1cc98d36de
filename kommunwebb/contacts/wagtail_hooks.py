from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactCard


def _phone_numbers(card):
    return ", ".join(phone.number for phone in card.phone_numbers.all())


class ContactCardViewSet(SnippetViewSet):
    model = ContactCard
    icon = "user"
    menu_label = _("Kontaktkort")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "name",
        "description",
        Column("phone_numbers", label=_("Telefon"), accessor=_phone_numbers),
        "email",
    ]
    # Plain ORM search: editors look cards up by name, what they do or their address.
    search_fields = ["name", "description", "email"]

    def get_queryset(self, request):
        return ContactCard.objects.prefetch_related("phone_numbers")


register_snippet(ContactCardViewSet)
