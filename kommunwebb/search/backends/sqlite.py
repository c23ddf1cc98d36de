"""The SQLite half of the Swedish search backend; see ``swedish.py``.

Search and ranking go through the term index shared with PostgreSQL (``terms.py``). What
is left here is modelsearch's FTS5 index, kept for Wagtail's admin, whose listings search
by autocomplete: titles whose words start with what was typed.

Imported only when the default database is SQLite: modelsearch defines its FTS model only
then."""

from django.db.models import FloatField, Func
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from kommunwebb.search.backends.common import has_integer_pk
from kommunwebb.search.backends.terms import TermIndexMixin, TermSearchMixin, TermSearchResults
from kommunwebb.search.text import stem_text, words


class StemmingObjectIndexer(ObjectIndexer):
    """Index title and body as Swedish stems; leave autocomplete as written."""

    @property
    def stemmed_title(self):
        return stem_text(self.title)

    @property
    def stemmed_body(self):
        return stem_text(self.body)


class SwedishSQLiteIndex(TermIndexMixin, SQLiteIndex):
    plain_indexer_class = ObjectIndexer

    def add_items(self, model, objs):
        # modelsearch's SQLiteIndex.add_items with the stemming indexer. Rows that exist are
        # updated in place, new ones created in bulk: a publish touches one row.
        if not model.get_search_fields():
            return
        indexers = [StemmingObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        IndexEntry = get_app_config().get_model("IndexEntry")
        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: {
                "title": indexer.stemmed_title,
                "autocomplete": indexer.autocomplete,
                "body": indexer.stemmed_body,
            }
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        existing = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in existing:
            entries.filter(object_id=object_id).update(**data[object_id])
        self.entries.bulk_create(
            IndexEntry(content_type_id=content_type_pk, object_id=object_id, **values)
            for object_id, values in data.items()
            if object_id not in existing
        )
        self._refresh_title_norms()
        self.add_terms(model, objs)


class WeightedBM25(Func):
    """FTS5's bm25() with a weight per column (autocomplete, body, title: the order the
    table was created in). modelsearch multiplies one unweighted bm25() by each page's
    title length factor instead, which ranks any page with a short title first, wherever
    the words were found."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        table = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
        weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
        return f"bm25({table}, {weights})", []


# A word in the title counts four times one in the body; autocomplete text is not ranked.
BM25_WEIGHTS = (0.0, 1.0, 4.0)


def fts_expression(query) -> str | None:
    """FTS5 query syntax for a stemmed query, or None for what this module leaves to
    modelsearch (NOT, match-all). Stems are letters and digits only (``stem_text``), so
    quoting them cannot be escaped from."""
    if isinstance(query, PlainText):
        joiner = " OR " if query.operator.lower() == "or" else " AND "
        return "(" + joiner.join(f'"{word}"' for word in query.query_string.split()) + ")"
    if isinstance(query, Phrase):
        return f'"{query.query_string}"'
    if isinstance(query, And | Or):
        parts = [fts_expression(subquery) for subquery in query.subqueries]
        if any(part is None for part in parts):
            return None
        joiner = " AND " if isinstance(query, And) else " OR "
        return "(" + joiner.join(parts) + ")"
    return None


# A narrow index over the index entries' (id, content type, object id), created by this
# app's migration 0003. Looking up a matched entry's object through it reads a few bytes;
# through the table it reads the whole row with its title and body text. With thousands of
# matches that is the difference between 2 and 20 ms.
ENTRY_INDEX = "kommunwebb_search_entry_object"


class FastMatchMixin:
    """One query: FTS5 finds and ranks the matching index entries, each entry's object id
    comes from ENTRY_INDEX, the model's table is joined on its primary key, and the
    queryset's own filters apply as usual. modelsearch instead filters by a subquery and
    ranks each result with a correlated subquery that runs the full-text match again,
    which takes seconds when thousands of pages match."""

    # bm25() weights for the FTS table's columns (autocomplete, body, title).
    WEIGHTS = BM25_WEIGHTS

    def match_expression(self) -> str | None:
        """The FTS5 MATCH string; "" to match nothing, None to leave it to modelsearch."""
        expression = fts_expression(self.query)
        return expression and f"{{title body}} : {expression}"

    def search(self, config, start, stop, score_field=None):
        model = self.queryset.model
        expression = self.match_expression()
        if expression == "":
            return self.queryset.none()
        if expression is None or self.fields or not has_integer_pk(model):
            return super().search(config, start, stop, score_field=score_field)
        fts = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
        entries = get_app_config().get_model("IndexEntry")._meta.db_table
        content_types = ", ".join(str(int(pk)) for pk in get_descendants_content_types_pks(model))
        weights = ", ".join(str(weight) for weight in self.WEIGHTS)
        score = score_field or "_search_score"
        # Only names from the models' metadata and integers go into the SQL; the query text
        # is a parameter.
        object_id = (
            f"(SELECT CAST(entry.object_id AS INTEGER) FROM {entries} AS entry "  # noqa: S608
            f"INDEXED BY {ENTRY_INDEX} WHERE entry.id = {fts}.rowid "
            # "+" keeps SQLite from probing the index once per content type.
            f"AND +entry.content_type_id IN ({content_types}))"
        )
        queryset = self.queryset.extra(  # noqa: S610 - FTS5 MATCH and bm25() need raw SQL
            # No COUNT(*) OVER () here, unlike PostgreSQL: SQLite then evaluates the ORDER BY
            # outside the full-text query, where bm25() cannot run. The separate count is
            # cheap on FTS5 (a few ms for 10,000 matches).
            select={score: f"bm25({fts}, {weights})"},
            tables=[fts],
            where=[
                f"{fts} MATCH %s",
                f"{model._meta.db_table}.{model._meta.pk.column} = {object_id}",
            ],
            params=[expression],
        )
        if self.order_by_relevance:
            queryset = queryset.order_by(score, "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class SwedishSQLiteQueryCompiler(TermSearchMixin, SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()


class SwedishSQLiteSearchResults(TermSearchResults, SQLiteSearchResults):
    pass


class SwedishSQLiteAutocompleteQueryCompiler(FastMatchMixin, SQLiteAutocompleteQueryCompiler):
    """Titles whose words start with what was typed (the last word completed), or whose
    words are inflections of it: "skola" suggests "Skolorna öppnar" too. Wagtail's admin
    searches its listings this way."""

    WEIGHTS = (1.0, 0.0, 1.0)

    def match_expression(self) -> str | None:
        if not isinstance(self.query, PlainText):
            return None
        terms = words(self.query.query_string)
        if not terms:
            return ""
        prefix = [f'"{term}"' for term in terms]
        prefix[-1] += "*"
        expression = "{autocomplete} : (" + " AND ".join(prefix) + ")"
        stems = stem_text(" ".join(terms)).split()
        if stems:
            inflected = " AND ".join(f'"{word}"' for word in stems)
            expression += " OR {title} : (" + inflected + ")"
        return expression


class SwedishSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = SwedishSQLiteIndex
    results_class = SwedishSQLiteSearchResults
    query_compiler_class = SwedishSQLiteQueryCompiler
    autocomplete_query_compiler_class = SwedishSQLiteAutocompleteQueryCompiler
