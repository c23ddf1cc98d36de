"""What the search page asks of the database: synonyms expanded, filters applied, editors'
promoted results looked up, and queries that found nothing counted."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page

from kommunwebb.pagecache import memo
from kommunwebb.search import compounds, spelling, vocabulary
from kommunwebb.search.backends.common import TOTAL_FIELD
from kommunwebb.search.backends.terms import ClauseQuery
from kommunwebb.search.models import IndexTerm, SynonymGroup, ZeroResultQuery
from kommunwebb.search.text import (
    STOP_WORDS,
    normalise_query,
    query_clauses,
    query_terms,
    stem,
    words,
)

# A day's worth of distinct zero-hit queries; past it only known ones are counted, so a
# flood of random strings cannot grow the table without bound.
MAX_NEW_ZERO_QUERIES_PER_DAY = 5_000


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
        splitter = compounds.splitter()
    return ClauseQuery(*query_clauses(positions, splitter))


def synonym_groups() -> list[list[str]]:
    return [group.term_list for group in SynonymGroup.objects.all()]


def highlight_terms(positions: list[list[str]]) -> list[str]:
    """Every word that may appear in a result, synonyms included, for <mark>."""
    return sorted(
        {word for alternatives in positions for alt in alternatives for word in alt.split()}
    )


def topics(request=None) -> list[Tag]:
    """News topics residents can narrow a search to: those used by a live article or topic
    page. Read once per content generation (``pagecache.memo``)."""
    from kommunwebb.news.models import NewsArticlePage
    from kommunwebb.topics.models import TopicPage

    def used():
        articles = NewsArticlePage.objects.live().public()
        used = Q(news_newstag_items__content_object__in=articles) | Q(
            pk__in=TopicPage.objects.live().public().values("topic_id")
        )
        return list(Tag.objects.filter(used).distinct().order_by("name"))

    return memo.shared("search_topics", used, request)


def base_queryset(kind: str = "", topic: Tag | None = None):
    from kommunwebb.events.models import EventPage
    from kommunwebb.news.models import NewsArticlePage
    from kommunwebb.topics.models import TopicPage

    pages = Page.objects.live().public()
    if kind == "nyheter":
        pages = pages.type(NewsArticlePage)
    elif kind == "evenemang":
        pages = pages.type(EventPage)
    elif kind == "sidor":
        pages = pages.not_type(NewsArticlePage, EventPage)
    if topic is not None:
        # A topic covers the news tagged with it and the topic pages about it, with what
        # lies under them.
        in_topic = Q(pk__in=NewsArticlePage.objects.filter(tags=topic).values("pk"))
        for path in TopicPage.objects.filter(topic=topic).values_list("path", flat=True):
            in_topic |= Q(path__startswith=path)
        pages = pages.filter(id__in=Page.objects.filter(in_topic).values("id"))
    return pages


@dataclass
class Search:
    """One resident's search, ready to run."""

    query: str
    kind: str = ""
    topic: Tag | None = None
    # Relaxed: a page may miss one of the query's words (when none has them all).
    relaxed: bool = False
    terms: list[str] = field(init=False)
    positions: list[list[str]] = field(init=False)
    clause_query: ClauseQuery = field(init=False)

    def __post_init__(self):
        self.terms = query_terms(self.query)
        self.positions = expand(self.terms, synonym_groups()) if self.terms else []
        self.clause_query = build_query(self.positions)
        if self.relaxed:
            self.clause_query.required = max(1, len(self.clause_query.clauses) - 1)

    @property
    def can_relax(self) -> bool:
        return not self.relaxed and len(self.clause_query.clauses) >= 2

    @property
    def is_filtered(self) -> bool:
        return bool(self.kind or self.topic)

    def results(self, *, only_ids: bool = False):
        """All matching pages, best first (base Page instances; see ``page()``); with
        ``only_ids`` the instances have only their primary key loaded."""
        if not self.positions:
            return Page.objects.none()
        pages = base_queryset(self.kind, self.topic)
        if only_ids:
            pages = pages.only("pk")
        return pages.search(self.clause_query)

    def page(self, number, per_page: int):
        """One page of results as a Django paginator page, with specific page instances.

        The Swedish backend adds the total number of matches to every row it returns
        (``COUNT(*) OVER ()``, see ``backends/``), so one query gives both the page and
        the count the paginator needs: with thousands of matches, ranking them is most of
        the work, and a separate count would do it twice. A number that is not a page
        (``-1``, ``abc``, past the end) gives the first page."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:
            number = 1
        # Only the ids: ``_specific`` fetches the ten pages afterwards. Carrying every page
        # column through the ranking made PostgreSQL sort thousands of wide rows on disk.
        results = self.results(only_ids=True)
        offset = (number - 1) * per_page
        items = list(results[offset : offset + per_page]) if offset < 10**9 else []
        if not items and offset:
            number, offset = 1, 0
            items = list(results[:per_page])
        total = getattr(items[0], TOTAL_FIELD, None) if items else 0
        if total is None:  # a backend without the window count (SQLite)
            total = results.count()
        pages = Paginator(_KnownTotal(total, offset, _specific(items)), per_page)
        return pages.page(number)

    def highlight_terms(self) -> list[str]:
        return highlight_terms(self.positions)

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
    splitter = compounds.splitter()
    needed = {}
    for word in terms:
        if word in STOP_WORDS or word.isdigit():
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


def answer(query: str, *, kind: str = "", topic=None, number=1, per_page: int = 10) -> Answer:
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
    if count == 0 and run.can_relax:
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


def _specific(pages: list) -> list:
    """The pages as their specific types, in the same order, in one query per type."""
    if not pages:
        return []
    found = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    return [found[page.pk] for page in pages if page.pk in found]


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
            page = pick.page
            if not page.live or page.get_view_restrictions().exists():
                continue
        elif not pick.external_link_url:
            continue
        out.append(pick)
    return out


def record_zero_result(query: str, *, today=None) -> None:
    """Count a query that found nothing: its normalised words and the day, nothing else."""
    text = normalise_query(query)
    if not text:
        return
    today = today or timezone.localdate()
    rows = ZeroResultQuery.objects.filter(query=text, day=today)
    if rows.update(count=F("count") + 1):
        return
    if ZeroResultQuery.objects.filter(day=today).count() >= MAX_NEW_ZERO_QUERIES_PER_DAY:
        return
    try:
        with transaction.atomic():
            ZeroResultQuery.objects.create(query=text, day=today, count=1)
    except IntegrityError:
        # Another request created the row in between: count on it instead.
        rows.update(count=F("count") + 1)


def autocomplete(query: str, limit: int = 8) -> list[Page]:
    """Pages whose titles have words starting with what the resident has typed."""
    text = " ".join(words(query)[:6])
    if not text:
        return []
    return list(Page.objects.live().public().specific().autocomplete(text)[:limit])
