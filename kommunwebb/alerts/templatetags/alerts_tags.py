from django import template
from django.utils import timezone

from kommunwebb.alerts.models import Alert
from kommunwebb.pagecache import memo

register = template.Library()


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
