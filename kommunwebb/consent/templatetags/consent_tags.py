"""Template tags for the consent banner, the settings link and the cookie table.

Public pages are cached per consent state (contract C1), so nothing here may depend on
the request beyond ``consent_state(request)`` and the page's own path.
"""

from django import template
from django.template import TemplateDoesNotExist
from django.utils.html import escape
from django.utils.safestring import mark_safe

from kommunwebb.consent import registry
from kommunwebb.consent.state import UNSET, consent_state

register = template.Library()

STATISTICS_SCRIPT_TEMPLATE = "analytics/script.html"


@register.simple_tag(takes_context=True, name="consent_state")
def consent_state_tag(context):
    """``{% consent_state as state %}``: "unset", "necessary" or "statistics"."""
    request = context.get("request")
    return consent_state(request) if request is not None else UNSET


@register.simple_tag(takes_context=True)
def statistics_script(context):
    """The analytics app's script tag(s), or nothing while that app has none.

    Consent decides whether this is rendered; the analytics app decides what it is."""
    engine = context.template.engine
    try:
        script = engine.get_template(STATISTICS_SCRIPT_TEMPLATE)
    except TemplateDoesNotExist:
        return ""
    return mark_safe(script.render(context))  # noqa: S308 - a template's own output


@register.inclusion_tag("consent/cookie_table.html")
def cookie_table():
    """``{% cookie_table %}``: every cookie the site can set, grouped by category."""
    groups = []
    for key, label in registry.CATEGORIES.items():
        cookies = [cookie for cookie in registry.cookies() if cookie.category == key]
        if cookies:
            groups.append({"key": key, "label": label, "cookies": cookies})
    return {"groups": groups}


@register.filter
def is_cookies_page(page, site_settings):
    """True on the page the site settings name as "Om webbkakor (cookies)"."""
    page_id = getattr(page, "pk", None)
    return page_id is not None and page_id == getattr(site_settings, "cookies_page_id", None)


@register.filter
def break_at_underscores(name):
    """ "wagtail_sidebar_collapsed" may wrap after its underscores, and nowhere else."""
    return mark_safe(escape(str(name)).replace("_", "_<wbr>"))  # noqa: S308 - escaped first
