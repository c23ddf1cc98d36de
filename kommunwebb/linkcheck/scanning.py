"""Keeping the list of links current: a page's addresses are recorded when it is published,
and every live page is scanned again each night (content imported or migrated without a
publish, links no page uses any more)."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .extract import page_links
from .models import ExternalLink, LinkUse, LostReference, url_key
from .urls import classify, normalise, own_hosts

MAX_URL = 2000


def scan(page, hosts: set[str] | None = None) -> int:
    """Record the addresses of ``page`` (specific, live) and the external links among them;
    returns how many were found."""
    hosts = own_hosts() if hosts is None else hosts
    uses = []
    for found in page_links(page):
        url = normalise(found.url)
        kind = classify(url, hosts)
        if kind == "skip" or len(url) > MAX_URL:
            continue
        link = None
        if kind == "external":
            link = ExternalLink.objects.filter(key=url_key(url)).first()
            if link is None:
                link = ExternalLink(url=url, host=url.split("/")[2].split("@")[-1].lower())
                link.save()
        uses.append(
            LinkUse(
                page_id=page.pk,
                url=url,
                field=found.field[:120],
                text=found.text[:255],
                own_site=kind == "own",
                link=link,
            )
        )
    with transaction.atomic():
        LinkUse.objects.filter(page_id=page.pk).delete()
        LinkUse.objects.bulk_create(uses)
    return len(uses)


def on_publish(sender, instance, **kwargs):
    """``page_published``: the page's addresses now, and its lost references re-examined
    (the editor may have removed the link to what was deleted)."""
    scan(instance)
    LostReference.objects.filter(page_id=instance.pk).delete()
    from .internal import record_dangling

    record_dangling(instance)


def rescan_all() -> int:
    """The nightly job: every live page scanned again; unused external links removed."""
    hosts = own_hosts()
    count = 0
    for page in Page.objects.live().specific().iterator(chunk_size=100):
        count += scan(page, hosts)
    LinkUse.objects.exclude(page__live=True).delete()
    ExternalLink.objects.filter(uses__isnull=True).delete()
    return count


def mark_due_now():
    """For the admin's "Kontrollera igen": every external link is due at once."""
    return ExternalLink.objects.update(next_check_at=timezone.now())
