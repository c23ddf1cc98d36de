from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.forms.views import FormPagesListView

from . import admin_views
from .access import SubmissionAccess, readable_forms


@hooks.register("filter_form_submissions_for_user")
def only_granted_forms(user, editable_forms):
    """Replaces Wagtail's rule (whoever may edit the page) with explicit grants (access.py),
    for the submission listing, both exports, deleting and the "Formulär" menu."""
    return readable_forms(user)


class ReadableFormsIndex(FormPagesListView):
    """Wagtail's list of forms, open to whoever may read at least one form's submissions:
    the group "Dataskydd" has no page permissions, and Wagtail's list asked for them."""

    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not readable_forms(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SubmissionAccessViewSet(ModelViewSet):
    model = SubmissionAccess
    icon = "form"
    add_to_settings_menu = True
    menu_label = _("Behörighet till formulärsvar")
    name = "submission-access"
    list_display = ["group", "page"]
    form_fields = ["group", "page"]


@hooks.register("register_admin_viewset")
def register_submission_access():
    return SubmissionAccessViewSet()


class DeliveriesMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_deliveries(request.user)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        # Before wagtail.contrib.forms' own "forms/" (this app comes first in INSTALLED_APPS).
        path("forms/", ReadableFormsIndex.as_view(), name="cityforms_forms_index"),
        path(
            "forms/results/",
            ReadableFormsIndex.as_view(results_only=True),
            name="cityforms_forms_index_results",
        ),
        path("formular/leveranser/", admin_views.delivery_list, name="cityforms_deliveries"),
        path(
            "formular/leveranser/<int:delivery_id>/skicka-om/",
            admin_views.retry_delivery,
            name="cityforms_retry_delivery",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_menu():
    return DeliveriesMenuItem(
        _("Leveranser"),
        reverse("cityforms_deliveries"),
        name="form-deliveries",
        icon_name="mail",
        order=701,  # right after Wagtail's "Formulär"
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="cityforms", codename="retry_delivery")
