from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kommunwebb.search.models import SynonymGroup
from kommunwebb.search.reports import (
    FewHitsReportView,
    SuggestionReportView,
    TopQueriesReportView,
    ZeroResultReportView,
)


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "resubmit"
    menu_label = _("Synonymer")
    list_display = ["__str__"]
    search_fields = ["terms"]
    add_to_admin_menu = False


synonyms = SynonymGroupViewSet()
register_snippet(synonyms)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permissions, **kwargs):
        self.permissions = permissions
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return any(request.user.has_perm(perm) for perm in self.permissions)


def _search_menu():
    return Menu(
        items=[
            PermissionMenuItem(
                _("Synonymer"),
                reverse(synonyms.get_url_name("list")),
                name="synonyms",
                icon_name="resubmit",
                order=100,
                permissions=[
                    f"kommunwebb_search.{action}_synonymgroup"
                    for action in ("add", "change", "delete", "view")
                ],
            ),
            PermissionMenuItem(
                _("Utvalda sökträffar"),
                reverse("wagtailsearchpromotions:index"),
                name="search-promotions",
                icon_name="pick",
                order=200,
                permissions=[
                    f"wagtailsearchpromotions.{action}_searchpromotion"
                    for action in ("add", "change", "delete")
                ],
            ),
            PermissionMenuItem(
                _("Sökningar utan träffar"),
                reverse("search_zero_results"),
                name="search-zero-results",
                icon_name="search",
                order=300,
                permissions=["kommunwebb_search.view_zeroresultquery"],
            ),
            PermissionMenuItem(
                _("Vanligaste sökningar"),
                reverse("search_top_queries"),
                name="search-top-queries",
                icon_name="list-ol",
                order=400,
                permissions=["kommunwebb_search.view_searchqueryday"],
            ),
            PermissionMenuItem(
                _("Sökningar med få träffar"),
                reverse("search_few_hits"),
                name="search-few-hits",
                icon_name="warning",
                order=500,
                permissions=["kommunwebb_search.view_searchqueryday"],
            ),
            PermissionMenuItem(
                _("Valda förslag"),
                reverse("search_suggestions_taken"),
                name="search-suggestions-taken",
                icon_name="pick",
                order=600,
                permissions=["kommunwebb_search.view_suggestionchoice"],
            ),
        ]
    )


@hooks.register("register_admin_menu_item")
def register_search_menu():
    return SubmenuMenuItem(_("Sökfunktionen"), _search_menu(), icon_name="search", order=850)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("sok/utan-traffar/", ZeroResultReportView.as_view(), name="search_zero_results"),
        path(
            "sok/utan-traffar/results/",
            ZeroResultReportView.as_view(results_only=True),
            name="search_zero_results_results",
        ),
        path("sok/vanligast/", TopQueriesReportView.as_view(), name="search_top_queries"),
        path(
            "sok/vanligast/results/",
            TopQueriesReportView.as_view(results_only=True),
            name="search_top_queries_results",
        ),
        path("sok/fa-traffar/", FewHitsReportView.as_view(), name="search_few_hits"),
        path(
            "sok/fa-traffar/results/",
            FewHitsReportView.as_view(results_only=True),
            name="search_few_hits_results",
        ),
        path("sok/valda-forslag/", SuggestionReportView.as_view(), name="search_suggestions_taken"),
        path(
            "sok/valda-forslag/results/",
            SuggestionReportView.as_view(results_only=True),
            name="search_suggestions_taken_results",
        ),
    ]


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="kommunwebb_search",
        codename__in=[
            "view_zeroresultquery",
            "view_searchqueryday",
            "view_suggestionchoice",
        ],
    )


@hooks.register("construct_reports_menu")
def hide_search_terms_report(request, menu_items):
    # Wagtail's "Search terms" report counts every query; Kommunwebb keeps only those that
    # found nothing (in the menu above), so the empty report would only mislead.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
