"""The Swedish search backend on the database the suite runs on (SQLite in `make test`,
PostgreSQL in CI's second run): inflected forms find each other."""

import itertools

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from kommunwebb.news.factories import NewsArticlePageFactory

from .conftest import publish

pytestmark = pytest.mark.django_db


def titles(query):
    return {page.title for page in Page.objects.live().search(query)}


def test_backend_matches_the_database():
    backend = get_search_backend()
    if connection.vendor == "postgresql":
        assert backend.config == "swedish"
    else:
        assert type(backend).__name__ == "SwedishSQLiteSearchBackend"


@pytest.mark.parametrize(
    ("text", "queries"),
    [
        ("Skolan bygger nya skolor", ["skola", "skolor", "skolorna"]),
        ("Mätningar av kvävedioxid", ["kvävedioxid", "kvävedioxiden"]),
        ("Alla evenemang i december", ["evenemang", "evenemangen"]),
    ],
)
def test_inflected_forms_find_each_other(news, text, queries):
    publish(NewsArticlePageFactory(parent=news, title="Artikel", lead=text))
    for query in queries:
        assert titles(query) == {"Artikel"}, query


@pytest.mark.parametrize(
    "query",
    ['"', 'luft"', "luft AND", "NOT", "*", "(((", "a:b", "NEAR(luft)", "'; DROP TABLE x; --"],
)
def test_search_syntax_is_harmless(article, query):
    list(Page.objects.live().search(query))


def test_publishing_reindexes_only_that_page(news, monkeypatch):
    pages = [publish(NewsArticlePageFactory(parent=news, lead="Om skolor")) for _ in range(3)]
    backend = get_search_backend()
    index = backend.get_index_for_model(Page)
    indexed = []
    original = type(index).add_items

    def spy(self, model, objs):
        indexed.extend(obj.pk for obj in objs)
        return original(self, model, objs)

    monkeypatch.setattr(type(index), "add_items", spy)
    page = pages[1]
    page.lead = "Om förskolor"
    publish(page)
    assert set(indexed) == {page.pk}
    assert titles("förskolorna") == {page.title}


def test_postgres_tsquery_keeps_only_words():
    from modelsearch.query import And, Not, Or, Phrase, PlainText

    from kommunwebb.search.backends.postgres import tsquery

    assert tsquery(PlainText("skolor 'OR 1=1 --")) == "('skolor' & 'or' & '1' & '1')"
    assert tsquery(PlainText("sko", operator="or"), prefix_last=True) == "('sko':*)"
    assert tsquery(Phrase("öppet hus")) == "('öppet' <-> 'hus')"
    assert tsquery(And([PlainText("a"), Or([PlainText("b"), PlainText("c")])])) == (
        "(('a') & (('b') | ('c')))"
    )
    assert tsquery(Not(PlainText("a"))) == "!('a')"
    assert tsquery(PlainText("!!! ***")) == ""


def test_wagtail_queries_become_clauses_of_stems():
    from modelsearch.query import And, Not, Or, Phrase, PlainText

    from kommunwebb.search.backends.terms import clauses_for

    def no_split(word):
        return ()

    query = And([PlainText('skolorna "AND" NEAR('), Or([Phrase("öppet hus")])])
    clauses, optional, required = clauses_for(query, no_split)
    assert clauses == [{"skol"}, {"and"}, {"near"}, {"öpp", "hus"}]
    assert (optional, required) == (set(), 4)
    # Stop words only rank, unless there is nothing else.
    assert clauses_for(PlainText("när öppnar biblioteket"), no_split) == (
        [{"öppn"}, {"bibliotek"}],
        {"när"},
        2,
    )
    assert clauses_for(PlainText("och"), no_split) == ([{"och"}], set(), 1)
    assert clauses_for(PlainText("luft skola", operator="or"), no_split) == (
        [{"luft", "skol"}],
        set(),
        1,
    )
    assert clauses_for(PlainText('"*()'), no_split) == ([], set(), 0)
    assert clauses_for(Not(PlainText("a")), no_split) is None


def test_postgres_search_leaves_the_planner_settings_as_it_found_them(news):
    if connection.vendor != "postgresql":
        return  # PostgreSQL's planner settings only (and CI fails skips)
    from django.db import transaction

    publish(NewsArticlePageFactory(parent=news, title="Skolorna öppnar"))

    def settings_now():
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
            return cursor.fetchone()

    before = settings_now()
    with transaction.atomic():  # as in a request that is already in a transaction
        # The admin's listings search by autocomplete, on modelsearch's GIN indexes.
        found = Page.objects.live().autocomplete("skolo")
        assert {page.title for page in found} == {"Skolorna öppnar"}
        assert Page.objects.live().autocomplete("skolo").count() == 1
        assert settings_now() == before
    assert settings_now() == before


