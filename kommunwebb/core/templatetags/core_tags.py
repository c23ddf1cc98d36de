from django import template

from kommunwebb.core import visibility
from kommunwebb.core.formatting import document_label

register = template.Library()


@register.filter
def is_visible(obj):
    """Whether a visitor may see a page or snippet a block or banner links to: published,
    public and not expired (``core/visibility.py``)."""
    return visibility.is_visible(obj)


@register.filter
def visible_links(links):
    """Links (or stream blocks holding one: a "page" or a "url") that point outside the site
    or to a page a visitor may see. A link to a draft, unpublished, expired, private or
    deleted page is left out rather than lead to a 404 or a login."""
    kept = []
    for link in links or ():
        value = getattr(link, "value", link)
        page = value.get("page")
        if visibility.is_visible(page) if page is not None else value.get("url"):
            kept.append(link)
    return kept


@register.filter
def document_format(document):
    """A document's "(pdf, 2,6 MB)" part, as DIGG asks for on every document link."""
    size = document.get_file_size()
    return document_label(document.file_extension, size)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors below the tree root, for the breadcrumb trail."""
    if page is None or not getattr(page, "depth", None) or page.depth <= 2:
        return []
    # Routing a request leaves each page's parent on it: no query when the chain is whole.
    chain, node = [], page
    while node.depth > 2 and getattr(node, "_cached_parent_obj", None) is not None:
        node = node._cached_parent_obj
        chain.append(node)
    if node.depth <= 2:
        return chain[::-1]
    return list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))


@register.filter
def tel_links(text):
    """Plain text with its phone numbers as ``tel:`` links (core/phone.py)."""
    from kommunwebb.core.phone import link_phone_numbers

    return link_phone_numbers(str(text or ""))


@register.filter(is_safe=True)
def rich_text_tel_links(html):
    """Rich text HTML (already safe) with its phone numbers as ``tel:`` links."""
    from kommunwebb.core.phone import link_phone_numbers_in_html

    return link_phone_numbers_in_html(str(html or ""))
