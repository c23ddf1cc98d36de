"""The part of the Swedish backend that is the same on SQLite and PostgreSQL: its own index
of terms (``IndexTerm``) and the query that finds and ranks objects by it.

Why not the databases' own full-text search, as modelsearch does: SQLite's FTS5 and
PostgreSQL's tsvector tokenise, stem and rank in different ways (FTS5's bm25() and
PostgreSQL's ts_rank() are different formulas; PostgreSQL's Swedish stemmer is an older
Snowball than the one Python has), so the embedded and the production profile answered the
same query with different pages in a different order, and neither can split Swedish
compounds. Here every decision about language is made once, in Python (``text.analyse``
for the index, ``text.query_clauses`` for the query, ``compounds`` for both), and the
database only compares strings and adds integers: the same pages, in the same order, on
both. modelsearch still keeps its own entries, which Wagtail's admin uses for
autocomplete.

The ranking is BM25: each term's weight in an object (saturated term frequency, title four
times the body, a compound's parts half) is computed when the object is indexed; the query
multiplies it by the term's inverse document frequency, computed per query, and adds up.
Both are integers, so the sums are exact; ties go to the newest object (highest id).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.db.models.expressions import RawSQL
from modelsearch.query import And, Or, Phrase, PlainText, SearchQuery
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from kommunwebb.core.locales import for_content_language
from kommunwebb.search import vocabulary
from kommunwebb.search.backends.common import TOTAL_FIELD, has_integer_pk
from kommunwebb.search.models import IndexTerm
from kommunwebb.search.text import analyse, is_swedish, no_split, query_clauses, query_terms

IDF_SCALE = 1000
# Rows per INSERT statement when writing an object's terms.
INSERT_BATCH = 500
# The most ids a ranking statement lists to tell the visible objects apart.
MAX_LISTED = 5000


class ClauseQuery(SearchQuery):
    """A query already in the form the term index answers: clauses that must each be met
    by one of their terms, and optional terms that only rank. ``kommunwebb.search.query``
    builds it with synonyms; any other query is converted by ``clauses_for``."""

    def __init__(self, clauses, optional=frozenset(), *, required: int | None = None, within=None):
        self.clauses = [frozenset(clause) for clause in clauses]
        self.optional = frozenset(optional)
        # How many of the clauses a match must meet: all of them, unless relaxed.
        self.required = len(self.clauses) if required is None else required
        # The ids the searched queryset holds, when the caller already knows them (the
        # search page keeps the visible pages per content generation): the ranking then
        # need not ask the database for them.
        self.within = within

    def __repr__(self):
        return (
            f"<ClauseQuery {self.clauses!r} optional={sorted(self.optional)!r} "
            f"required={self.required}>"
        )


def clauses_for(query, splitter=None):
    """(clauses, optional terms, how many clauses must match) for a Wagtail search query,
    or None for what the term index does not answer (match-all, NOT, fuzzy), which is
    left to modelsearch."""
    if isinstance(query, ClauseQuery):
        return query.clauses, query.optional, query.required
    if splitter is None:
        splitter = vocabulary.splitter()
    if isinstance(query, PlainText | Phrase):
        words = query_terms(query.query_string)
        if not words:
            return [], frozenset(), 0
        clauses, optional = query_clauses([[word] for word in words], splitter)
        if isinstance(query, PlainText) and query.operator == "or":
            # Any of the words: one clause holding all of them.
            return [frozenset().union(*clauses, optional)], frozenset(), 1
        return clauses, optional, len(clauses)
    if isinstance(query, And):
        clauses, optional = [], set()
        for subquery in query.subqueries:
            found = clauses_for(subquery, splitter)
            if found is None:
                return None
            if found[2] < len(found[0]):
                return None
            clauses.extend(found[0])
            optional |= found[1]
        return clauses, frozenset(optional), len(clauses)
    if isinstance(query, Or):
        union: set[str] = set()
        for subquery in query.subqueries:
            found = clauses_for(subquery, splitter)
            if found is None:
                return None
            for clause in found[0]:
                union |= clause
        return ([frozenset(union)] if union else []), frozenset(), 1 if union else 0
    return None


# --- Writing the index -------------------------------------------------------------------


def object_texts(indexer) -> tuple[str, str]:
    """Title and body of an object as plain text, from modelsearch's indexer of either
    database (PostgreSQL's keeps them as ``title_text``/``body_text``)."""
    if hasattr(type(indexer), "title_text"):
        return indexer.title_text, indexer.body_text
    return indexer.title, indexer.body


def languages_of(objs) -> list[str]:
    """The content language of each object: its locale's (a translatable page or
    snippet), else the site's main language. Its text is stemmed by that language's rules."""
    from wagtail.models import Locale

    codes = dict(Locale.objects.values_list("pk", "language_code"))
    return [codes.get(getattr(obj, "locale_id", None), settings.LANGUAGE_CODE) for obj in objs]


def write_terms(model, indexers, using: str, languages: list[str] | None = None) -> None:
    """Replace the terms of these objects (one batch of modelsearch's indexers), each
    stemmed in its own language (``languages``, one per indexer; the main language when
    not given)."""
    if not indexers or not has_integer_pk(model):
        return
    content_type = get_content_type_pk(model)
    if languages is None:
        languages = [settings.LANGUAGE_CODE] * len(indexers)
    swedish_splitter = None
    rows = []
    ids = []
    for indexer, language in zip(indexers, languages, strict=True):
        object_id = int(indexer.id)
        ids.append(object_id)
        title, body = object_texts(indexer)
        with for_content_language(language):
            if swedish_splitter is None and is_swedish():
                swedish_splitter = vocabulary.splitter()
            splitter = swedish_splitter if is_swedish() else no_split
            weights, words = analyse(title, body, splitter)
        rows.extend(
            (IndexTerm.TERM, term, content_type, object_id, weight)
            for term, weight in weights.items()
        )
        rows.extend(
            (IndexTerm.WORD, word, content_type, object_id, count) for word, count in words.items()
        )
    table = IndexTerm._meta.db_table
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for start in range(0, len(ids), INSERT_BATCH):
            chunk = ids[start : start + INSERT_BATCH]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"DELETE FROM {table} WHERE content_type_id = %s "  # noqa: S608 - names only
                f"AND object_id IN ({marks})",
                [content_type, *chunk],
            )
        for start in range(0, len(rows), INSERT_BATCH):
            chunk = rows[start : start + INSERT_BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (kind, term, content_type_id, object_id, weight) "  # noqa: S608
                f"VALUES {values}",
                [value for row in chunk for value in row],
            )


