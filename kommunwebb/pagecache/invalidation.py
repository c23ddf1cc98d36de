"""When cached pages become stale: one site-wide generation, bumped after every change that
any public page could show, plus a deadline for changes the clock alone makes.

Why one generation for the whole site rather than a dependency graph: a page lists other
pages in many ways (home, news listing, topic pages by tag, menus, breadcrumbs, footer links,
alerts scoped to a subtree, feeds), and a graph that misses one edge serves stale pages
silently. Bumping one counter is always correct, costs one cache write, and a municipality
publishes a few times an hour: the price is that each page is rendered once more after a
publish, which the numbers in docs/performance.md show is cheap.
"""

import logging
import secrets
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.apps import apps
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .conf import page_cache, setting

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
DEADLINE_KEY = "pagecache:deadline"

# Wagtail's and taggit's models that public pages show outside the page tree; editing one
# invalidates every page. Each app of the project registers its own in AppConfig.ready().
DEFAULT_DEPENDENCIES = (
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit.Tag",
)

# What Wagtail writes on its own when an editor saves a draft, locks or autosaves: the row
# pages show is unchanged, so such a save must not empty the cache (Wagtail's editor
# autosaves every few seconds while someone types).
EDITORIAL_BOOKKEEPING = frozenset(
    {
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "latest_revision_created_at",
    }
)

_deadlines: list[Callable[[datetime], datetime | None]] = []
_after_invalidation: list[Callable[[], None]] = []
_dependencies: dict[type, Callable[[object], bool]] = {}


def _new_generation() -> str:
    # Never reuses an old value, even after the cache lost the key: time plus randomness.
    return f"{time.time_ns():x}-{secrets.token_hex(3)}"


def current_generation(cache=None) -> str:
    cache = cache or page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _bump():
    page_cache().set(GENERATION_KEY, _new_generation(), None)
    from . import varnish

    varnish.after_invalidation()
    for fn in _after_invalidation:
        try:
            fn()
        except Exception:
            # A favour to later visitors (static copies, warming); never breaks a publish.
            logger.exception("pagecache: %s failed after an invalidation", fn.__qualname__)


def register_after_invalidation(fn: Callable[[], None]):
    """``fn()`` runs after every invalidation has taken effect (after the commit, with the
    cached pages already stale): what renders pages again sees the new content. Registered
    in an app's ``AppConfig.ready()``."""
    if fn not in _after_invalidation:
        _after_invalidation.append(fn)
    return fn


def invalidate(reason: str = ""):
    """Make every cached page stale once the current transaction commits (at once outside
    one). Several calls in one transaction cost one bump."""
    logger.info("page cache invalidated: %s", reason)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        pending = getattr(connection, "run_on_commit", [])
        if any(entry[1] is _bump for entry in pending):
            return
        transaction.on_commit(_bump)
    else:
        _bump()


def _is_live(instance) -> bool:
    return getattr(instance, "live", True)


def register_dependency(model, shown: Callable[[object], bool] | None = None):
    """Saving or deleting a row of ``model`` invalidates the page cache.

    ``shown(row)`` says whether a saved row can be on a public page at all. By default a
    row of a model with Wagtail's draft state (an alert, a contact card) counts while it is
    live: saving a draft that was never published changes no page, and unpublishing is
    announced by Wagtail's ``unpublished`` signal, which invalidates too. Rows that belong
    to such an object (a contact card's phone numbers) pass the parent's state.
    """
    if model in _dependencies:
        return
    _dependencies[model] = shown or _is_live
    post_save.connect(_on_dependency_saved, sender=model, weak=False)
    post_delete.connect(_on_dependency_change, sender=model, weak=False)


def register_deadline(fn: Callable[[datetime], datetime | None]):
    """``fn(now)`` is the next moment a page would change by time alone, or None."""
    if fn not in _deadlines:
        _deadlines.append(fn)
    return fn


def next_moment(queryset, fields, now: datetime) -> datetime | None:
    """The earliest value after ``now`` of any of the datetime ``fields`` in ``queryset``
    (one query), or None: the deadline of rows that start and end at set times."""
    moments = queryset.aggregate(
        **{f"next_{field}": Min(field, filter=Q(**{f"{field}__gt": now})) for field in fields}
    )
    values = [value for value in moments.values() if value is not None]
    return min(values) if values else None


def _next_local_midnight(now: datetime) -> datetime:
    # "I dag", "i morgon" and today's date in listings change at midnight.
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def compute_deadline(now: datetime) -> datetime:
    deadline = _next_local_midnight(now)
    for fn in _deadlines:
        moment = fn(now)
        if moment is not None and now < moment < deadline:
            deadline = moment
    return deadline


def deadline_for(generation: str, now: datetime) -> float:
    """The next clock-driven change as a timestamp, computed once per generation."""
    cache = page_cache()
    stored = cache.get(DEADLINE_KEY)
    if stored is not None and stored[0] == generation and stored[1] > now.timestamp():
        return stored[1]
    try:
        deadline = compute_deadline(now).timestamp()
    except Exception:
        # Never let a broken provider break the page; keep entries short instead.
        logger.exception("could not compute the page cache deadline")
        return now.timestamp() + 60
    cache.set(DEADLINE_KEY, (generation, deadline), max(1, int(deadline - now.timestamp())))
    return deadline


# --- Signal receivers ------------------------------------------------------------------


def _on_page_change(sender, instance=None, **kwargs):
    invalidate(f"{sender.__name__} {getattr(instance, 'pk', '')}")


def _on_page_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        invalidate(f"deleted page {instance.pk}")


def _on_dependency_change(sender, instance, **kwargs):
    invalidate(f"{sender._meta.label} {instance.pk}")


def _on_dependency_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= EDITORIAL_BOOKKEEPING:
        return
    if not _dependencies[sender](instance):
        return
    invalidate(f"{sender._meta.label} {instance.pk}")


def _on_unpublished(sender, instance, **kwargs):
    if sender in _dependencies:
        invalidate(f"unpublished {sender._meta.label} {instance.pk}")


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move, unpublished

    # No sender: Wagtail sends these with each page's own class.
    page_published.connect(_on_page_change, weak=False, dispatch_uid="pagecache-published")
    page_unpublished.connect(_on_page_change, weak=False, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_on_page_change, weak=False, dispatch_uid="pagecache-moved")
    post_delete.connect(_on_page_delete, weak=False, dispatch_uid="pagecache-page-deleted")
    # Snippets with a draft state (alerts, contact cards) announce being taken down here.
    unpublished.connect(_on_unpublished, weak=False, dispatch_uid="pagecache-unpublished-snippet")
    for label in (*DEFAULT_DEPENDENCIES, *setting("DEPENDENCIES")):
        try:
            register_dependency(apps.get_model(label))
        except LookupError:
            continue  # an optional app that is not installed