def test_postgres_vacuums_the_term_index_after_a_hundredth_has_changed():
    """The ranking's covering indexes are read from the index alone only where the
    visibility map is current (migration 0009, docs/search.md "Fourth round")."""
    if connection.vendor != "postgresql":
        return  # PostgreSQL's autovacuum only (and CI fails skips)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'kommunwebb_search_indexterm'"
        )
        (options,) = cursor.fetchone()
    assert set(options or []) >= {
        "autovacuum_vacuum_scale_factor=0.01",
        "autovacuum_vacuum_insert_scale_factor=0.01",
    }


def _ranked_in_one_statement(plan):
    """The reference: the ranking as one SQL statement over the term index (how it was
    ranked before it was summed in Python), with the same inverse document frequencies."""
    from kommunwebb.search.backends.terms import idf_of
    from kommunwebb.search.models import IndexTerm

    terms = sorted(set().union(*plan.clauses, plan.optional))
    frequencies = {term: plan._postings(term)[1] for term in terms}
    idf = idf_of(terms, frequencies, plan._total())
    rows, params, seen = [], [], set()
    for index, clause in enumerate(plan.clauses):
        for term in sorted(clause):
            rows.append("(%s, CAST(%s AS INTEGER), CAST(%s AS INTEGER))")
            params.extend([term, index, 0 if term in seen else idf[term]])
            seen.add(term)
    for term in sorted(plan.optional - seen):
        rows.append("(%s, CAST(NULL AS INTEGER), CAST(%s AS INTEGER))")
        params.extend([term, idf[term]])
    types = plan.content_types
    filter_sql, filter_params = plan.queryset.order_by().values("pk").query.sql_with_params()
    sql = (
        f"WITH q (term, clause, idf) AS (VALUES {', '.join(rows)}) "
        f"SELECT t.object_id, SUM(t.weight * q.idf) AS score "
        f"FROM {IndexTerm._meta.db_table} t JOIN q ON q.term = t.term "
        f"WHERE t.kind = %s AND t.content_type_id IN ({', '.join(['%s'] * len(types))}) "
        f"AND t.object_id IN ({filter_sql}) "
        f"GROUP BY t.object_id HAVING COUNT(DISTINCT q.clause) >= %s "
        "ORDER BY score DESC, object_id DESC"
    )
    params.extend([IndexTerm.TERM, *types, *filter_params, plan.required])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def test_the_ranking_in_python_is_the_one_sql_would_give(news):
    """The postings are summed in Python (``TermPlan.scores``): the same pages, scores and
    order as the sums, the clause count and the visibility filter done by the database."""
    from kommunwebb.search.backends.terms import TermPlan
    from kommunwebb.search.query import Search, base_queryset

    texts = [
        ("Skolor i kommunen", "Skolan och förskolan har öppet hus."),
        ("Förskola", "Öppettider för förskolor i kommunen och skolor."),
        ("Bibliotek", "Stadsbiblioteket har öppet i skolans lokaler och förskolan."),
        ("Öppettider", "Öppettider för skolan, förskolan och biblioteket i kommunen."),
        ("Skolval", "Välj skola och förskola i god tid."),
    ]
    pages = [publish(NewsArticlePageFactory(parent=news, title=t, lead=lead)) for t, lead in texts]
    hidden = pages[1]
    hidden.unpublish()
    for query, relaxed in [
        ("skolor", False),
        ("förskolan öppettider", False),
        ("förskola och öppettider i kommunen", False),
        ("öppettider biblioteket skolval", True),
    ]:
        search = Search(query, relaxed=relaxed)
        queryset = base_queryset()
        cq = search.clause_query
        plan = TermPlan(queryset, cq.clauses, cq.optional, cq.required)
        expected = _ranked_in_one_statement(plan)
        assert expected, query
        ranked, total = plan.ranked(0, None)
        assert ranked == expected, query
        assert total == len(expected)
        assert hidden.pk not in {pk for pk, _ in ranked}
        # A window of the ranking is the same window of the whole.
        window = expected[1:3]
        assert plan.ranked(1, 3) == (window, len(expected) if window else None)
        # Knowing the visible ids beforehand changes nothing.
        within = frozenset(queryset.values_list("pk", flat=True))
        known = TermPlan(queryset, cq.clauses, cq.optional, cq.required, within)
        assert known.ranked(0, None) == (expected, len(expected))


