"""The admin's "Sidansvar och granskning" for one page: who answers for it, when it must
be reviewed next, and "Markera som granskad"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from . import ownership
from .forms import PageReviewForm


def _next_url(request, page) -> str:
    """Back where the editor came from (the report), or to the page's edit view."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@never_cache
def page_review(request, page_id):
    page = get_object_or_404(Page, pk=page_id, depth__gt=1).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    review = ownership.ensure_review(page)
    stored_date = review.review_by
    form = PageReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        review = form.save()
        if "reviewed" in request.POST:
            # A date the editor changed is kept; otherwise twelve months from today.
            chosen = review.review_by if review.review_by != stored_date else None
            ownership.mark_reviewed(review, request.user, chosen)
            messages.success(
                request,
                _("”%(title)s” är markerad som granskad. Nästa granskning: %(date)s.")
                % {"title": page.title, "date": review.review_by.isoformat()},
            )
        else:
            messages.success(
                request, _("Sidansvaret för ”%(title)s” är sparat.") % {"title": page.title}
            )
        return redirect(_next_url(request, page))
    title = _("Sidansvar och granskning")
    context = {
        "page_title": title,
        "page_subtitle": page.get_admin_display_title(),
        "header_title": title,
        "header_icon": "calendar-check",
        "breadcrumbs_items": [],
        "page": page,
        "review": review,
        "form": form,
        "overdue": ownership.is_overdue(stored_date),
        "next": request.GET.get("next", ""),
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "review/admin/page_review.html", context, status=status)
