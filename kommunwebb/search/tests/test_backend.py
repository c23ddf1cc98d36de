"""The Swedish search backend on the database the suite runs on (SQLite in `make test`,
PostgreSQL in CI's second run): inflected forms find each other."""

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
