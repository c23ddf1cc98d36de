from django import template
from django.utils.formats import number_format

from kommunwebb.analytics.speed import RATING_LABELS

register = template.Library()


@register.filter
def metric_value(value, metric):
    """A metric's value as an editor reads it: "2,4 s", "180 ms" or "0,08"; "–" if none."""
    if value is None:
        return "–"
    if metric.unit == "":
        return number_format(value, 2)
    if value >= 1000:
        return f"{number_format(value / 1000, 1)} s"
    return f"{number_format(round(value), 0)} ms"


@register.filter
def percent(value):
    return f"{number_format(round(value * 100), 0)} %"


@register.filter
def share_width(value):
    """A share as a CSS width, with a dot as decimal separator whatever the language."""
    return f"{value * 100:.2f}%"


@register.filter
def rating_label(rating):
    return RATING_LABELS.get(rating, "")


@register.filter
def lookup(mapping, key):
    return mapping.get(key)


@register.filter
def grouped(value):
    """A count with the language's thousands separator: "325 358" in Swedish."""
    return number_format(value or 0, 0, force_grouping=True)
