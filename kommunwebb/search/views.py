from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kommunwebb.core.templatetags.site_tags import page_type_label
from kommunwebb.search import query as search_query
from kommunwebb.search.text import highlight, plain_text, stream_text
from kommunwebb.taxonomy.models import Topic

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
AUTOCOMPLETE_MAX_AGE = 60


def _query_error(query: str) -> str:
    if len(query) > MAX_QUERY_LENGTH:
        return _("Sökningen är för lång. Använd högst %(max)s tecken.") % {"max": MAX_QUERY_LENGTH}
    if "\x00" in query:
        return _("Sökningen innehåller otillåtna tecken.")
    return ""


def snippet(page, terms):
    """A short text for the result list with the matched words marked: from the first of
    the page's texts that contains one of them, else the beginning of its summary."""
    texts = [getattr(page, name, "") or "" for name in ("search_description", "lead", "intro")]
    body = getattr(page, "body", None)
    if body is not None:
        texts.append(stream_text(body))
    texts = [plain_text(text) for text in texts if text]
    for text in texts:
        marked = highlight(text, terms)
        if marked:
            return marked
    return escape(Truncator(texts[0]).words(30)) if texts else ""


@never_cache
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
    topic = Topic.objects.filter(slug=topic_slug).first() if valid_slug else None

    run = search_query.Search(query if not error else "", kind=kind, topic=topic)
    page_obj = run.page(request.GET.get("sida", 1), PER_PAGE)
    paginator = page_obj.paginator

    terms = run.highlight_terms()
    hits = [{"page": page, "snippet": snippet(page, terms)} for page in page_obj.object_list]
    first_page = page_obj.number == 1
    promotions = run.promotions() if run.terms and first_page and not run.is_filtered else []
    if run.terms and not error and paginator.count == 0 and not run.is_filtered:
        search_query.record_zero_result(query)

    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "searched": bool(run.terms),
            "page_obj": page_obj,
            "results": page_obj.object_list,
            "hits": hits,
            "promotions": promotions,
            "error": error,
            "kinds": search_query.KINDS,
            "kind": kind,
            "topics": search_query.topics(request),
            "topic": topic,
            "topic_slug": topic_slug if topic else "",
            "all_url": f"{reverse('search')}?{urlencode({'q': query})}",
        },
        status=400 if error else 200,
    )


@require_safe
def autocomplete(request):
    """Suggestions for the search box: titles of pages, as JSON. The same for everyone, so
    it may be cached briefly anywhere."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    suggestions = []
    if len(query.strip()) >= 2 and "\x00" not in query:
        suggestions = [
            {"title": page.title, "url": url, "type": str(page_type_label(page))}
            for page in search_query.autocomplete(query)
            if (url := page.get_url(request))
        ]
    response = JsonResponse({"query": query, "results": suggestions})
    patch_cache_control(response, public=True, max_age=AUTOCOMPLETE_MAX_AGE)
    return response
