"""The external check on the task worker (a recurring job every five minutes): the links
that are due, one request at a time per host with a pause between them, each result kept
with its date, and the next check spaced by how the link answered.

* works: again in a week; moved for good: a week (the report asks for a new link);
* broken (404, 410, other 4xx): again tomorrow, so a link that is mended leaves the report;
* does not answer (timeout, refused, TLS, 5xx, 429): 1 h, 2 h, 4 h … at most a week, and
  never sooner than a 429's Retry-After.

A host is claimed before each request (``LinkHost.busy_until``, a conditional update that
only one worker can win), so two workers never ask one host at the same time.
"""

import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .checker import Result, check_url
from .models import ExternalLink, LinkHost

AGAIN = {
    ExternalLink.Status.OK: timedelta(days=7),
    ExternalLink.Status.REDIRECTED: timedelta(days=7),
    ExternalLink.Status.BROKEN: timedelta(days=1),
    ExternalLink.Status.SKIPPED: timedelta(days=30),
}
FIRST_RETRY = timedelta(hours=1)
LONGEST_WAIT = timedelta(days=7)


def _setting(name, default):
    return getattr(settings, name, default)


def timeout() -> tuple[float, float]:
    value = _setting("LINKCHECK_TIMEOUT", (5.0, 10.0))
    return (float(value), float(value)) if isinstance(value, int | float) else tuple(value)


def host_pause() -> timedelta:
    return timedelta(seconds=float(_setting("LINKCHECK_HOST_PAUSE_SECONDS", 2)))


def next_check(status: str, failures: int, now: datetime, retry_after: int | None) -> datetime:
    if status in AGAIN:
        return now + AGAIN[status]
    wait = min(FIRST_RETRY * 2 ** max(failures - 1, 0), LONGEST_WAIT)
    if retry_after:
        wait = max(wait, timedelta(seconds=retry_after))
    return now + wait


def claim_host(host: str, now: datetime | None = None) -> bool:
    """Take the host for one request; False while another request to it runs or its
    pause lasts."""
    now = now or timezone.now()
    LinkHost.objects.get_or_create(host=host)
    hold = now + timedelta(seconds=sum(timeout()) + 30)
    free = Q(busy_until__isnull=True) | Q(busy_until__lte=now)
    rested = Q(next_request_at__isnull=True) | Q(next_request_at__lte=now)
    return LinkHost.objects.filter(free & rested, host=host).update(busy_until=hold) == 1


def release_host(host: str, retry_after: int | None = None) -> None:
    pause = host_pause()
    if retry_after:
        pause = max(pause, timedelta(seconds=retry_after))
    LinkHost.objects.filter(host=host).update(
        busy_until=None, next_request_at=timezone.now() + pause
    )


def record(link: ExternalLink, result: Result, now: datetime | None = None) -> ExternalLink:
    now = now or timezone.now()
    failed = result.status in (ExternalLink.Status.BROKEN, ExternalLink.Status.UNREACHABLE)
    link.failures = link.failures + 1 if failed else 0
    if result.status in (ExternalLink.Status.OK, ExternalLink.Status.SKIPPED):
        link.failing_since = None
    elif link.status != result.status or link.failing_since is None:
        link.failing_since = now
    link.status = result.status
    link.http_status = result.http_status
    link.final_url = result.final_url
    link.reason = result.reason[:300]
    link.checked_at = now
    link.next_check_at = next_check(result.status, link.failures, now, result.retry_after)
    link.save()
    return link


def due(now: datetime | None = None):
    """External links on live pages whose next check has come, the longest waiting first."""
    now = now or timezone.now()
    return (
        ExternalLink.objects.filter(next_check_at__lte=now, uses__page__live=True)
        .distinct()
        .order_by("next_check_at", "pk")
    )


def check_link(link: ExternalLink) -> Result | None:
    """Check one link if its host is free (waiting out a short pause); None if not now."""
    for _attempt in range(2):
        if claim_host(link.host):
            break
        pause = host_pause().total_seconds()
        if pause > 5:
            return None
        time.sleep(pause)
    else:
        return None
    result = None
    try:
        result = check_url(
            link.url,
            timeout=timeout(),
            allow_internal=bool(_setting("LINKCHECK_ALLOW_INTERNAL_ADDRESSES", False)),
        )
    finally:
        release_host(link.host, result.retry_after if result else None)
    record(link, result)
    return result


def check_due(limit: int | None = None, budget_seconds: float | None = None) -> int:
    """The recurring job: check what is due, within a time budget that ends well before
    the next run. Returns how many links were checked."""
    limit = limit or int(_setting("LINKCHECK_BATCH", 200))
    budget = budget_seconds or float(_setting("LINKCHECK_BUDGET_SECONDS", 240))
    started = time.monotonic()
    checked = 0
    for link in list(due()[:limit]):
        if time.monotonic() - started > budget:
            break
        if check_link(link) is not None:
            checked += 1
    return checked
