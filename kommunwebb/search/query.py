"""What the search page asks of the database: synonyms expanded, filters applied, editors'
promoted results looked up, and queries that found nothing counted."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from kommunwebb.core.locales import content_language
from kommunwebb.core.visibility import is_visible, visible, visible_for_search
from kommunwebb.pagecache import memo
from kommunwebb.search import cache as search_cache
from kommunwebb.search import spelling, vocabulary
from kommunwebb.search import topics as search_topics
from kommunwebb.search.backends.terms import ClauseQuery, TermPlan
from kommunwebb.search.models import IndexTerm, SynonymGroup
from kommunwebb.search.text import (
    normalise_query,
    query_clauses,
    query_terms,
    stem,
    stop_words,
    words,
)


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str


KINDS = [
    Kind("nyheter", _("Nyheter")),
    Kind("evenemang", _("Evenemang")),
    Kind("sidor", _("Sidor")),
]
KIND_SLUGS = {kind.slug for kind in KINDS}


def expand(terms: list[str], groups: list[list[str]]) -> list[list[str]]:
    """The query as a list of positions, each a list of alternatives that may fill it.

    ``terms`` are the resident's words; ``groups`` the editors' synonym groups, each a list
    of words or phrases. Matching is on Swedish stems and takes the longest phrase first, so
    "bygglovet" picks up the group "bygglov, bygganmälan" and "öppet hus" a two-word entry.
    """
    entries: dict[tuple[str, ...], list[str]] = {}
    for group in groups:
        for entry in group:
            key = tuple(stem(word) for word in entry.split())
            if key:
                entries.setdefault(key, group)
    longest = max((len(key) for key in entries), default=0)
    stems = [stem(term) for term in terms]
    positions: list[list[str]] = []
    i = 0
    while i < len(terms):
        for size in range(min(longest, len(terms) - i), 0, -1):
            group = entries.get(tuple(stems[i : i + size]))
            if group is not None:
                original = " ".join(terms[i : i + size])
                positions.append([original, *(e for e in group if e != original)])
                i += size
                break
        else:
            positions.append([terms[i]])
            i += 1
    return positions


def build_query(positions: list[list[str]], splitter=None) -> ClauseQuery:
    """The query the Swedish backend answers: every position must match, any of its
    alternatives will do; compounds may be matched by their parts (``text.query_clauses``)."""
    if splitter is None:
        splitter = vocabulary.splitter()
    return ClauseQuery(*query_clauses(positions, splitter))


def synonym_groups() -> list[list[str]]:
    """The editors' synonym groups, read once per content generation (a synonym group is
    a dependency of the page cache: saving one starts a new generation)."""
    return memo.shared(
        "search_synonyms", lambda: [group.term_list for group in SynonymGroup.objects.all()]
    )


def highlight_terms(positions: list[list[str]]) -> list[str]:
    """Every word that may appear in a result, synonyms included, for <mark>."""
    return sorted(
        {word for alternatives in positions for alt in alternatives for word in alt.split()}
    )


def topics(request=None) -> list:
    return search_topics.available(request)


def topic_by_slug(slug: str, request=None):
    return search_topics.by_slug(slug, request)


def base_queryset(kind: str = "", topic=None):
    from kommunwebb.events.models import EventPage
    from kommunwebb.news.models import NewsArticlePage

    pages = visible_for_search(Page.objects.live())
    if kind == "nyheter":
        pages = pages.type(NewsArticlePage)
    elif kind == "evenemang":
        pages = pages.type(EventPage)
    elif kind == "sidor":
        pages = pages.not_type(NewsArticlePage, EventPage)
    if topic is not None:
        pages = pages.filter(search_topics.pages_in(topic))
    return pages


def searchable_ids(kind: str = "", topic=None) -> frozenset[int]:
    """The ids of the pages ``base_queryset`` holds, read once per content generation
    (``pagecache.memo``; its deadline covers a page's expiry): the ranking filters its
    matches by them instead of running the visibility rules as a subquery per search."""
    key = ("search_within", content_language(), kind, topic.pk if topic is not None else None)
    return memo.shared(
        key, lambda: frozenset(base_queryset(kind, topic).values_list("pk", flat=True))
    )


def hidden_ids(plan: TermPlan, kind: str = "", topic=None) -> frozenset[int]:
    """The indexed pages ``searchable_ids`` leaves out (not live, private, expired, of
    another language, type or topic), so that the database can count a term's visible
    matches by listing the few it must not count (``TermPlan._ranked_one_term``). Kept per
    content generation and per state of the index (``TermPlan._entries``: a page indexed
    since, a draft say, gives a new key)."""
    count, last = plan._entries()
    key = (
        "search_hidden",
        content_language(),
        kind,
        topic.pk if topic is not None else None,
        count,
        last,
    )
    return memo.shared(key, lambda: plan.indexed_ids() - plan.within)


def term_counts(plan: TermPlan, kind: str = "", topic=None) -> dict:
    """The visible matches counted so far (``TermPlan.counts``: a one-term query's count
    and a query of several terms' capped count), kept per content generation (the visible
    pages) and per state of the index's terms (``TermPlan._stamp``: a page re-indexed
    after the publish that started the generation writes new term rows, a new key).
    Counting is a scan of thousands of postings (the topic filter's one term: 7-14 ms on
    PostgreSQL; the capped count of "kvävedioxiden": 3-4 ms), the same for every search
    until one of them changes. The one value ``memo`` keeps that its callers add to: each
    entry is a fact of that state, whoever counts it first."""
    key = (
        "search_counts",
        content_language(),
        kind,
        topic.pk if topic is not None else None,
        *plan._stamp(),
    )
    return memo.shared(key, dict)


@dataclass
class Search:
    """One resident's search, ready to run."""

    query: str
    kind: str = ""
    topic: object = None
    # Relaxed: a page may miss one of the query's words (when none has them all).
    relaxed: bool = False
    terms: list[str] = field(init=False)
    positions: list[list[str]] = field(init=False)
    clause_query: ClauseQuery = field(init=False)

    def __post_init__(self):
        self.terms = query_terms(self.query)
        self.positions = expand(self.terms, synonym_groups()) if self.terms else []
        splitter = vocabulary.splitter()
        self.clause_query = build_query(self.positions, splitter)
        # How many clauses each word of the query asks for (a compound asks one per part;
        # a stop word none): relaxing lets one word go, never half a compound.
        self._per_word = [
            len(clauses)
            for position in self.positions
            if (clauses := query_clauses([position], splitter)[0])
        ]
        if self.relaxed and self.can_relax_words:
            total = len(self.clause_query.clauses)
            self.clause_query.required = max(1, total - max(self._per_word))

    @property
    def can_relax_words(self) -> bool:
        return len(self._per_word) >= 2

    @property
    def can_relax(self) -> bool:
        return not self.relaxed and self.can_relax_words

    @property
    def is_filtered(self) -> bool:
        return bool(self.kind or self.topic)

    def results(self, *, only_ids: bool = False):
        """All matching pages, best first (base Page instances; see ``page()``); with
        ``only_ids`` the instances have only their primary key loaded."""
        if not self.positions:
            return Page.objects.none()
        pages = base_queryset(self.kind, self.topic)
        self.clause_query.within = searchable_ids(self.kind, self.topic)
        if only_ids:
            pages = pages.only("pk")
        return pages.search(self.clause_query)

    def page(self, number, per_page: int):
        """One page of results as a Django paginator page, with specific page instances.

        The term index gives the page's ids and the number of matches at once
        (``TermPlan.ranked``): with thousands of matches, ranking them is most of the
        work, and a separate count would do it twice. A number that is not a page
        (``-1``, ``abc``, past the end) gives the first page."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:
            number = 1
        ids, total, number = self._ranked_ids(number, per_page)
        return _page_of(ids, total, number, per_page)

    def _ranked_ids(self, number: int, per_page: int) -> tuple[list[int], int, int]:
        # Only the ids, from the term index straight away (``TermPlan``, what the backend
        # runs for ``.search()``), filtered by the visible pages kept per content
        # generation: ``_specific`` fetches the ten pages afterwards.
        if not self.positions:
            return [], 0, 1
        query = self.clause_query
        query.within = searchable_ids(self.kind, self.topic)
        pages = base_queryset(self.kind, self.topic)
        plan = TermPlan(pages, query.clauses, query.optional, query.required, query.within)
        plan.hidden = hidden_ids(plan, self.kind, self.topic)
        plan.counts = term_counts(plan, self.kind, self.topic)
        offset = (number - 1) * per_page
        stop = offset + per_page
        ranked, total = plan.ranked(offset, stop, MAX_COUNTED) if offset < 10**9 else ([], None)
        if not ranked and offset:
            number, offset = 1, 0
            ranked, total = plan.ranked(0, per_page, MAX_COUNTED)
        return [pk for pk, _score in ranked], total or 0, number

    def highlight_terms(self) -> list[str]:
        return highlight_terms(self.positions)

    def highlight_stems(self) -> set[str]:
        """The stems a result's words are marked by: every term the query asks for
        (synonyms and compound parts included), not the stop words that only rank."""
        return set().union(*self.clause_query.clauses) if self.clause_query.clauses else set()

    def promotions(self):
        return promotions_for(self.query)

    def correction(self) -> "Search | None":
        """The same search with its unknown words spelt as the site spells them ("Menade
        du …?"), if that changes anything."""
        if not self.terms:
            return None
        known = known_words(self.terms)
        corrected = spelling.correct(self.terms, known.__contains__, vocabulary.vocabulary())
        if corrected is None:
            return None
        return Search(" ".join(corrected), kind=self.kind, topic=self.topic)


def known_words(terms: list[str]) -> set[str]:
    """The query words the index can find as they are: by their stem, or every part of a
    compound; stop words and numbers always count as known."""
    splitter = vocabulary.splitter()
    needed = {}
    for word in terms:
        if word in stop_words() or word.isdigit():
            continue
        parts = [stem(part) for part in splitter(word)]
        needed[word] = [[stem(word)], parts] if parts else [[stem(word)]]
    stems = {s for options in needed.values() for option in options for s in option}
    found = set(
        IndexTerm.objects.filter(kind=IndexTerm.TERM, term__in=stems)
        .values_list("term", flat=True)
        .distinct()
    )
    return {
        word
        for word in terms
        if word not in needed or any(all(s in found for s in option) for option in needed[word])
    }


# A search counts its matches up to this many; above it the page says "Fler än 1 000
# träffar" and offers the pages this many fill (a query of several common words need not
# read every posting: ``TermPlan._ranked_pruned``).
MAX_COUNTED = 1000

# A search that finds fewer than this many pages gets "Menade du …?" if a correction of
# its words finds more.
FEW_HITS = 3


@dataclass
class Answer:
    """What the search page shows for one query: the search whose results are shown, its
    page of results, and what happened on the way. ``correction`` is "Menade du …?": a
    link when the query found few pages, or, when it found none, the search shown in its
    place (``corrected``). When no page has all the words, pages with all but one are
    shown (``relaxed``)."""

    search: Search
    page: object
    correction: Search | None = None
    corrected: bool = False
    relaxed: bool = False


def _page_of(ids: list[int], total: int, number: int, per_page: int):
    """The paginator's page; ``more_than`` is the cap when the search found more pages
    than it counts (``MAX_COUNTED``), else None."""
    offset = (number - 1) * per_page
    shown = min(total, MAX_COUNTED)
    page = Paginator(_KnownTotal(shown, offset, _specific(ids)), per_page).page(number)
    page.more_than = MAX_COUNTED if total > MAX_COUNTED else None
    return page


def answer(query: str, *, kind: str = "", topic=None, number=1, per_page: int = 10) -> Answer:
    """``_answer``, kept per content generation and normalised query (``cache.py``): the
    same words with the same filters get the same answer without asking the index."""
    key, cached = search_cache.get_results(
        ["answer", " ".join(query_terms(query)), kind, topic.pk if topic else "", number, per_page]
    )
    if cached is not None:
        shown, ids, total, shown_number, corrected, relaxed, correction = cached
        run = Search(shown, kind=kind, topic=topic, relaxed=relaxed)
        if corrected:
            correction_search = run
        else:
            correction_search = Search(correction, kind=kind, topic=topic) if correction else None
        page = _page_of(ids, total, shown_number, per_page)
        return Answer(run, page, correction_search, corrected=corrected, relaxed=relaxed)
    result = _answer(query, kind=kind, topic=topic, number=number, per_page=per_page)
    search_cache.set_results(
        key,
        (
            result.search.query,
            [page.pk for page in result.page.object_list],
            result.page.paginator.count + (1 if result.page.more_than else 0),
            result.page.number,
            result.corrected,
            result.relaxed,
            result.correction.query if result.correction else "",
        ),
    )
    return result


def _answer(query: str, *, kind: str = "", topic=None, number=1, per_page: int = 10) -> Answer:
    run = Search(query, kind=kind, topic=topic)
    page = run.page(number, per_page)
    count = page.paginator.count
    if not run.terms or count >= FEW_HITS:
        return Answer(run, page)
    correction = run.correction()
    if correction is not None:
        corrected_page = correction.page(number if count == 0 else 1, per_page)
        if corrected_page.paginator.count > count:
            if count == 0:
                return Answer(correction, corrected_page, correction, corrected=True)
            return Answer(run, page, correction)
    if count == 0 and run.can_relax and not run.is_filtered:
        relaxed = Search(query, kind=kind, topic=topic, relaxed=True)
        relaxed_page = relaxed.page(number, per_page)
        if relaxed_page.paginator.count:
            return Answer(relaxed, relaxed_page, relaxed=True)
    return Answer(run, page)


class _KnownTotal:
    """What Django's Paginator needs from a result list whose total is already known and
    whose current page has been fetched."""

    def __init__(self, total: int, offset: int, items: list):
        self.total, self.offset, self.items = total, offset, items

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("only slices of the fetched page")
        start = (index.start or 0) - self.offset
        stop = (self.total if index.stop is None else index.stop) - self.offset
        return self.items[max(0, start) : max(0, stop)]


def _specific(ids: list[int]) -> list:
    """The pages as their specific types, in the same order, in one query per type."""
    if not ids:
        return []
    found = Page.objects.filter(pk__in=ids).specific().in_bulk()
    return [found[pk] for pk in ids if pk in found]


def promotions_for(query: str) -> list:
    """Editors' promoted results for this query (Wagtail's search promotions), matched on
    the query as Wagtail normalises it and on its words alone."""
    from modelsearch.utils import normalise_query_string
    from wagtail.contrib.search_promotions.models import SearchPromotion

    keys = {normalise_query_string(query), normalise_query(query)} - {""}
    if not keys:
        return []
    picks = (
        SearchPromotion.objects.filter(query__query_string__in=keys)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    out = []
    for pick in picks:
        if pick.page_id is not None:
            if not is_visible(pick.page):
                continue
        elif not pick.external_link_url:
            continue
        out.append(pick)
    return out


# --- Suggestions while typing --------------------------------------------------------------


def _suggestion_index():
    """Every live, public page's title as words and compound parts, sorted for prefix
    lookups; the editors' promoted queries; the synonym groups. Built once per content
    generation (``pagecache.memo``)."""

    from wagtail.contrib.search_promotions.models import SearchPromotion

    splitter = vocabulary.splitter()
    entries = set()
    titles = {}
    pages = visible(Page.objects.filter(depth__gt=1)).values_list("pk", "title")
    for pk, title in pages:
        titles[pk] = title
        for word in words(title):
            entries.add((word, pk))
            for part in splitter(word):
                entries.add((part, pk))
    promoted = [
        (words(query_string), page_id)
        for query_string, page_id in SearchPromotion.objects.filter(page__live=True).values_list(
            "query__query_string", "page_id"
        )
    ]
    return {
        "words": sorted(entries),
        "titles": titles,
        "promoted": promoted,
        "synonyms": synonym_groups(),
    }


def _pages_with_prefix(index, prefix: str) -> set[int]:
    from bisect import bisect_left

    found = set()
    entries = index["words"]
    i = bisect_left(entries, (prefix, -1))
    while i < len(entries) and entries[i][0].startswith(prefix):
        found.add(entries[i][1])
        i += 1
    return found


def _pages_with_words(index, typed: list[str]) -> set[int]:
    """Pages with, for every typed word, a title word (or part) starting with it."""
    found = None
    for word in typed:
        pages = _pages_with_prefix(index, word)
        # A synonym of a word also suggests: "libr" → "bibliotek" → "Stadsbiblioteket".
        for group in index["synonyms"]:
            if any(any(w.startswith(word) for w in term.split()) for term in group):
                for term in group:
                    term_words = term.split()
                    if term_words:
                        pages |= _pages_with_prefix(index, term_words[0])
        found = pages if found is None else found & pages
    return found or set()


def autocomplete(query: str, limit: int = 8, request=None) -> list:
    """Suggestions for what has been typed: pages an editor promoted for a query with
    words starting so, then pages whose titles have words (or compound parts) starting
    with each typed word, or with a synonym of it; live and public only."""
    typed = words(query)[:6]
    if not typed:
        return []
    # Per content language: /en/sok/forslag/ suggests English pages, with English stems.
    index = memo.shared(("search_suggestions", content_language()), _suggestion_index, request)
    promoted = []
    for query_words, page_id in index["promoted"]:
        shown = page_id in index["titles"] and page_id not in promoted
        if shown and all(any(w.startswith(t) for w in query_words) for t in typed):
            promoted.append(page_id)
    matching = _pages_with_words(index, typed) - set(promoted)
    titles = index["titles"]

    def order(pk):
        title_words = words(titles[pk])
        starts = bool(title_words) and title_words[0].startswith(typed[0])
        return (not starts, len(titles[pk]), titles[pk], pk)

    chosen = [*promoted, *sorted(matching, key=order)][:limit]
    return _specific(chosen)


def popular_pages(request=None, limit: int = 5) -> list:
    """The pages residents visit most (the last 30 days' statistics), for a search that
    found nothing; without statistics yet, the site's main sections."""

    def compute():
        from datetime import timedelta

        from django.db.models import Sum

        from kommunwebb.analytics.models import DailyPageStats

        since = timezone.localdate() - timedelta(days=30)
        candidates = visible(Page.objects.filter(depth__gt=2))
        ranked = (
            DailyPageStats.objects.filter(day__gte=since)
            .values("page_id")
            .annotate(views=Sum("views"))
            .order_by("-views", "page_id")
            .values_list("page_id", flat=True)[: limit * 4]
        )
        allowed = set(candidates.filter(pk__in=list(ranked)).values_list("pk", flat=True))
        ids = [pk for pk in ranked if pk in allowed][:limit]
        if not ids:
            ids = list(
                candidates.filter(depth=3, show_in_menus=True)
                .order_by("path")
                .values_list("pk", flat=True)[:limit]
            )
        return ids

    return _specific(memo.shared(("search_popular", content_language()), compute, request))
