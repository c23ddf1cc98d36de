from django import template
from django.utils import timezone

from kommunwebb.alerts.models import Alert, Crisis
from kommunwebb.pagecache import memo

register = template.Library()


def _once_per_request(context, name, compute):
    """``memo.shared`` (once per content generation), and at most once per request when
    the page cache is off: the banner and the cookie question's ``urgent_now`` both ask."""
    request = context.get("request")
    kept = getattr(request, "_alerts_tags", None) if request is not None else None
    if kept is None:
        kept = {}
        if request is not None:
            request._alerts_tags = kept
    if name not in kept:
        kept[name] = memo.shared(name, compute, request)
    return kept[name]


@register.simple_tag(takes_context=True)
def active_alerts(context, page=None):
    """The alerts shown on this page, most urgent first. Every published alert is read once
    per content generation (an alert's expiry is the generation's deadline) and the page's
    own are picked from them. An editor's preview of an alert shows that alert alone."""
    preview = context.get("alert_preview")
    if preview is not None:
        return [preview]

    def active():
        alerts = Alert.objects.active(timezone.now()).select_related("page", "link_page")
        return list(alerts.most_urgent_first())

    alerts = _once_per_request(context, "active_alerts", active)
    return [alert for alert in alerts if alert.shown_on(page)]


@register.simple_tag(takes_context=True)
def current_crisis(context):
    """The crisis the site is in (crisis mode), or None; read once per content generation.
    An editor's preview of a crisis shows that crisis."""
    preview = context.get("crisis_preview")
    if preview is not None:
        return preview
    return _once_per_request(
        context, "current_crisis", lambda: Crisis.objects.current(timezone.now())
    )


@register.simple_tag(takes_context=True)
def urgent_now(context, page=None):
    """Whether crisis information fills the top of this page (crisis mode, or a VMA or
    crisis alert): the cookie question then waits, so a phone's first screen has the
    crisis information and the logo (issue 13). Not asking sets no cookie."""
    if current_crisis(context) is not None:
        return True
    return any(not alert.dismissible for alert in active_alerts(context, page))
