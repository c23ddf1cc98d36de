"""The PostgreSQL half of the Swedish search backend; see ``swedish.py``.

Search and ranking go through the term index shared with SQLite (``terms.py``). What is
left here is modelsearch's tsvector index with the ``swedish`` configuration, kept for
Wagtail's admin, whose listings search by autocomplete, with one change to how that
queries: modelsearch matched ``title || body`` concatenated per row, which no index can
answer (600 ms for a common word among 2,000 pages). Here the columns are matched
separately, so their GIN indexes answer the match, and the rank is computed only for
matching rows."""

from contextlib import contextmanager

from django.db import connections, transaction
from modelsearch.backends.database.postgres.postgres import (
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from kommunwebb.search.backends.common import TOTAL_FIELD, has_integer_pk
from kommunwebb.search.backends.terms import TermIndexMixin, TermSearchMixin, TermSearchResults
from kommunwebb.search.text import words

# A word in the title counts four times one in the body.
TITLE_WEIGHT = 4
# Above this many matches the body's term frequency no longer ranks: results are ordered by
# title relevance, then newest first. Ranking a body means unpacking its whole tsvector;
# for 8,000 matches that took 20-40 ms, and a word in thousands of pages says little about
# which of them is wanted.
RANK_BODIES_UP_TO = 1000


def tsquery(query, *, prefix_last: bool = False) -> str | None:
    """PostgreSQL tsquery syntax for a search query: "" when it has no words, None for
    what is left to modelsearch (match-all, fuzzy). Only letters and digits are kept from
    the text, so nothing can break out of the quoted lexemes."""
    if isinstance(query, PlainText):
        terms = [f"'{term}'" for term in words(query.query_string)]
        if not terms:
            return ""
        if prefix_last:
            terms[-1] += ":*"
        joiner = " | " if query.operator.lower() == "or" else " & "
        return "(" + joiner.join(terms) + ")"
    if isinstance(query, Phrase):
        terms = [f"'{term}'" for term in words(query.query_string)]
        return "(" + " <-> ".join(terms) + ")" if terms else ""
    if isinstance(query, And | Or):
        parts = [tsquery(subquery) for subquery in query.subqueries]
        if any(part is None for part in parts):
            return None
        parts = [part for part in parts if part]
        joiner = " & " if isinstance(query, And) else " | "
        return "(" + joiner.join(parts) + ")" if parts else ""
    if isinstance(query, Not):
        inner = tsquery(query.subquery)
        return None if not inner else f"!{inner}"
    if isinstance(query, Boost):
        return tsquery(query.subquery)
    return None


class FastMatchMixin:
    PREFIX_LAST = False

    # How many of the vectors (from the start) still rank when there are many matches.
    CHEAP_VECTORS = 1

    def vectors(self, entries: str, config: str, backend) -> list[tuple[str, int, str]]:
        """(column, weight in the rank, text search configuration of the query)."""
        return [(f"{entries}.title", TITLE_WEIGHT, config), (f"{entries}.body", 1, config)]

    def search(self, config, start, stop, score_field=None, backend=None):
        model = self.queryset.model
        text = tsquery(self.query, prefix_last=self.PREFIX_LAST)
        if text == "":
            return self.queryset.none()
        if text is None or self.fields or not has_integer_pk(model):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        entries = get_app_config().get_model("IndexEntry")._meta.db_table
        content_types = ", ".join(str(int(pk)) for pk in get_descendants_content_types_pks(model))
        query = "to_tsquery(%s::regconfig, %s)"
        vectors = self.vectors(entries, config or "simple", backend)
        ranks = [f"ts_rank({column}, {query}) * {weight}" for column, weight, _ in vectors]
        match = " OR ".join(f"{column} @@ {query}" for column, _weight, _ in vectors)
        params = [value for _c, _w, vector_config in vectors for value in (vector_config, text)]
        rank, rank_params = " + ".join(ranks), params
        if len(vectors) > self.CHEAP_VECTORS:
            cheap = " + ".join(ranks[: self.CHEAP_VECTORS])
            rank = f"CASE WHEN COUNT(*) OVER () > {RANK_BODIES_UP_TO} THEN {cheap} ELSE {rank} END"
            rank_params = params[: 2 * self.CHEAP_VECTORS] + params
        score = score_field or "_search_score"
        queryset = self.queryset.extra(  # noqa: S610 - tsquery matching needs raw SQL
            select={score: rank, TOTAL_FIELD: "COUNT(*) OVER ()"},
            select_params=rank_params,
            tables=[entries],
            where=[
                # "+ 0": filter the matched rows rather than intersect with the content type
                # index, which lists nearly every row.
                f"({entries}.content_type_id + 0) IN ({content_types})",
                f"{entries}.object_id = ({model._meta.db_table}.{model._meta.pk.column})::text",
                f"({match})",
            ],
            params=params,
        )
        if self.order_by_relevance:
            queryset = queryset.order_by(f"-{score}", "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class SwedishPostgresQueryCompiler(TermSearchMixin, PostgresSearchQueryCompiler):
    pass


class SwedishPostgresIndex(TermIndexMixin, PostgresIndex):
    plain_indexer_class = ObjectIndexer


class SwedishPostgresAutocompleteQueryCompiler(FastMatchMixin, PostgresAutocompleteQueryCompiler):
    """Titles whose words start with what was typed, or are inflections of it: "skola"
    suggests "Skolorna öppnar" too. Wagtail's admin searches its listings this way."""

    PREFIX_LAST = True
    CHEAP_VECTORS = 2  # both are short

    def vectors(self, entries: str, config: str, backend) -> list[tuple[str, int, str]]:
        # The autocomplete column is indexed without stemming ("simple"); the title column
        # with the backend's Swedish configuration, which also stems the typed words.
        return [
            (f"{entries}.autocomplete", 1, config),
            (f"{entries}.title", 1, getattr(backend, "config", None) or "swedish"),
        ]


@contextmanager
def index_scans(using: str):
    """Inside: the planner reaches the index entries through their GIN indexes, never a
    sequential scan. Its cost model knows nothing of the work a sequential scan does here:
    matching ``body @@ query`` row by row unpacks every body's tsvector from TOAST storage.
    For a word in most pages that scan took 27 ms of a 45 ms query; the bitmap scan of the
    GIN index answers the same match in 4 ms. Just-in-time compilation is off too: the
    penalty the planner adds to a sequential scan would make it compile every query
    (200 ms). The settings last for this transaction (a savepoint inside an outer one) and
    are put back afterwards."""
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('jit'), "
                "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
            )
            seqscan, jit, _off, _jit_off = cursor.fetchone()
        yield
        with connections[using].cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), set_config('jit', %s, true)",
                [seqscan, jit],
            )


class SwedishPostgresSearchResults(TermSearchResults, PostgresSearchResults):
    def _do_search(self):
        if self.term_plan() is not None:
            return super()._do_search()
        with index_scans(self.query_compiler.queryset.db):
            return super()._do_search()

    def _do_count(self):
        if self.term_plan() is not None:
            return super()._do_count()
        with index_scans(self.query_compiler.queryset.db):
            return super()._do_count()


class SwedishPostgresSearchBackend(PostgresSearchBackend):
    index_class = SwedishPostgresIndex
    results_class = SwedishPostgresSearchResults
    query_compiler_class = SwedishPostgresQueryCompiler
    autocomplete_query_compiler_class = SwedishPostgresAutocompleteQueryCompiler

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "swedish", **params})
