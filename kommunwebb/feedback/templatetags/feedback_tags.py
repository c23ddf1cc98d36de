from django import template
from wagtail.models import Page

from ..models import COMMENT_MAX_LENGTH

register = template.Library()


@register.simple_tag
def feedback_page(page):
    """The page the question is about: a live page of the site (not the root, not a view
    that only happens to have a ``page`` in its context), or None."""
    if isinstance(page, Page) and page.pk and page.depth > 1 and page.live:
        return page
    return None


@register.simple_tag
def comment_max_length() -> int:
    return COMMENT_MAX_LENGTH
