from django.http import Http404
from django.utils import timezone
from wagtail import hooks
from wagtail.models import PageViewRestriction

from . import visibility
from .rich_text import ExternalLinkHandler


@hooks.register("before_serve_page")
def refuse_expired_page(page, request, serve_args, serve_kwargs):
    """A page past its expiry time is gone for visitors at that moment, even in the seconds
    before the task worker unpublishes it (``operations/publishing.py``)."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404


@hooks.register("before_serve_page")
def skip_view_restrictions_on_an_open_site(page, request, serve_args, serve_kwargs):
    """Wagtail checks a page's view restrictions with two queries on every render (the
    page's ancestors, then their restrictions). Every restriction on the site is read once
    per content generation (``visibility.restricted_paths``; a restriction saved or deleted
    starts a new one): while there is none, there is nothing to check. With any, Wagtail
    checks as it always does (aliases included)."""
    if not visibility.restricted_paths(request):
        page.get_view_restrictions = PageViewRestriction.objects.none


@hooks.register("register_rich_text_features")
def mark_external_links(features):
    features.register_link_type(ExternalLinkHandler)
