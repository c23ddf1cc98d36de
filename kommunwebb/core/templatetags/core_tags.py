from django import template
from django.utils import timezone

from kommunwebb.alerts.models import Alert
from kommunwebb.core.formatting import document_label
from kommunwebb.pagecache import memo

register = template.Library()


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


@register.simple_tag(takes_context=True)
def active_alerts(context, page=None):
    """The alerts shown on this page, most urgent first. Every alert active now is read
    once per content generation (an alert's start and end are the generation's deadlines)
    and the page's own are picked from them."""

    def active():
        alerts = Alert.objects.active(timezone.now()).select_related("page", "link_page")
        return list(alerts.most_urgent_first())

    alerts = memo.shared("active_alerts", active, context.get("request"))
    return [alert for alert in alerts if alert.shown_on(page)]