def test_a_query_of_one_term_is_ranked_by_the_database_as_python_ranks_it(news):
    """``TermPlan._ranked_one_term`` (the count and the order by the database, the window
    filtered by the visible ids) gives what summing every posting in Python gives: the
    same pages, scores, order and count, hidden pages left out, windows past the end
    empty, whichever list tells the visible pages apart."""
    from kommunwebb.search.backends.terms import TermPlan
    from kommunwebb.search.query import Search, base_queryset, hidden_ids, searchable_ids

    texts = [
        ("Skolor i kommunen", "Skolan har öppet hus."),
        ("Skolval", "Välj skola i god tid."),
        ("Skolan", "Skolan."),
        ("Skolans skolor", "Skola, skolor och skolan: skolans skolgård."),
        ("Förskola", "Förskolan och skolan i kommunen."),
        ("Idrott", "Skolan har idrott."),
        ("Idrottshall", "Ingen skola."),
    ]
    pages = [publish(NewsArticlePageFactory(parent=news, title=t, lead=lead)) for t, lead in texts]
    pages[1].unpublish()
    kinds = ["", "nyheter", "sidor"]
    for query in ["skolor", "idrott", "kommunen", "saknas"]:
        for kind in kinds:
            cq = Search(query, kind=kind).clause_query
            within = searchable_ids(kind)

            def plan(hidden, cq=cq, kind=kind, within=within):
                found = TermPlan(base_queryset(kind), cq.clauses, cq.optional, cq.required, within)
                found.hidden = hidden
                return found

            expected = plan(None).ranked(0, None)
            ranked, total = expected
            assert pages[1].pk not in {pk for pk, _ in ranked}
            hidden = hidden_ids(plan(None), kind)
            assert pages[1].pk in hidden
            for start, stop in [(0, 10), (0, 2), (1, 3), (2, 50), (len(ranked), len(ranked) + 5)]:
                window = ranked[start:stop]
                want = (window, total if window else None)
                assert plan(hidden)._ranked_one_term(start, stop) == want, (query, kind, start)
                # The visible pages listed instead of the hidden ones: the same.
                many = frozenset(range(10**6, 10**6 + len(within) + 1)) | hidden
                assert plan(many)._ranked_one_term(start, stop) == want, (query, kind, start)
    # Several terms go the general way.
    cq = Search("skolor kommunen").clause_query
    several = TermPlan(base_queryset(), cq.clauses, cq.optional, cq.required, searchable_ids())
    several.hidden = frozenset()
    assert several._ranked_one_term(0, 10) is None
    assert several.ranked(0, 10)[0]


def test_several_terms_pruned_give_the_exhaustive_window_and_a_capped_count(news, monkeypatch):
    """``TermPlan._ranked_pruned`` (each term's best postings first, stopping once the
    window is certain; the count read from the newest pages down until it passes the cap)
    gives the window summing every posting gives: the same pages, scores and order; the
    count exact up to the cap and ``cap + 1`` above it; nothing past the first ``cap``."""
    from kommunwebb.search.backends import terms
    from kommunwebb.search.backends.terms import TermPlan
    from kommunwebb.search.query import Search, base_queryset, searchable_ids

    texts = [
        ("Skolor i kommunen", "Skolan har öppet hus i kommunen."),
        ("Skolval", "Välj skola i god tid. Kommunen hjälper."),
        ("Skolan", "Skolan i kommunen, skolan."),
        ("Skolans skolor", "Skola, skolor och skolan: kommunens skolgård."),
        ("Förskola", "Förskolan och skolan i kommunen har öppettider."),
        ("Idrott i kommunen", "Skolan har idrott. Kommunen, kommunen."),
        ("Idrottshall", "Ingen skola, men kommunen."),
        ("Öppettider", "Öppettider för skolan och förskolan i kommunen."),
        ("Kommunen", "Kommunen har skolor."),
        ("Skolskjuts", "Skolskjuts till skolan."),
    ]
    # Term frequencies traded against each other: each term's best pages are not the best
    # by the sum (saturated frequencies), so the first, shallowest prefixes cannot decide.
    texts += [(f"Sida {a}", "idrott " * a + "cykel " * (7 - a)) for a in range(1, 7)]
    pages = [publish(NewsArticlePageFactory(parent=news, title=t, lead=lead)) for t, lead in texts]
    pages[1].unpublish()
    # Every query prunes, from the shallowest depth, so the deepening is exercised too.
    monkeypatch.setattr(terms, "PRUNE_FROM", 0)
    monkeypatch.setattr(terms, "PRUNE_DEPTH", 0)
    for (query, relaxed), few in itertools.product(
        [
            ("skola kommunen", False),
            ("skolan i kommunen", False),
            ("förskola öppettider", False),
            ("idrott cykel", False),
            ("idrott skolor kommunen", True),
        ],
        [0, 500],
    ):
        # The rarest clause's pages alone as the candidates (``FEW_CANDIDATES``), or not.
        monkeypatch.setattr(terms, "FEW_CANDIDATES", few)
        cq = Search(query, relaxed=relaxed).clause_query
        within = searchable_ids()
        plan = TermPlan(base_queryset(), cq.clauses, cq.optional, cq.required, within)
        everything, total = plan.ranked(0, None)
        assert total and total >= 2, query
        assert pages[1].pk not in {pk for pk, _ in everything}
        for cap in [1, total - 1, total, 1000]:
            counted = total if total <= cap else cap + 1
            for start, stop in [(0, 1), (0, 3), (1, 4), (0, 50), (total, total + 3)]:
                window = everything[start : min(stop, cap)]
                want = (window, counted if window else None)
                pruned = TermPlan(base_queryset(), cq.clauses, cq.optional, cq.required, within)
                assert pruned._ranked_pruned(start, stop, cap) is not None or start >= cap
                assert pruned.ranked(start, stop, cap) == want, (query, cap, start, stop)


