import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
# Search syntax (quotes, parentheses, operators, wildcards) is not offered to residents; passing
# it through makes SQLite's FTS5 raise on an unbalanced quote. Words, digits and hyphens remain.
NOT_A_WORD = re.compile(r"[^\w\s-]+")


@never_cache
def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Sökningen är för lång. Använd högst %(max)s tecken.") % {"max": MAX_QUERY_LENGTH}
        query = query[:MAX_QUERY_LENGTH]
    elif "\x00" in query:
        error = _("Sökningen innehåller otillåtna tecken.")
        query = ""
    terms = " ".join(NOT_A_WORD.sub(" ", query).split())
    if terms and not error:
        results = Page.objects.live().public().search(terms)
    paginator = Paginator(results, PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("sida", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    status = 400 if error else 200
    return render(
        request,
        "search/search.html",
        {"query": query, "page_obj": page_obj, "results": page_obj.object_list, "error": error},
        status=status,
    )
