"""The admin warns when the accessibility statement is more than twelve months old: on
the dashboard and on the statement's edit view."""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import AccessibilityStatementPage


def outdated_statements():
    today = timezone.localdate()
    return [page for page in AccessibilityStatementPage.objects.live() if page.is_outdated(today)]


class OutdatedStatementPanel(Component):
    name = "outdated_accessibility_statement"
    template_name = "accessibility/admin/outdated_panel.html"
    order = 110

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context):
        return {
            "statements": [
                (page, reverse("wagtailadmin_pages:edit", args=[page.pk])) for page in self.pages
            ]
        }


@hooks.register("construct_homepage_panels")
def warn_on_the_dashboard(request, panels):
    outdated = outdated_statements()
    if outdated and any(page.permissions_for_user(request.user).can_edit() for page in outdated):
        panels.append(OutdatedStatementPanel(outdated))


@hooks.register("before_edit_page")
def warn_on_the_statement(request, page):
    if request.method != "GET" or page.specific_class is not AccessibilityStatementPage:
        return None
    statement = page.specific
    if statement.is_outdated():
        messages.warning(
            request,
            _(
                "Tillgänglighetsredogörelsen uppdaterades senast %(date)s, för mer än tolv "
                "månader sedan. Se över den, ändra datumet och publicera."
            )
            % {"date": statement.reviewed_on.isoformat()},
        )
    return None
