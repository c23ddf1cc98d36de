"""Internal links that lead nowhere, found through Wagtail's reference index the moment the
target changes, with no worker involved:

* a live page links to a page that is not live (unpublished, or never published): a query
  on the reference index, so it shows at once and leaves by itself when the target is
  published again;
* a live page links to a page or document that has been deleted: Wagtail removes the
  references to an object with it, so ``before_delete`` writes them down first
  (``LostReference``); a rich-text link keeps the deleted id, which the page's next
  publishing finds again (``record_dangling``);
* a live page links by address to this site ("/gammal-sida/"): the address is looked up in
  the page tree when asked, so a moved page (answered by a redirect) and a removed one show
  at once.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import Resolver404, resolve
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex, Site

from .models import LinkUse, LostReference


def _page_type():
    return ContentType.objects.get_for_model(Page)


def _document_type():
    return ContentType.objects.get_for_model(get_document_model())


def _live_ids():
    return Page.objects.live().annotate(key=Cast("pk", CharField())).values("key")


def _source_pages(references):
    return references.filter(base_content_type=_page_type(), object_id__in=_live_ids())


# --- Deleted targets ------------------------------------------------------------------------


def before_delete(sender, instance, **kwargs):
    """``pre_delete`` for every model: a page or document about to go takes note of the
    live pages that link to it."""
    if isinstance(instance, Page):
        target, title = LostReference.Target.PAGE, instance.title
        gone = Page.objects.filter(path__startswith=instance.path)  # it and its subpages
    elif isinstance(instance, get_document_model()):
        target, title, gone = LostReference.Target.DOCUMENT, instance.title, Page.objects.none()
    else:
        return
    doomed = set(gone.values_list("pk", flat=True))
    references = _source_pages(ReferenceIndex.get_references_to(instance))
    lost = [
        (int(reference.object_id), _field(reference))
        for reference in references
        if int(reference.object_id) not in doomed  # else deleted together with its target
    ]
    if lost:
        # Written once the deletion has committed, for the linking pages that still exist:
        # pages deleted in the same operation (a bulk delete) must not be referred to.
        target_id = str(instance.pk)  # read now: a deleted instance's pk is None after
        transaction.on_commit(lambda: _record_lost(lost, target, target_id, title))


def _record_lost(lost, target, target_id: str, title: str) -> None:
    existing = set(Page.objects.filter(pk__in=[pk for pk, _ in lost]).values_list("pk", flat=True))
    for source_id, field in lost:
        if source_id in existing:
            LostReference.objects.get_or_create(
                page_id=source_id,
                target=target,
                target_id=target_id,
                defaults={"target_title": title[:255], "field": field},
            )


def _field(reference) -> str:
    try:
        return str(reference.describe_source_field())[:255]
    except Exception:  # noqa: BLE001 - a label is a nicety; a field removed since is fine
        return ""


def record_dangling(page) -> None:
    """After ``page`` is published: index its references now (not when the worker gets to
    it) and note any that point at a page or document that no longer exists."""
    ReferenceIndex.create_or_update_for_object(page)
    rows = ReferenceIndex.get_references_for_object(page)
    for target, content_type, model in (
        (LostReference.Target.PAGE, _page_type(), Page),
        (LostReference.Target.DOCUMENT, _document_type(), get_document_model()),
    ):
        mine = rows.filter(to_content_type=content_type)
        ids = {row.to_object_id for row in mine}
        found = model.objects.filter(pk__in=_ints(ids)).values_list("pk", flat=True)
        existing = {str(pk) for pk in found}
        for row in mine:
            if row.to_object_id not in existing:
                LostReference.objects.get_or_create(
                    page_id=page.pk,
                    target=target,
                    target_id=row.to_object_id,
                    defaults={"target_title": "", "field": _field(row)},
                )


def _ints(ids):
    return [int(value) for value in ids if str(value).isdigit()]


# --- Targets that are not live ---------------------------------------------------------------


def references_to_unpublished(page_id: int | None = None):
    """Reference index rows from live pages to pages that are not live."""
    not_live = Page.objects.filter(live=False).annotate(key=Cast("pk", CharField())).values("key")
    rows = _source_pages(
        ReferenceIndex.objects.filter(to_content_type=_page_type(), to_object_id__in=not_live)
    )
    if page_id is not None:
        rows = rows.filter(object_id=str(page_id))
    return rows


# --- Addresses on this site ------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    state: str  # "ok", "moved" or "missing"
    to: str = ""


def resolve_own(url: str, site: Site | None) -> Resolution:
    """Whether an address on this site answers: a live page, another view of the site, a
    document, or a redirect left by a page that moved."""
    path = urlsplit(url).path or "/"
    try:
        match = resolve(path)
    except Resolver404:
        return _redirect_or_missing(path, site)
    if match.url_name == "wagtaildocs_serve":
        exists = get_document_model().objects.filter(pk=match.kwargs.get("document_id")).exists()
        return Resolution("ok") if exists else Resolution("missing")
    if match.url_name != "wagtail_serve":
        return Resolution("ok")  # search, feeds, calendars …
    if site is None:
        return Resolution("ok")
    root = site.root_page.url_path.rstrip("/")
    wanted = root + (path if path.endswith("/") else path + "/")
    live = Page.objects.live()
    if live.filter(url_path=wanted).exists():
        return Resolution("ok")
    redirect = _redirect_or_missing(path, site)
    if redirect.state == "moved":
        return redirect
    # A sub-address of a page that routes further itself (a form's receipt).
    parent = wanted.rstrip("/").rsplit("/", 1)[0] + "/"
    while len(parent) > len(root) + 1:
        page = live.filter(url_path=parent).first()
        if page is not None:
            routes = hasattr(page.specific_class, "reverse_subpage")
            return Resolution("ok") if routes else Resolution("missing")
        parent = parent.rstrip("/").rsplit("/", 1)[0] + "/"
    return Resolution("missing")


def _redirect_or_missing(path: str, site: Site | None) -> Resolution:
    redirect = Redirect.get_for_site(site).filter(old_path=Redirect.normalise_path(path)).first()
    if redirect is None:
        return Resolution("missing")
    return Resolution("moved", redirect.link or "")


def own_site_uses(page_id: int | None = None):
    uses = LinkUse.objects.filter(own_site=True, page__live=True).select_related("page")
    return uses.filter(page_id=page_id) if page_id is not None else uses