class TermIndexMixin:
    """Mixed into modelsearch's index class of each database: its entries are written as
    before, and the object's terms beside them."""

    def add_items(self, model, objs):
        super().add_items(model, objs)
        self.add_terms(model, objs)

    def add_terms(self, model, objs):
        if not model.get_search_fields():
            return
        objs = list(objs)
        indexers = [self.plain_indexer_class(obj, self.backend) for obj in objs]
        write_terms(model, indexers, self.write_connection.alias, languages_of(objs))

    def delete_item(self, item):
        super().delete_item(item)
        if has_integer_pk(type(item)):
            IndexTerm.objects.using(self.write_connection.alias).filter(
                content_type_id__in=_content_types_of(item), object_id=item.pk
            )._raw_delete(using=self.write_connection.alias)

    def reset(self):
        super().reset()
        IndexTerm.objects.using(self.write_connection.alias).all()._raw_delete(
            using=self.write_connection.alias
        )

    def delete_stale_model_entries(self, model):
        super().delete_stale_model_entries(model)
        if not has_integer_pk(model):
            return
        existing = model._default_manager.values("pk")
        IndexTerm.objects.using(self.write_connection.alias).filter(
            content_type_id__in=get_descendants_content_types_pks(model)
        ).exclude(object_id__in=existing).delete()


def _content_types_of(item) -> list[int]:
    """The content types an object may be indexed under: its own and its parents'."""
    model = type(item)
    models = [model, *model._meta.get_parent_list()]
    return [ContentType.objects.get_for_model(m).pk for m in models]


# --- Searching ---------------------------------------------------------------------------


