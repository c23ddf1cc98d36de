"""Sidansvar och granskning in the admin: the report under Rapporter, the dashboard panel,
the page's own form (from its edit view's header), and the units under Inställningar."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PageReview, ResponsibleUnit
from .ownership import is_overdue
from .reports import PagesToReviewView, pages_due


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("granskning/", include("kommunwebb.review.admin_urls"))]


def may_see_report(user) -> bool:
    """Anyone who may add, change or publish some page (Wagtail's rule for its own page
    reports)."""
    return PagePermissionPolicy().user_has_any_permission(
        user, PagesToReviewView.any_permission_required
    )


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        gettext_lazy("Sidor att granska"),
        reverse("review:report"),
        name="pages-to-review",
        icon_name="calendar-check",
        order=50,
    )


class UnitViewSet(SnippetViewSet):
    model = ResponsibleUnit
    icon = "group"
    menu_label = gettext_lazy("Ansvariga enheter")
    menu_name = "responsible-units"
    add_to_settings_menu = True
    menu_order = 450
    list_display = ["name", "email"]
    search_fields = ["name"]


register_snippet(UnitViewSet)


@hooks.register("register_page_header_buttons")
def review_button(page, user, view_name, next_url=None):
    """On the edit view: who answers for the page and when it is due."""
    if view_name != "edit" or not page.pk or page.depth <= 1:
        return []
    review = PageReview.objects.filter(page_id=page.pk).select_related("unit").first()
    if review is None or review.review_by is None:
        label = _("Sidansvar och granskning")
    else:
        label = _("Granska senast %(date)s") % {"date": review.review_by.isoformat()}
        if review.unit_id:
            label += f" · {review.unit.name}"
    overdue = review is not None and is_overdue(review.review_by)
    return [
        Button(
            label,
            url=reverse("review:page", args=[page.pk]),
            icon_name="warning" if overdue else "calendar-check",
            priority=6,
        )
    ]


@hooks.register("before_edit_page")
def warn_when_overdue(request, page):
    if request.method != "GET":
        return None
    review = PageReview.objects.filter(page_id=page.pk).first()
    if review is not None and is_overdue(review.review_by):
        messages.warning(
            request,
            _(
                "Sidan skulle ha granskats senast %(date)s. Gå igenom den och välj "
                "”Markera som granskad” under Sidansvar och granskning."
            )
            % {"date": review.review_by.isoformat()},
        )
    return None


class ReviewPanel(Component):
    name = "pages_to_review"
    template_name = "review/admin/dashboard_panel.html"
    order = 120

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        overdue, soon, own = pages_due(request.user)
        return {
            "overdue": overdue,
            "soon": soon,
            "own": own,
            "today": timezone.localdate(),
            "report_url": reverse("review:report"),
        }


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    if may_see_report(request.user):
        panels.append(ReviewPanel())
