"""Reading page feedback for editors: per page (in the page's statistics) and site-wide
(the pages with most "Nej", the latest comments)."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q
from django.utils import timezone

from .models import PageFeedback


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of ``start`` to the end of ``end``, local time."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end, time.max, tzinfo=zone),
    )


def in_period(start: date, end: date):
    low, high = _bounds(start, end)
    return PageFeedback.objects.filter(created_at__range=(low, high))


@dataclass(frozen=True)
class Summary:
    yes: int
    no: int
    comments: list

    @property
    def answers(self) -> int:
        return self.yes + self.no

    @property
    def yes_share(self) -> int | None:
        """Per cent answering Ja, rounded; None without answers."""
        return round(100 * self.yes / self.answers) if self.answers else None


def page_summary(page_id: int, start: date, end: date, comments: int = 10) -> Summary:
    rows = in_period(start, end).filter(page_id=page_id)
    counts = rows.aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    latest = list(rows.exclude(comment="").order_by("-commented_at", "-pk")[:comments])
    return Summary(yes=counts["yes"], no=counts["no"], comments=latest)


def pages_by_no(start: date, end: date):
    """One row per page answered in the period: title, Ja, Nej and comments, most Nej first."""
    return (
        in_period(start, end)
        .values("page_id", "page__title", "page__url_path")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            comments=Count("pk", filter=~Q(comment="")),
        )
        .order_by("-no", "yes", "page__title")
    )


def recent_comments(start: date, end: date):
    return (
        in_period(start, end)
        .exclude(comment="")
        .select_related("page")
        .order_by("-commented_at", "-pk")
    )
