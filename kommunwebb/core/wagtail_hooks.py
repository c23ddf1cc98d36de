from django.http import Http404
from django.utils import timezone
from wagtail import hooks

from .rich_text import ExternalLinkHandler


@hooks.register("before_serve_page")
def refuse_expired_page(page, request, serve_args, serve_kwargs):
    """A page past its expiry time is gone for visitors at that moment, even in the seconds
    before the task worker unpublishes it (``operations/publishing.py``)."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404


@hooks.register("register_rich_text_features")
def mark_external_links(features):
    features.register_link_type(ExternalLinkHandler)
