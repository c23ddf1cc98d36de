"""The rules of page ownership and review dates, in plain functions.

* A page gets its row when first published: the unit of the nearest page above it that has
  one (a section's pages belong to the section's unit) and a review date twelve calendar
  months after publishing.
* Marking a page as reviewed moves the date twelve months from the day of the review.
* A page is *due* when its date is within ``DUE_WITHIN`` days, *overdue* once it has passed.
"""

import calendar
from datetime import date, timedelta

from django.utils import timezone

from .models import PageReview

REVIEW_INTERVAL_MONTHS = 12
DUE_WITHIN = timedelta(days=30)


def months_after(day: date, months: int) -> date:
    """The same day ``months`` calendar months later; the month's last day if it is
    shorter (29 February → 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(after: date) -> date:
    return months_after(after, REVIEW_INTERVAL_MONTHS)


def due_limit(today: date | None = None) -> date:
    """The last review date that counts as due now: today plus 30 days."""
    return (today or timezone.localdate()) + DUE_WITHIN


def is_overdue(review_by: date | None, today: date | None = None) -> bool:
    return review_by is not None and review_by < (today or timezone.localdate())


def inherited_unit_id(page):
    """The unit of the nearest ancestor that has one, or None."""
    ancestors = page.get_ancestors().values_list("pk", flat=True)
    rows = PageReview.objects.filter(page_id__in=list(ancestors)).exclude(unit=None)
    by_page = dict(rows.values_list("page_id", "unit_id"))
    for ancestor_id in reversed(list(ancestors)):
        if ancestor_id in by_page:
            return by_page[ancestor_id]
    return None


def ensure_review(page) -> PageReview:
    """The page's row, made with the defaults if it has none; a missing date is filled in."""
    review = PageReview.objects.filter(page_id=page.pk).first()
    published = page.last_published_at or timezone.now()
    if review is None:
        review = PageReview.objects.create(
            page_id=page.pk,
            unit_id=inherited_unit_id(page),
            review_by=next_review(timezone.localdate(published)),
        )
    elif review.review_by is None:
        review.review_by = next_review(timezone.localdate(published))
        review.save(update_fields=["review_by"])
    return review


def mark_reviewed(review: PageReview, user, review_by: date | None = None) -> PageReview:
    """Someone checked the page: record who and when, and set the next date (twelve months
    ahead unless they chose another)."""
    now = timezone.now()
    review.reviewed_at = now
    review.reviewed_by = user
    review.review_by = review_by or next_review(timezone.localdate(now))
    review.save(update_fields=["reviewed_at", "reviewed_by", "review_by"])
    return review


def on_publish(sender, instance, **kwargs):
    """``page_published``: every published page has an owner row and a review date."""
    if instance.depth > 1:
        ensure_review(instance)