@dataclass
class TermPlan:
    """One search over the term index: which objects match, and in what order.

    The ranking reads the postings of the query's terms (``term, object_id, weight`` from
    the covering index ``kw_search_term_lookup``, no table row) and adds them up in
    Python: the same integers in the same order on both databases, and no ``GROUP BY``
    with a sort and a visibility subquery per search. With thousands of matches (a common
    word is in nearly every page) that statement was most of a search's time; reading the
    postings is a fraction of it, and the number of matches comes with them."""

    queryset: object
    clauses: list[frozenset[str]]
    optional: frozenset[str]
    required: int
    # The ids the queryset holds, if the caller knows them (``ClauseQuery.within``).
    within: frozenset[int] | None = None
    # The indexed objects of the searched types that ``within`` leaves out (hidden, other
    # languages, other types), if the caller knows them: with both, a query of one term is
    # ranked and counted by the database (``_ranked_one_term``).
    hidden: frozenset[int] | None = None
    _entry_stats: tuple[int, int] | None = field(default=None, init=False, repr=False)

    @property
    def using(self) -> str:
        return self.queryset.db

    @cached_property
    def content_types(self) -> list[int]:
        return sorted(get_descendants_content_types_pks(self.queryset.model))

    def _entries(self) -> tuple[int, int]:
        """How many objects of the searched types are indexed (BM25's N), and the highest
        id of the index entries: together a stamp of which objects the index holds (a new
        object gets a new entry with a higher id, a removed one lowers the count)."""
        if self._entry_stats is None:
            from modelsearch.conf import get_app_config

            entries = get_app_config().get_model("IndexEntry")._meta.db_table
            types = self.content_types
            type_marks = ", ".join(["%s"] * len(types))
            with connections[self.using].cursor() as cursor:
                # The highest id of the whole table is one step down its primary key.
                cursor.execute(
                    f"SELECT COUNT(*), (SELECT MAX(id) FROM {entries}) "  # noqa: S608
                    f"FROM {entries} WHERE content_type_id IN ({type_marks})",
                    types,
                )
                count, last = cursor.fetchone()
            self._entry_stats = (count, last or 0)
        return self._entry_stats

    def _total(self) -> int:
        """How many objects of the searched types are indexed (BM25's N)."""
        return max(self._entries()[0], 1)

    def indexed_ids(self) -> frozenset[int]:
        """The ids of every indexed object of the searched types, visible or not."""
        from modelsearch.conf import get_app_config

        entries = get_app_config().get_model("IndexEntry")._meta.db_table
        types = self.content_types
        type_marks = ", ".join(["%s"] * len(types))
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                f"SELECT object_id FROM {entries} "  # noqa: S608 - names from the models
                f"WHERE content_type_id IN ({type_marks})",
                types,
            )
            return frozenset(int(row[0]) for row in cursor.fetchall())

    def _postings(self, term: str) -> tuple[dict[int, int], int]:
        """{object id: weight} of the indexed objects of the searched types that have the
        term, and how many index rows that took (the term's document frequency). One
        range of the covering index ``kw_search_term_lookup`` per term."""
        table = IndexTerm._meta.db_table
        types = self.content_types
        type_marks = ", ".join(["%s"] * len(types))
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                f"SELECT object_id, weight FROM {table} "  # noqa: S608 - names from the models
                f"WHERE kind = %s AND term = %s AND content_type_id IN ({type_marks})",
                [IndexTerm.TERM, term, *types],
            )
            rows = cursor.fetchall()
        weights = dict(rows)
        if len(weights) < len(rows):  # an object under two content types: add them up
            weights = {}
            for object_id, weight in rows:
                weights[object_id] = weights.get(object_id, 0) + weight
        return weights, len(rows)

    def _allowed(self) -> frozenset[int] | None:
        """The ids the queryset's own filters (live, public, a type, a topic) let through,
        or None when it has none."""
        if self.within is not None:
            return self.within
        if not self.queryset.query.where:
            return None
        return frozenset(self.queryset.order_by().values_list("pk", flat=True))

    def scores(self) -> dict[int, int]:
        """{object id: score} of every match: the objects that meet ``required`` of the
        clauses (any optional term when there is none), each scored by the sum of its
        terms' weights times their inverse document frequency (BM25's formula, as
        integers: rare terms count more; a term in several clauses counts once)."""
        terms = sorted(set().union(*self.clauses, self.optional))
        if not terms:
            return {}
        postings, frequencies = {}, {}
        for term in terms:
            postings[term], frequencies[term] = self._postings(term)
        idf = idf_of(terms, frequencies, self._total())
        if self.clauses and self.required > 0:
            met = [
                set(postings[next(iter(clause))])
                if len(clause) == 1
                else set().union(*(postings[term] for term in clause))
                for clause in self.clauses
            ]
            if self.required > len(met):
                matches = set()
            elif self.required == len(met):
                matches = set.intersection(*met)
            else:
                counts: dict[int, int] = {}
                for objects in met:
                    for object_id in objects:
                        counts[object_id] = counts.get(object_id, 0) + 1
                matches = {pk for pk, n in counts.items() if n >= self.required}
        else:
            matches = set().union(*postings.values())
        allowed = self._allowed()
        if allowed is not None:
            matches &= allowed
        # Set operations and comprehensions run in C; only the matches are scored.
        first, *others = terms
        weights, factor = postings[first], idf[first]
        scores = {pk: weights.get(pk, 0) * factor for pk in matches}
        for term in others:
            weights, factor = postings[term], idf[term]
            for pk in matches & weights.keys():
                scores[pk] += weights[pk] * factor
        return scores

    def ranked(self, start: int, stop: int | None) -> tuple[list[tuple[int, int]], int | None]:
        """[(object id, score)] for the results from ``start`` to ``stop``, best first
        (ties to the highest id: the newest), and the number of matches (None when the
        window was empty)."""
        if not self.clauses and not self.optional:
            return [], 0
        if stop is not None:
            found = self._ranked_one_term(start, stop)
            if found is not None:
                return found
        scores = self.scores()
        pairs = zip(scores.values(), scores.keys(), strict=True)
        if stop is None:
            ordered = sorted(pairs, reverse=True)[start:]
        else:
            # Only the best ``stop`` need ordering: a heap, not a sort of thousands.
            ordered = heapq.nlargest(max(0, stop), pairs)[start:]
        if not ordered:
            return [], None
        return [(pk, score) for score, pk in ordered], len(scores)

    def _ranked_one_term(self, start: int, stop: int):
        """``ranked`` for a query of one term (the commonest: "kommunen", "skolorna"), by
        the database: the score is the term's weight times one inverse document frequency,
        so the order is the weights' (ties to the highest id), and the database can count
        the matches and sort them without sending every posting to Python. The count tells
        the visible objects apart by the shorter of two lists (``hidden`` left out, or
        ``within`` kept); the window is read best first and filtered by ``within`` here,
        a few rows more than it needs. None, for ``ranked`` to go the general way, when
        this does not apply: several terms, or the visible objects unknown or too many to
        list."""
        terms = set().union(*self.clauses, self.optional)
        if len(terms) != 1 or self.within is None or self.hidden is None:
            return None
        if self.clauses and self.required > len(self.clauses):
            return None
        (term,) = terms
        if len(self.hidden) <= len(self.within):
            listed, operator = sorted(self.hidden), "NOT IN"
        else:
            listed, operator = sorted(self.within), "IN"
        if len(listed) > MAX_LISTED:
            return None
        table = IndexTerm._meta.db_table
        types = self.content_types
        where = f"kind = %s AND term = %s AND content_type_id IN ({', '.join(['%s'] * len(types))})"
        params = [IndexTerm.TERM, term, *types]
        # "+object_id": compared row by row, not looked up in the index once per listed id
        # and content type (which SQLite would otherwise do).
        visible = f"+object_id {operator} ({', '.join(['%s'] * len(listed))})" if listed else ""
        with connections[self.using].cursor() as cursor:
            # The term's document frequency (for its weight) and its visible matches.
            cursor.execute(
                f"SELECT COUNT(*), COUNT(CASE WHEN {visible or '1 = 1'} THEN 1 END) "  # noqa: S608
                f"FROM {table} WHERE {where}",
                [*listed, *params],
            )
            frequency, matches = cursor.fetchone()
            (factor,) = idf_of([term], {term: frequency}, self._total()).values()
            if start >= matches:
                return [], None
            order = "weight DESC, object_id DESC" if factor else "object_id DESC"
            # The visible share of the term's pages tells how many rows the window needs.
            limit = stop * frequency // max(matches, 1) + stop + 16
            while True:
                cursor.execute(
                    f"SELECT object_id, weight FROM {table} "  # noqa: S608 - names, parameters
                    f"WHERE {where} ORDER BY {order} LIMIT %s",
                    [*params, limit],
                )
                rows = cursor.fetchall()
                shown = [(pk, weight) for pk, weight in rows if pk in self.within]
                if len(shown) >= stop or len(rows) < limit:
                    break
                limit *= 4
        shown = shown[start:stop]
        if not shown:
            return [], None
        return [(pk, weight * factor) for pk, weight in shown], matches

    def count(self) -> int:
        if not self.clauses and not self.optional:
            return 0
        return len(self.scores())

    def _matches(self) -> tuple[str, list]:
        """``WITH q … SELECT object_id FROM … GROUP BY … HAVING …``: the objects that meet
        the clauses, as SQL, for a search in the queryset's own order."""
        rows, params = [], []
        for index, clause in enumerate(self.clauses):
            for term in sorted(clause):
                rows.append("(%s, CAST(%s AS INTEGER))")
                params.extend([term, index])
        for term in sorted(self.optional - set().union(*self.clauses)):
            rows.append("(%s, CAST(NULL AS INTEGER))")
            params.append(term)
        table = IndexTerm._meta.db_table
        types = self.content_types
        type_marks = ", ".join(["%s"] * len(types))
        # With no clause, any optional term will do.
        having = "COUNT(DISTINCT q.clause) >= %s" if self.clauses else "COUNT(*) > %s"
        sql = (
            f"WITH q (term, clause) AS (VALUES {', '.join(rows)}) "  # noqa: S608
            f"SELECT t.object_id FROM {table} t JOIN q ON q.term = t.term "
            f"WHERE t.kind = %s AND t.content_type_id IN ({type_marks}) "
            f"GROUP BY t.object_id HAVING {having}"
        )
        params.extend([IndexTerm.TERM, *types, self.required if self.clauses else 0])
        return sql, params

    def ids_sql(self) -> RawSQL:
        sql, params = self._matches()
        return RawSQL(sql, params)  # noqa: S611 - built above from names and parameters