def test_term_frequencies_are_kept_until_the_index_changes(news, settings):
    """A query of several terms needs each term's document frequency (a count of its
    postings); with the page cache on they are kept per state of the index, so the same
    terms are counted once, and indexing a page (a new term row) or removing one (an entry
    fewer) counts them again."""
    from django.test.utils import CaptureQueriesContext

    from kommunwebb.search.backends.terms import TermPlan
    from kommunwebb.search.query import base_queryset

    settings.PAGECACHE_ENABLED = True
    publish(NewsArticlePageFactory(parent=news, title="Skolor", lead="Skolan i kommunen."))
    gone = publish(NewsArticlePageFactory(parent=news, title="Kommunen", lead="Kommunen."))

    def frequencies():
        plan = TermPlan(base_queryset(), [frozenset({"skol"}), frozenset({"kommun"})], set(), 2)
        with CaptureQueriesContext(connection) as queries:
            found = plan._frequencies(["kommun", "skol"])
        counted = [q for q in queries.captured_queries if "GROUP BY term" in q["sql"]]
        return found, len(counted)

    first, counted = frequencies()
    assert counted == 1 and first["skol"] >= 1 and first["kommun"] >= 2
    assert frequencies() == (first, 0)
    publish(NewsArticlePageFactory(parent=news, title="Skolgård", lead="Skolan."))
    second = {"kommun": first["kommun"], "skol": first["skol"] + 1}
    assert frequencies() == (second, 1)
    assert frequencies() == (second, 0)
    gone.delete()
    third = {"kommun": first["kommun"] - 1, "skol": first["skol"] + 1}
    assert frequencies() == (third, 1)
    settings.PAGECACHE_ENABLED = False
    assert frequencies() == (third, 1)


def test_the_pruned_window_reads_every_terms_prefix_in_one_statement(news, monkeypatch):
    """``TermPlan._top`` reads the best postings of every term in one statement (a round
    trip each was most of a statement's time on PostgreSQL), then the candidates': two
    statements per depth however many terms, the same window as summing every posting."""
    from django.test.utils import CaptureQueriesContext

    from kommunwebb.search.backends import terms
    from kommunwebb.search.backends.terms import TermPlan, idf_of
    from kommunwebb.search.query import Search, base_queryset, searchable_ids

    for n in range(8):
        lead = "Skolan i kommunen. " * (n % 3 + 1) + "Öppettider för förskolan. " * (n % 4)
        publish(NewsArticlePageFactory(parent=news, title=f"Sida {n}", lead=lead))
    cq = Search("skolan förskola öppettider kommunen").clause_query
    within = searchable_ids()
    plan = TermPlan(base_queryset(), cq.clauses, cq.optional, cq.required, within)
    everything, _total = plan.ranked(0, None)
    assert len(everything) >= 4
    names = sorted(set().union(*cq.clauses, cq.optional))
    frequencies = plan._frequencies(names)
    idf = idf_of(names, frequencies, plan._total())
    for depth, statements in [(1000, 2), (0, None)]:
        monkeypatch.setattr(terms, "PRUNE_DEPTH", depth)
        with CaptureQueriesContext(connection) as queries:
            assert plan._top(names, frequencies, idf, 3) == everything[:3]
        if statements is not None:
            assert len(queries.captured_queries) == statements


