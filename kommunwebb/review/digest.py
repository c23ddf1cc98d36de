"""The weekly reminder: one e-mail to each owner with the pages that are overdue or due
within 30 days, sent through the outbox (``kommunwebb/outbox``) by the task worker.

The scheduler runs :func:`weekly_digest` every morning at 07:00. The first run of each
week (Monday, or the first day the worker is up after that) sends the week's reminders,
all queued in one transaction together with the row that marks the week as done; any later
run that week finds the row and sends nothing. A worker that dies mid-way leaves nothing
queued and no row, so the next morning sends the week's reminders after all.

A page's reminder goes to its responsible person, or, without one, to its unit's mailbox
(``PageReview.reminder_address``). Pages without either are only in the report.
"""

from collections import defaultdict
from datetime import date, timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Site

from kommunwebb.outbox.mail import queue_email

from .models import DigestWeek, PageReview
from .ownership import due_limit, is_overdue

PURPOSE = "review.digest"


def due_reviews(today: date):
    """Live pages due for review by ``today`` + 30 days, soonest first."""
    return (
        PageReview.objects.filter(page__live=True, review_by__lte=due_limit(today))
        .select_related("page", "unit", "person")
        .order_by("review_by", "page__title")
    )


def _admin_url(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def _site_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def compose(reviews: list[PageReview], today: date) -> tuple[str, str]:
    """(subject, body) of one owner's reminder."""
    site = _site_name()
    overdue = [review for review in reviews if is_overdue(review.review_by, today)]
    soon = [review for review in reviews if not is_overdue(review.review_by, today)]
    subject = ngettext(
        "%(count)s sida att granska på %(site)s",
        "%(count)s sidor att granska på %(site)s",
        len(reviews),
    ) % {"count": len(reviews), "site": site}
    lines = [
        _("Hej!"),
        "",
        _(
            "Det här är veckans påminnelse om sidor på %(site)s som du eller din enhet "
            "ansvarar för. Kontrollera att de fortfarande stämmer."
        )
        % {"site": site},
    ]
    for heading, group in (
        (_("Skulle redan ha granskats:"), overdue),
        (_("Ska granskas inom 30 dagar:"), soon),
    ):
        if not group:
            continue
        lines += ["", heading]
        for review in group:
            lines.append(
                _("– %(title)s, granska senast %(date)s")
                % {"title": review.page.title, "date": review.review_by.isoformat()}
            )
            lines.append("  " + _admin_url(reverse("review:page", args=[review.page_id])))
    lines += [
        "",
        _(
            "Öppna länken, gå igenom sidan och rätta det som behövs. Välj sedan "
            "”Markera som granskad”, så flyttas nästa granskning tolv månader fram."
        ),
        "",
        _("Alla sidor att granska: %(url)s") % {"url": _admin_url(reverse("review:report"))},
        "",
        _("Meddelandet skickas automatiskt en gång i veckan från %(site)s.") % {"site": site},
    ]
    return subject, "\n".join(lines) + "\n"


def weekly_digest(today: date | None = None) -> int:
    """Send this week's reminders unless they have been sent; the number of e-mails."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    if DigestWeek.objects.filter(week=monday).exists():
        return 0
    by_address: dict[str, list[PageReview]] = defaultdict(list)
    for review in due_reviews(today):
        if address := review.reminder_address():
            by_address[address].append(review)
    try:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            DigestWeek.objects.create(week=monday, sent_at=timezone.now(), emails=len(by_address))
            for address in sorted(by_address):
                subject, body = compose(by_address[address], today)
                queue_email(to=[address], subject=subject, body=body, purpose=PURPOSE)
    except IntegrityError:
        return 0  # another worker sent this week's reminders a moment ago
    return len(by_address)