def idf_of(terms, frequencies: dict[str, int], total: int) -> dict[str, int]:
    """Each term's inverse document frequency among ``total`` objects, as an integer."""
    out = {}
    for term in terms:
        df = frequencies.get(term, 0)
        out[term] = round(IDF_SCALE * math.log(1 + (total - df + 0.5) / (df + 0.5)))
    return out


class TermSearchMixin:
    """Mixed into modelsearch's query compiler of each database."""

    def term_plan(self) -> TermPlan | None:
        if getattr(self, "_term_plan", False) is not False:
            return self._term_plan
        plan = None
        if not self.fields and has_integer_pk(self.queryset.model):
            found = clauses_for(self.query)
            if found is not None:
                plan = TermPlan(self.queryset, *found, getattr(self.query, "within", None))
        self._term_plan = plan
        return plan

    def search(self, config, start, stop, score_field=None, **kwargs):
        plan = self.term_plan()
        if plan is None:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        # Matching objects in the queryset's own order (relevance is ranked by
        # TermSearchResults, which does not come here).
        return self.queryset.filter(pk__in=plan.ids_sql())[start:stop]


class TermSearchResults:
    """Mixed into modelsearch's search results class of each database: relevance order
    comes from the term index."""

    def term_plan(self) -> TermPlan | None:
        """None for an autocomplete query or one the term index does not answer."""
        plan = getattr(self.query_compiler, "term_plan", None)
        return plan() if plan is not None else None

    def _do_search(self):
        plan = self.term_plan()
        if plan is None or not self.query_compiler.order_by_relevance:
            return super()._do_search()
        ranked, total = plan.ranked(self.start, self.stop)
        if not ranked:
            return []
        found = self.query_compiler.queryset.filter(pk__in=[pk for pk, _ in ranked]).in_bulk()
        results = []
        for pk, score in ranked:
            obj = found.get(pk)
            if obj is None:
                continue
            if self._score_field:
                setattr(obj, self._score_field, score)
            setattr(obj, TOTAL_FIELD, total)
            results.append(obj)
        return results

    def _do_count(self):
        plan = self.term_plan()
        if plan is None:
            return super()._do_count()
        return plan.count()
