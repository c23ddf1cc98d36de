"""Template tags for what the services app shows outside its own pages: the home page's
"Hitta snabbt", "Populära tjänster" and service areas. Nothing here may depend on who is
asking: public pages are cached and shared."""

from django import template
from wagtail.models import Site

from kommunwebb.core.visibility import visible

from ..models import ServiceAreaPage, ServiceNavigation

register = template.Library()


def _request(context):
    return context.get("request")


@register.simple_tag(takes_context=True)
def service_navigation(context):
    """``{% service_navigation as navigation %}``: the site's "Hitta snabbt" and "Populära
    tjänster", or None outside a request (for example in an e-mail)."""
    request = _request(context)
    if request is None:
        return None
    return ServiceNavigation.for_request(request)


@register.simple_tag(takes_context=True)
def service_areas(context):
    """The site's live, public service areas in the order of the page tree."""
    request = _request(context)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    return list(visible(ServiceAreaPage.objects.in_site(site)).order_by("path"))
