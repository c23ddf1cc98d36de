from django import template

from ..models import PageReview

register = template.Library()


@register.simple_tag
def responsible_unit(page) -> str:
    """The name of the unit that answers for ``page``, for the line under its content."""
    if not getattr(page, "pk", None):
        return ""
    review = PageReview.objects.filter(page_id=page.pk).select_related("unit").first()
    return review.unit.name if review and review.unit_id else ""
