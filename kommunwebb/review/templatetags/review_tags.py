from django import template

from kommunwebb.pagecache import memo
from kommunwebb.pagecache.conf import setting

from ..models import PageReview

register = template.Library()


def _units_by_page() -> dict[int, str]:
    return dict(PageReview.objects.exclude(unit=None).values_list("page_id", "unit__name"))


@register.simple_tag(takes_context=True)
def responsible_unit(context, page) -> str:
    """The name of the unit that answers for ``page``, for the line under its content.

    Every page shows one: with the page cache on, the names of all pages' units are read
    in one query per content generation (a page review or a unit saved starts a new one:
    review/apps.py) and each page picks its own, instead of a query per render."""
    if not getattr(page, "pk", None):
        return ""
    if setting("ENABLED"):
        return memo.shared("responsible_units", _units_by_page, context.get("request")).get(
            page.pk, ""
        )
    review = PageReview.objects.filter(page_id=page.pk).select_related("unit").first()
    return review.unit.name if review and review.unit_id else ""