def test_a_term_count_is_kept_until_the_index_or_the_content_changes(news, settings):
    """A one-term search counts its visible matches and reads its window in one statement;
    with the page cache on, the count is kept per content generation and state of the
    index (``query.term_counts``): asked again, only the window is read; a page indexed
    since, or a new generation (a publish's commit), counts again."""
    from django.test.utils import CaptureQueriesContext

    from kommunwebb.pagecache.invalidation import _bump as new_generation  # what a commit runs
    from kommunwebb.search.query import Search

    settings.PAGECACHE_ENABLED = True

    def published(title):
        page = publish(NewsArticlePageFactory(parent=news, title=title, lead="Idrott."))
        new_generation()
        return page

    pages = [published(f"Skolor {n}") for n in range(3)]

    def search():
        with CaptureQueriesContext(connection) as queries:
            page = Search("skolor").page(1, 10)
        sql = [q["sql"] for q in queries.captured_queries]
        ranking = [s for s in sql if "search_indexterm" in s and "weight" in s]
        counted = [s for s in ranking if "counted" in s]
        return page.paginator.count, len(counted), len(ranking)

    assert search() == (3, 1, 1)
    assert search() == (3, 0, 1)
    # Re-indexed after its generation started (by the task worker), with other words: a
    # new state of the index, counted again.
    Page.objects.filter(pk=pages[2].pk).update(title="Cyklar")
    get_search_backend().add(Page.objects.get(pk=pages[2].pk).specific)
    assert search() == (2, 1, 1)
    assert search() == (2, 0, 1)
    published("Skolor 4")
    assert search() == (3, 1, 1)
    assert search() == (3, 0, 1)
    pages[0].unpublish()
    new_generation()
    assert search() == (2, 1, 1)
    assert search() == (2, 0, 1)
    settings.PAGECACHE_ENABLED = False
    assert search() == (2, 1, 1)
    assert search() == (2, 1, 1)


def test_a_capped_count_of_several_terms_is_kept_until_the_index_changes(
    news, settings, monkeypatch
):
    """A query of several terms counts its matches up to the cap (``_count_capped``); with
    the page cache on, that count is kept like a one-term count: asked again, only the
    window is read; a page indexed since counts again."""
    from django.test.utils import CaptureQueriesContext

    from kommunwebb.pagecache.invalidation import _bump as new_generation  # what a commit runs
    from kommunwebb.search.backends import terms
    from kommunwebb.search.query import MAX_COUNTED, Search

    settings.PAGECACHE_ENABLED = True
    monkeypatch.setattr(terms, "PRUNE_FROM", 0)
    monkeypatch.setattr(terms, "FEW_CANDIDATES", 0)
    for n in range(3):
        publish(NewsArticlePageFactory(parent=news, title=f"Skolor {n}", lead="Idrott i kommunen."))
    new_generation()  # nothing kept by an earlier test

    def search():
        with CaptureQueriesContext(connection) as queries:
            page = Search("skolor idrott").page(1, 10)
        counted = [q for q in queries.captured_queries if "HAVING" in q["sql"]]
        return page.paginator.count, len(counted)

    assert MAX_COUNTED > 3
    assert search() == (3, 1)
    assert search() == (3, 0)
    publish(NewsArticlePageFactory(parent=news, title="Skolor 3", lead="Idrott."))
    new_generation()
    assert search() == (4, 1)
    assert search() == (4, 0)
    settings.PAGECACHE_ENABLED = False
    assert search() == (4, 1)
    assert search() == (4, 1)


def test_the_kept_counts_are_bounded(news, monkeypatch):
    """A stream of distinct queries cannot grow the kept counts past their bound: past it,
    a count is read and used, not kept."""
    from kommunwebb.search.backends import terms
    from kommunwebb.search.backends.terms import TermPlan
    from kommunwebb.search.query import Search, base_queryset, hidden_ids, searchable_ids

    publish(NewsArticlePageFactory(parent=news, title="Skolor", lead="Idrott i kommunen."))
    monkeypatch.setattr(terms, "MAX_KEPT_FREQUENCIES", 2)
    kept = {}
    for query in ["skolor", "idrott", "kommunen", "skolor"]:
        cq = Search(query).clause_query
        plan = TermPlan(base_queryset(), cq.clauses, cq.optional, cq.required, searchable_ids())
        plan.hidden = hidden_ids(plan)
        plan.counts = kept
        ranked, total = plan.ranked(0, 10)
        assert total >= 1 and ranked, query
    assert len(kept) == 2
