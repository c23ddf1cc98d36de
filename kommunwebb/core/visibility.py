"""What a visitor may see, defined once for every listing, feed, calendar, block and banner.

A page is visible when it is live (published, not unpublished, not waiting for its go-live
time), public (not in a section behind a password, a login or a group) and not past its
expiry time. A snippet a resident sees (an alert, a contact card) is visible when it is live
and not past its expiry time. Drafts of either never are: a published object's row holds its
published content, and its drafts live in revisions.

Expiry is checked here as well as by the task worker, which unpublishes expired content
within seconds (``operations/publishing.py``): in those seconds no listing shows it, and the
page itself answers 404 (``core/wagtail_hooks.py``).

Pages are listed in one language at a time: a listing on a Swedish page shows Swedish
pages, one on an English page English pages (``core/locales.py``); so does search. What
gathers every language (the sitemap, the language bar, hreflang) asks for ``any_locale=True``.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, PageViewRestriction

from kommunwebb.core.locales import content_language
from kommunwebb.pagecache import memo
from kommunwebb.pagecache.invalidation import next_moment


def _not_expired(now) -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now)


def visible(queryset, now=None, request=None, any_locale=False):
    """``queryset`` (of pages, or of a snippet with Wagtail's DraftStateMixin) narrowed to
    what a visitor may see ``now``; pages only in the request's content language unless
    ``any_locale``."""
    now = now or timezone.now()
    queryset = queryset.filter(_not_expired(now), live=True)
    if issubclass(queryset.model, Page):
        if not any_locale:
            queryset = queryset.filter(locale__language_code=content_language())
        # Wagtail's .public(), from the restrictions read once per content generation.
        for path in restricted_paths(request):
            queryset = queryset.exclude(path__startswith=path)
    return queryset


def visible_for_search(queryset, now=None, request=None, any_locale=False):
    """:func:`visible` in a form Wagtail's search backends accept for a queryset they search:
    they filter only on indexed fields, and the id is one."""
    return queryset.filter(pk__in=visible(queryset, now, request, any_locale).values("pk"))


def restricted_paths(request=None) -> tuple[str, ...]:
    """Tree paths of every page with a view restriction (its subtree is private), read once
    per content generation (restrictions are a page cache dependency), and at most once per
    request when the page cache is off."""
    paths = getattr(request, "_restricted_paths", None)
    if paths is None:
        paths = memo.shared(
            "restricted_paths",
            lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
            request,
        )
        if request is not None:
            request._restricted_paths = paths
    return paths


def is_visible(obj, now=None, request=None) -> bool:
    """The same rule as :func:`visible` for one object already loaded (a page a block links
    to, an alert's "read more" page, an article's contact card)."""
    if obj is None:
        return False
    now = now or timezone.now()
    expired = getattr(obj, "expire_at", None) is not None and obj.expire_at <= now
    if isinstance(obj, DraftStateMixin) and (not obj.live or expired):
        return False
    if isinstance(obj, Page):
        path = obj.path or ""
        return not any(path.startswith(private) for private in restricted_paths(request))
    return True


def next_page_expiry(now):
    """The next moment a live page expires: listings that show it change then."""
    return next_moment(Page.objects.filter(live=True), ("expire_at",), now)
