"""The editors' side: every delivery's state, and "Försök igen" for the stuck ones."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseForbidden, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.contrib.forms.utils import get_forms_for_user

from . import tasks
from .submissions import Delivery

RETRY_PERMISSION = "cityforms.retry_delivery"
RETRYABLE = {Delivery.State.FAILED, Delivery.State.RETRYING}


def can_see_deliveries(user) -> bool:
    return user.is_active and get_forms_for_user(user).exists()


def can_retry(user) -> bool:
    return user.is_active and user.has_perm(RETRY_PERMISSION)


def visible_deliveries(user):
    return Delivery.objects.filter(page__in=get_forms_for_user(user)).select_related("page")


@never_cache
def delivery_list(request):
    if not can_see_deliveries(request.user):
        return HttpResponseForbidden(_("Du har inte behörighet att se formulärleveranser."))
    queryset = visible_deliveries(request.user)
    status = request.GET.get("status", "")
    if status in Delivery.State.values:
        queryset = queryset.filter(state=status)
    else:
        status = ""
    page = Paginator(queryset, 50).get_page(request.GET.get("p"))
    title = _("Formulärleveranser")
    context = {
        "page_title": title,
        "header_title": title,
        "header_icon": "mail",
        "breadcrumbs_items": [],
        "deliveries": page,
        "status": status,
        # Counts only where they call for action.
        "states": [
            (
                value,
                label,
                visible_deliveries(request.user).filter(state=value).count()
                if value in RETRYABLE
                else None,
            )
            for value, label in Delivery.State.choices
        ],
        "can_retry": can_retry(request.user),
        "retryable": RETRYABLE,
    }
    return TemplateResponse(request, "forms/admin/deliveries.html", context)


@never_cache
def retry_delivery(request, delivery_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not can_retry(request.user):
        return HttpResponseForbidden(_("Du har inte behörighet att skicka om leveranser."))
    delivery = get_object_or_404(visible_deliveries(request.user), pk=delivery_id)
    if delivery.state in RETRYABLE and tasks.retry(delivery):
        messages.success(
            request,
            _("Leveransen av %(reference)s skickas om.") % {"reference": delivery.reference},
        )
    else:
        messages.warning(
            request,
            _("Leveransen av %(reference)s kan inte skickas om (status: %(state)s).")
            % {"reference": delivery.reference, "state": delivery.get_state_display()},
        )
    return redirect("cityforms_deliveries")
