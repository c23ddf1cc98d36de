import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaulttags import querystring
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page

from kommunwebb.core.templatetags.site_tags import page_type_label
from kommunwebb.core.visibility import visible
from kommunwebb.pagecache.conf import setting as pagecache_setting
from kommunwebb.pagecache.invalidation import current_generation, deadline_for
from kommunwebb.pagecache.middleware import VARY, cache_control
from kommunwebb.search import cache as search_cache
from kommunwebb.search import query as search_query
from kommunwebb.search import ratelimit, stats, vocabulary
from kommunwebb.search.text import Matcher, snippet_from_blocks, text_blocks

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
AUTOCOMPLETE_MAX_AGE = 60
SUMMARY_FIELDS = ("search_description", "lead", "intro")
# What the statistics count for this search ("<hits> <1 if no hit is a zero-hit search>"),
# for the VCL's record of a search Varnish answers from its cache (deploy/varnish/); Varnish
# removes it before the answer leaves.
STATS_HEADER = "X-KW-Search-Stats"


def _query_error(query: str) -> str:
    if len(query) > MAX_QUERY_LENGTH:
        return _("Sökningen är för lång. Använd högst %(max)s tecken.") % {"max": MAX_QUERY_LENGTH}
    if "\x00" in query:
        return _("Sökningen innehåller otillåtna tecken.")
    return ""


def page_blocks(page) -> list[str]:
    """A page's texts as blocks: its summary fields, then each heading, paragraph and list
    item of its body, so a snippet never runs a heading into the next sentence."""
    blocks = []
    for name in SUMMARY_FIELDS:
        value = getattr(page, name, "") or ""
        if value:
            blocks.extend(text_blocks(value))
    body = getattr(page, "body", None)
    if body is not None:
        blocks.extend(text_blocks(body))
    return blocks


def snippet(page, stems, splitter=None, matcher=None):
    """A short text for the result list with the matched words marked: from the first
    block of the page's texts that contains one of them, else the beginning of its
    summary. The results of one page share a ``text.Matcher``."""
    blocks = page_blocks(page)
    marked = snippet_from_blocks(blocks, stems, splitter=splitter, matcher=matcher)
    if marked:
        return marked
    return escape(Truncator(blocks[0]).words(30)) if blocks else ""


def _with(request, **changes) -> str:
    """The search URL with some parameters changed (None removes one)."""
    params = {key: value for key, value in request.GET.items() if key != "sida"}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"{reverse('search')}?{urlencode(params)}"


def filter_chips(request, kind: str, topics, topic) -> tuple[list, list]:
    """The filters' chip links, built once in the view (the template's sixteen
    ``{% querystring %}`` tags were a tenth of its time): [(label, link, current)] for the
    content types ("Allt" first) and for the topics ("Alla ämnen" first). Each link keeps
    the other parameters and drops the page number. Django's tag function itself, called
    with the request's parameters, so no template context is needed."""
    params = request.GET
    kinds = [(_("Allt"), querystring(None, params, typ=None, sida=None), not kind)]
    kinds += [
        (item.label, querystring(None, params, typ=item.slug, sida=None), item.slug == kind)
        for item in search_query.KINDS
    ]
    chips = [(_("Alla ämnen"), querystring(None, params, amne=None, sida=None), topic is None)]
    chips += [
        (
            tag.name,
            querystring(None, params, amne=tag.slug, sida=None),
            topic is not None and tag.pk == topic.pk,
        )
        for tag in topics
    ]
    return kinds, chips


