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
from functools import cached_property, lru_cache

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
# A query of several terms with more postings than this in all, asked for a window with
# a capped count, reads only what decides the window and the count (``_ranked_pruned``).
PRUNE_FROM = 4000
# A query whose rarest clause has at most this many postings scores those objects alone.
FEW_CANDIDATES = 500
# How many of each term's best postings are read first beyond the window (then four
# times as many, until the window is certain).
PRUNE_DEPTH = 150
# Terms whose document frequencies are kept per state of the index (``_frequencies``), and
# counts kept per content generation and state of the index (``counts``): a bound on what
# a stream of distinct queries can add.
MAX_KEPT_FREQUENCIES = 20_000


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
    # Counts of visible matches kept by the caller for these ``within`` and ``hidden`` in
    # this state of the index (``query.term_counts``): {term: (document frequency, visible
    # matches)} of one-term queries, {(clauses, required, cap): capped count} of the others.
    counts: dict | None = None
    _entry_stats: tuple[int, int, int] | None = field(default=None, init=False, repr=False)

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
                # The highest ids of the whole tables are one step down their primary keys.
                cursor.execute(
                    f"SELECT COUNT(*), (SELECT MAX(id) FROM {entries}), "  # noqa: S608
                    f"(SELECT MAX(id) FROM {IndexTerm._meta.db_table}) "
                    f"FROM {entries} WHERE content_type_id IN ({type_marks})",
                    types,
                )
                count, last, last_term = cursor.fetchone()
            self._entry_stats = (count, last or 0, last_term or 0)
        return self._entry_stats[:2]

    def _stamp(self) -> tuple:
        """A stamp of the index's terms: ``_entries`` and the highest id of the term rows.
        Indexing an object writes its terms as new rows (higher ids); removing one removes
        its entry (a lower count)."""
        self._entries()
        return (self.using, tuple(self.content_types), *self._entry_stats)

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

    def ranked(
        self, start: int, stop: int | None, cap: int | None = None
    ) -> tuple[list[tuple[int, int]], int | None]:
        """[(object id, score)] for the results from ``start`` to ``stop``, best first
        (ties to the highest id: the newest), and the number of matches (None when the
        window was empty). With ``cap``, a number of matches above it is given as
        ``cap + 1`` ("more than"), and no result past the first ``cap`` is given: a
        query of several common terms then need not read every posting."""
        if not self.clauses and not self.optional:
            return [], 0
        if stop is not None:
            found = self._ranked_one_term(start, stop)
            if found is None and cap is not None:
                found = self._ranked_pruned(start, stop, cap)
            if found is not None:
                return _capped(found, start, cap)
        scores = self.scores()
        pairs = zip(scores.values(), scores.keys(), strict=True)
        if stop is None:
            ordered = sorted(pairs, reverse=True)[start:]
        else:
            # Only the best ``stop`` need ordering: a heap, not a sort of thousands.
            ordered = heapq.nlargest(max(0, stop), pairs)[start:]
        if not ordered:
            return [], None
        return _capped(([(pk, score) for score, pk in ordered], len(scores)), start, cap)

    def _ranked_one_term(self, start: int, stop: int):
        """``ranked`` for a query of one term (the commonest: "kommunen", "skolorna"), by
        the database: the score is the term's weight times one inverse document frequency,
        so the order is the weights' (ties to the highest id), and the database can count
        the matches and sort them without sending every posting to Python. The count tells
        the visible objects apart by the shorter of two lists (``hidden`` left out, or
        ``within`` kept); the window is read best first and filtered by ``within`` here,
        a few rows more than it needs. The count and the first window are one statement
        (a round trip is most of a statement's time on PostgreSQL); a count already kept
        in ``counts`` is not asked again. None, for ``ranked`` to go the general way, when
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
        if not self.within:
            return [], None
        table = IndexTerm._meta.db_table
        types = self.content_types
        where = f"kind = %s AND term = %s AND content_type_id IN ({', '.join(['%s'] * len(types))})"
        params = [IndexTerm.TERM, term, *types]
        window = f"SELECT object_id, weight FROM {table} WHERE {where} ORDER BY "  # noqa: S608
        counted = self.counts.get(term) if self.counts is not None else None
        with connections[self.using].cursor() as cursor:
            if counted is None:
                # The visible share of all indexed objects tells how many rows the first
                # window needs; the loop below reads more if the term's share is lower.
                share = len(self.within) / (len(self.within) + len(self.hidden))
                limit = int(stop / share) + stop + 16
                count, count_params = self._count_sql(table, where, params, listed)
                cursor.execute(
                    f"WITH counted AS ({count}) "  # noqa: S608 - built from names
                    "SELECT counted.frequency, counted.listed, best.object_id, best.weight "
                    f"FROM counted LEFT JOIN ({window} weight DESC, object_id DESC LIMIT %s) "
                    "best ON 1 = 1",
                    [*count_params, *params, limit],
                )
                rows = cursor.fetchall()
                frequency, found = rows[0][:2]
                matches = found if operator == "IN" else frequency - found
                rows = [(pk, weight) for _f, _l, pk, weight in rows if pk is not None]
                if self.counts is not None and len(self.counts) < MAX_KEPT_FREQUENCIES:
                    self.counts[term] = (frequency, matches)
            else:
                frequency, matches = counted
                limit, rows = None, None
            (factor,) = idf_of([term], {term: frequency}, self._total()).values()
            if start >= matches:
                return [], None
            order = "weight DESC, object_id DESC" if factor else "object_id DESC"
            if not factor:
                rows = None  # every score is 0: the newest first, not the heaviest
            if rows is None or limit is None:
                # The term's visible share tells how many rows the window needs.
                limit = stop * frequency // max(matches, 1) + stop + 16
            while True:
                if rows is None:
                    cursor.execute(f"{window} {order} LIMIT %s", [*params, limit])
                    rows = cursor.fetchall()
                shown = [(pk, weight) for pk, weight in rows if pk in self.within]
                if len(shown) >= stop or len(rows) < limit:
                    break
                limit, rows = limit * 4, None
        shown = shown[start:stop]
        if not shown:
            return [], None
        return [(pk, weight * factor) for pk, weight in shown], matches

    def _count_sql(self, table, where, params, listed) -> tuple[str, list]:
        """``SELECT frequency, listed``: the term's index rows of the searched types and
        how many of them are ``listed`` objects."""
        if listed and connections[self.using].vendor == "postgresql":
            # The ids as one array, joined: psycopg binding thousands of parameters one by
            # one cost more than the count (19-28 ms against 7-14 for 3,144 ids).
            return (
                f"SELECT COUNT(*) AS frequency, COUNT(listed.id) AS listed FROM {table} "  # noqa: S608
                "LEFT JOIN (SELECT DISTINCT unnest(%s::bigint[]) AS id) listed "
                f"ON listed.id = {table}.object_id WHERE {where}",
                [listed, *params],
            )
        # "+object_id": compared row by row, not looked up in the index once per listed id
        # and content type (which SQLite would otherwise do).
        test = f"+object_id IN ({', '.join(['%s'] * len(listed))})" if listed else "1 = 0"
        return (
            f"SELECT COUNT(*) AS frequency, COUNT(CASE WHEN {test} THEN 1 END) AS listed "  # noqa: S608
            f"FROM {table} WHERE {where}",
            [*listed, *params],
        )

    def _frequencies(self, terms: list[str]) -> dict[str, int]:
        """{term: document frequency} (index rows of the searched types), one statement for
        the terms not yet known in this state of the index (``_stamp``): counting a common
        term's postings is a scan of thousands of index rows (3-11 ms on PostgreSQL for
        three of them), the same for every search until something is indexed. Kept like
        the other per-generation values (``pagecache.memo``): not with the page cache off
        (the test suite, whose rolled-back transactions may give other terms the same ids)."""
        from kommunwebb.pagecache.conf import setting

        stamp = self._stamp()
        kept = _FREQUENCIES.get(stamp) if setting("ENABLED") else {}
        if kept is None or len(kept) > MAX_KEPT_FREQUENCIES:
            kept = {}
            # One state per database and set of types: an older one is never asked again.
            # list() copies the keys in one step: another thread of the worker may add one
            # meanwhile, which would end a Python-level iteration with a RuntimeError.
            for old in [key for key in list(_FREQUENCIES) if key[:2] == stamp[:2]]:
                _FREQUENCIES.pop(old, None)
            _FREQUENCIES[stamp] = kept
        missing = [term for term in terms if term not in kept]
        if missing:
            table = IndexTerm._meta.db_table
            types = self.content_types
            with connections[self.using].cursor() as cursor:
                cursor.execute(
                    f"SELECT term, COUNT(*) FROM {table} "  # noqa: S608 - names from the models
                    f"WHERE kind = %s AND term IN ({', '.join(['%s'] * len(missing))}) "
                    f"AND content_type_id IN ({', '.join(['%s'] * len(types))}) GROUP BY term",
                    [IndexTerm.TERM, *missing, *types],
                )
                found = dict(cursor.fetchall())
            for term in missing:
                kept[term] = found.get(term, 0)
        return {term: kept[term] for term in terms}

    def _ranked_pruned(self, start: int, stop: int, cap: int):
        """``ranked`` for a query of several terms with many postings, reading only what
        decides the window and a count capped at ``cap``:

        * the window by max-score pruning: each term's postings best first (``ORDER BY
          weight DESC``, the database sorts the range of the covering index) up to a
          depth, every object seen there scored exactly from all its postings (one
          statement), and the window is certain when its last score is above what an
          object seen in none of the prefixes could reach (the sum of each unfinished
          prefix's last weight times its term's inverse document frequency); else
          deeper. The same pages in the same order as summing every posting.
        * the count, from the newest visible objects down, until more than ``cap``
          matches are found or every object has been looked at (``_count_capped``).

        None, for ``ranked`` to read every posting, when this does not apply: one term,
        the visible objects unknown, few postings."""
        terms = sorted(set().union(*self.clauses, self.optional))
        if len(terms) < 2 or self.within is None or not self.clauses or self.required < 1:
            return None
        frequencies = self._frequencies(terms)
        idf = idf_of(terms, frequencies, self._total())
        if self.required == len(self.clauses):
            # Every match has a term of the rarest clause: when it has few postings,
            # those objects are every candidate ("solcellsparken": one part in 3 pages,
            # the other in nearly all).
            rarest = min(self.clauses, key=lambda clause: sum(frequencies[t] for t in clause))
            if sum(frequencies[term] for term in rarest) <= FEW_CANDIDATES:
                with connections[self.using].cursor() as cursor:
                    candidates = self._ids_with(cursor, rarest) & self.within
                    scored = self._scored(cursor, terms, idf, candidates) if candidates else []
                best = heapq.nlargest(stop, scored)[start:]
                if not best:
                    return [], None
                return [(pk, score) for score, pk in best], len(scored)
        if sum(frequencies.values()) <= PRUNE_FROM:
            return None
        if start >= cap:
            return [], None
        # Kept like a one-term count (``counts``): the same for every search of these
        # clauses until the content or the index changes.
        key = (tuple(tuple(sorted(clause)) for clause in self.clauses), self.required, cap)
        count = self.counts.get(key) if self.counts is not None else None
        if count is None:
            count = self._count_capped(frequencies, cap)
            if self.counts is not None and len(self.counts) < MAX_KEPT_FREQUENCIES:
                self.counts[key] = count
        if start >= count:
            return [], None
        return self._top(terms, frequencies, idf, min(stop, count, cap))[start:stop], count

    def _meets(self, met) -> bool:
        """Whether an object with these terms meets ``required`` of the clauses."""
        return sum(1 for clause in self.clauses if clause & met) >= self.required

    def _count_capped(self, frequencies, cap: int) -> int:
        """The number of visible matches, or ``cap + 1`` when there are more than ``cap``:
        the matches among the newest visible objects, as many as should hold ``cap + 1``
        matches by the clauses' frequencies, then four times as many, … until there are
        more than ``cap`` or every object has been looked at. The database tells the
        objects that meet the clauses (``GROUP BY … HAVING``), Python the visible ones."""
        newest = _descending(self.within)
        if not newest:
            return 0
        table = IndexTerm._meta.db_table
        types = self.content_types
        terms = sorted(set().union(*self.clauses))
        total = self._total()
        share = 1.0
        for clause in self.clauses:
            share *= min(1.0, sum(frequencies[term] for term in clause) / total)
        met, met_params = [], []
        for clause in self.clauses:
            met.append(
                f"MAX(CASE WHEN term IN ({', '.join(['%s'] * len(clause))}) THEN 1 ELSE 0 END)"
            )
            met_params.extend(sorted(clause))
        needed = int((cap + 1) / max(share, 1e-6) * 1.25) + 16
        while True:
            everything = needed >= len(newest)
            lowest = newest[-1] if everything else newest[needed - 1]
            with connections[self.using].cursor() as cursor:
                cursor.execute(
                    f"SELECT object_id FROM {table} "  # noqa: S608 - names, parameters
                    f"WHERE kind = %s AND term IN ({', '.join(['%s'] * len(terms))}) "
                    f"AND content_type_id IN ({', '.join(['%s'] * len(types))}) "
                    f"AND object_id >= %s GROUP BY object_id HAVING {' + '.join(met)} >= %s",
                    [IndexTerm.TERM, *terms, *types, lowest, *met_params, self.required],
                )
                within = self.within
                count = sum(1 for (pk,) in cursor.fetchall() if pk in within)
            if count > cap:
                return cap + 1
            if everything:
                return count
            needed *= 4

    def _top(self, terms, frequencies, idf, stop: int) -> list[tuple[int, int]]:
        """The best ``stop`` matches [(object id, score)], by max-score pruning. Of the
        objects seen in the prefixes, only those that could still reach the window (what
        they were seen with, plus each unfinished prefix they were not seen in at its last
        weight) are scored from all their postings. An object is indexed under one
        content type (``write_terms``), so it has one posting per term. Two statements
        per depth: every term's prefix (``_prefixes``), then the candidates'."""
        terms = [term for term in terms if frequencies[term]]
        depth = stop + PRUNE_DEPTH
        while True:
            seen: dict[int, dict[str, int]] = {}
            type_of: dict[int, int] = {}
            last: dict[str, int] = {}  # each unfinished prefix's last score
            with connections[self.using].cursor() as cursor:
                for term, rows in self._prefixes(cursor, terms, depth).items():
                    factor = idf[term]
                    for pk, weight, content_type in rows:
                        seen.setdefault(pk, {})[term] = weight * factor
                        type_of[pk] = content_type
                    if len(rows) == depth and depth < frequencies[term]:
                        last[term] = rows[-1][1] * factor
                bound = sum(last.values())  # the best an object seen nowhere can reach
                within = self.within
                # What each object seen is known to score, and the most it can score.
                known, hoped = [], {}
                for pk, scores in seen.items():
                    if pk not in within:
                        continue
                    partial = sum(scores.values())
                    hoped[pk] = partial + sum(v for t, v in last.items() if t not in scores)
                    if self._meets(scores.keys()):
                        known.append(partial)
                floor = heapq.nlargest(stop, known)[-1] if len(known) >= stop else None
                candidates = {pk for pk, most in hoped.items() if floor is None or most >= floor}
                # Each object's postings are under its own content type: looked up there.
                found = {type_of[pk] for pk in candidates}
                scored = self._scored(cursor, terms, idf, candidates, found) if candidates else []
            best = heapq.nlargest(stop, scored)
            if not last or (len(best) == stop and best[-1][0] > bound):
                return [(pk, score) for score, pk in best]
            depth *= 4

    def _prefixes(self, cursor, terms, depth: int) -> dict[str, list[tuple[int, int, int]]]:
        """{term: [(object id, weight, content type)]}: each term's ``depth`` best postings,
        best first (``kw_search_term_impact``, in index order), all terms in one statement:
        a statement per term cost a round trip each, most of its time on PostgreSQL
        (0.6 ms each for "kvävedioxiden"'s three terms, 160 rows apiece)."""
        table = IndexTerm._meta.db_table
        types = self.content_types
        type_marks = ", ".join(["%s"] * len(types))
        # Each term's prefix in a subquery of its own: a compound statement's ORDER BY and
        # LIMIT would apply to the whole on SQLite.
        parts, params = [], []
        for n, term in enumerate(terms):
            parts.append(
                f"SELECT * FROM (SELECT %s AS n, object_id, weight, content_type_id "  # noqa: S608
                f"FROM {table} WHERE kind = %s AND term = %s AND content_type_id IN "
                f"({type_marks}) ORDER BY weight DESC, object_id DESC LIMIT %s) best{n}"
            )
            params.extend([n, IndexTerm.TERM, term, *types, depth])
        cursor.execute(" UNION ALL ".join(parts), params)
        found: dict[str, list[tuple[int, int, int]]] = {term: [] for term in terms}
        for n, pk, weight, content_type in cursor.fetchall():
            found[terms[n]].append((pk, weight, content_type))
        # UNION ALL keeps each part's rows together but promises no order within them.
        for rows in found.values():
            rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
        return found

    def _ids_with(self, cursor, terms) -> set[int]:
        """The ids of the indexed objects of the searched types with any of the terms."""
        table = IndexTerm._meta.db_table
        types = self.content_types
        cursor.execute(
            f"SELECT object_id FROM {table} "  # noqa: S608 - names from the models
            f"WHERE kind = %s AND term IN ({', '.join(['%s'] * len(terms))}) "
            f"AND content_type_id IN ({', '.join(['%s'] * len(types))})",
            [IndexTerm.TERM, *sorted(terms), *types],
        )
        return {row[0] for row in cursor.fetchall()}

    def _scored(self, cursor, terms, idf, candidates, types=None) -> list[tuple[int, int]]:
        """[(score, object id)] of the candidates that match, from all their postings
        (under ``types``, when their content types are known)."""
        table = IndexTerm._meta.db_table
        types = self.content_types if types is None else sorted(types)
        listed = sorted(candidates)
        cursor.execute(
            f"SELECT object_id, term, weight FROM {table} "  # noqa: S608 - names, parameters
            f"WHERE kind = %s AND term IN ({', '.join(['%s'] * len(terms))}) "
            f"AND content_type_id IN ({', '.join(['%s'] * len(types))}) "
            f"AND object_id IN ({', '.join(['%s'] * len(listed))})",
            [IndexTerm.TERM, *terms, *types, *listed],
        )
        scores: dict[int, int] = {}
        met: dict[int, set[str]] = {}
        for object_id, term, weight in cursor.fetchall():
            scores[object_id] = scores.get(object_id, 0) + weight * idf[term]
            met.setdefault(object_id, set()).add(term)
        return [(score, pk) for pk, score in scores.items() if self._meets(met[pk])]

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


def _capped(found, start: int, cap: int | None):
    """``ranked``'s answer with its count capped: above ``cap`` it is ``cap + 1``, and
    only the first ``cap`` results are ever given (the pages the cap allows)."""
    ranked, total = found
    if cap is None or total is None:
        return found
    if start >= cap:
        return [], None
    return ranked[: cap - start], min(total, cap + 1)


# {stamp of the index (``TermPlan._stamp``): {term: document frequency}}, per process.
_FREQUENCIES: dict[tuple, dict[str, int]] = {}


@lru_cache(maxsize=16)
def _descending(ids: frozenset[int]) -> list[int]:
    """The ids, highest first (kept for the few sets of visible ids a generation has)."""
    return sorted(ids, reverse=True)


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