def _shared(request, response, counted=None):
    """The caching headers of a search answer. A visitor's answer (200, no login session, no
    cookie) is the same for everyone who asks the same: shared caches (Varnish) may keep it
    until the next clock-driven change, as a page (the page cache's deadline, ``s-maxage``);
    a publish purges it with everything else. Editors' answers, errors and the 429 are
    never kept. ``counted``: (hits, whether no hit counts as a zero-hit search) when the
    statistics counted this search (``STATS_HEADER``)."""
    if counted is not None:
        response.headers[STATS_HEADER] = f"{counted[0]} {int(counted[1])}"
    private = (
        settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META
    )
    if response.status_code != 200 or response.cookies or private:
        add_never_cache_headers(response)
        return response
    now = timezone.now()
    deadline = deadline_for(current_generation(), now)
    ttl = max(1, min(pagecache_setting("TTL"), int(deadline - now.timestamp())))
    patch_vary_headers(response, VARY)
    response.headers["Cache-Control"] = cache_control(ttl)
    return response


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()
    error = _query_error(query)
    if error:
        query = query[:MAX_QUERY_LENGTH].replace("\x00", "")

    kind = request.GET.get("typ", "")
    if kind not in search_query.KIND_SLUGS:
        kind = ""
    topic_slug = request.GET.get("amne", "")[:100]
    # An unknown topic is ignored; a NUL byte cannot even be looked up in PostgreSQL.
    valid_slug = topic_slug and "\x00" not in topic_slug
    topic = search_query.topic_by_slug(topic_slug, request) if valid_slug else None

    # A repeated search is answered from the cache, and still counted.
    key = None if error else search_cache.page_key(request)
    cached = search_cache.get_page(key)
    if cached is not None:
        html, hits, zero_counts = cached
        stats.record_search(query, hits, zero_counts=zero_counts)
        return _shared(request, HttpResponse(html), (hits, zero_counts))

    if query and not error and not ratelimit.allow(request):
        response = render(
            request,
            "search/search.html",
            {
                "query": query,
                "error": _("Du har sökt många gånger på kort tid. Vänta en minut och försök igen."),
                "kinds": [],
                "topics": [],
            },
            status=429,
        )
        return _shared(request, response)

    answer = search_query.answer(
        query if not error else "",
        kind=kind,
        topic=topic,
        number=request.GET.get("sida", 1),
        per_page=PER_PAGE,
    )
    run, page_obj = answer.search, answer.page
    paginator = page_obj.paginator
    searched = bool(run.terms)

    stems = run.highlight_stems()
    splitter = vocabulary.splitter() if searched else None
    matcher = Matcher(stems, splitter)
    hits = [
        {"page": page, "snippet": snippet(page, stems, splitter, matcher)}
        for page in page_obj.object_list
    ]
    first_page = page_obj.number == 1
    filtered = bool(kind or topic)
    promotions = run.promotions() if searched and first_page and not filtered else []
    original_hits = 0 if (answer.corrected or answer.relaxed) else paginator.count
    nothing = searched and not error and paginator.count == 0 and not promotions
    topics = search_query.topics(request)
    kind_chips, topic_chips = filter_chips(request, kind, topics, topic)

    response = render(
        request,
        "search/search.html",
        {
            "query": query,
            "searched": searched,
            "page_obj": page_obj,
            "results": page_obj.object_list,
            "hits": hits,
            "promotions": promotions,
            "error": error,
            "kinds": search_query.KINDS,
            "kind": kind,
            "topics": topics,
            "kind_chips": kind_chips,
            "topic_chips": topic_chips,
            "topic": topic,
            "topic_slug": topic_slug if topic else "",
            "all_url": f"{reverse('search')}?{urlencode({'q': query})}",
            # "Menade du …?" as a link, or the correction whose results are shown.
            "correction": answer.correction.query if answer.correction else "",
            "correction_url": _with(request, q=answer.correction.query)
            if answer.correction
            else "",
            "corrected": answer.corrected,
            "relaxed": answer.relaxed,
            "popular": search_query.popular_pages(request) if nothing and not filtered else [],
        },
        status=400 if error else 200,
    )
    counted = None
    if searched and not error:
        zero_counts = original_hits == 0 and not filtered
        stats.record_search(query, original_hits, zero_counts=zero_counts)
        search_cache.set_page(request, key, response, original_hits, zero_counts)
        counted = (original_hits, zero_counts)
    return _shared(request, response, counted)


@require_safe
def autocomplete(request):
    """Suggestions for the search box: titles of pages, as JSON. The same for everyone, so
    it may be cached briefly anywhere."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    suggestions = []
    if len(query.strip()) >= 2 and "\x00" not in query:
        suggestions = [
            {
                "title": page.title,
                "url": url,
                "type": str(page_type_label(page)),
                "id": page.pk,
            }
            for page in search_query.autocomplete(query, request=request)
            if (url := page.get_url(request))
        ]
    response = JsonResponse({"query": query, "results": suggestions})
    patch_cache_control(response, public=True, max_age=AUTOCOMPLETE_MAX_AGE)
    return response


@csrf_exempt  # counts a choice, changes nothing a visitor has; no cookie is read or set
@require_POST
def suggestion_taken(request):
    """The search box tells which suggestion was taken (``navigator.sendBeacon``): what had
    been typed and the page's id. Counted per day, nothing about the visitor (stats.py)."""
    try:
        data = json.loads(request.body[:2048] or b"{}")
        query = str(data.get("q", ""))[:MAX_QUERY_LENGTH]
        page_id = int(data.get("page"))
    except (ValueError, TypeError, AttributeError, OverflowError):
        return HttpResponse(status=400)
    if not 0 < page_id < 2**31:  # a page id, not a number the database cannot hold
        return HttpResponse(status=400)
    if "\x00" in query or not query.strip() or not ratelimit.allow(request):
        return HttpResponse(status=400 if "\x00" in query or not query.strip() else 429)
    if not visible(Page.objects.filter(pk=page_id)).exists():
        return HttpResponse(status=400)
    stats.record_suggestion(query, page_id)
    return HttpResponse(status=204)
