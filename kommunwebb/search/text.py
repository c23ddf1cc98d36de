"""Words, stems and highlighted snippets: plain functions, no database.

Residents type inflected Swedish ("skolorna", "kvävedioxiden"); pages say "skola" and
"kvävedioxid". Both sides are reduced to their Snowball stems, so the forms find each
other. A page is stemmed by the rules of its own language and a query by those of the
visitor's (the request's content language, ``core.locales``): "libraries" meets "Library"
on /en/sok/, "kirjastoon" meets "kirjasto" on /fi/sok/. Only Swedish has base forms,
compound parts and stop words (``compounds``); a language Snowball has no stemmer for
keeps its words as they are, case-folded.
"""

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kommunwebb.core.locales import content_language

# Letters and digits of any script. Everything else (quotes, operators, wildcards, emoji,
# control characters) separates words, so no search syntax reaches the database.
WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]*>")
MAX_TERMS = 12

# Snowball stemmers keep state between calls: one per thread and algorithm.
_local = threading.local()

SWEDISH = "swedish"
# Content languages (settings.KNOWN_CONTENT_LANGUAGES) with a Snowball stemmer. The others
# (the Sami languages, Meänkieli, Somali, Tigrinya, …) are searched by their words as they
# are written.
SNOWBALL = {
    "sv": SWEDISH,
    "en": "english",
    "fi": "finnish",
    "ar": "arabic",
    "fa": "persian",
    "pl": "polish",
    "yi": "yiddish",
}


def algorithm(language: str | None = None) -> str | None:
    """The Snowball algorithm for a content language (the request's when not given), or
    None for a language without one."""
    return SNOWBALL.get(language or content_language())


def is_swedish(language: str | None = None) -> bool:
    """Whether text of this language (the request's when not given) gets the Swedish
    pipeline: base forms, compound parts, stop words."""
    return algorithm(language) == SWEDISH


def _stemmer(name: str):
    stemmers = _local.__dict__.setdefault("stemmers", {})
    stemmer = stemmers.get(name)
    if stemmer is None:
        stemmer = stemmers[name] = snowballstemmer.stemmer(name)
    return stemmer


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, in order. Composed first, so that an "ä" typed as
    "a" plus a combining diaeresis stays one letter."""
    return WORD.findall(unicodedata.normalize("NFC", text).casefold())


def stem(word: str, language: str | None = None) -> str:
    """A word's stem by the rules of ``language`` (the request's content language when not
    given: the index stems a page inside its locale's, see ``backends/terms.py``)."""
    return _stem(word, algorithm(language))


@lru_cache(maxsize=65536)
def _stem(word: str, name: str | None) -> str:
    """A word's Snowball stem; in Swedish taken from its base form where the dictionary
    knows it: Snowball alone leaves "skolan", "barnet" and "kulturskolans" apart from
    "skola", "barn" and "kulturskola" (``compounds.base_form``). Cached: a page's text
    repeats words, and highlighting stems every word it reads."""
    from kommunwebb.search.compounds import base_form

    word = word.casefold()
    if name is None:
        return word
    if name == SWEDISH:
        word = base_form(word)
    return _stemmer(name).stemWord(word)


def stem_text(text: str) -> str:
    """The text as a sequence of Snowball stems (without base forms), for modelsearch's
    full-text index, in the request's language."""
    name = algorithm()
    tokens = words(text)
    return " ".join(_stemmer(name).stemWords(tokens) if name else tokens)


def query_terms(query: str) -> list[str]:
    """The distinct words of a resident's query, in order, at most MAX_TERMS of them."""
    seen = []
    for word in words(query):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def normalise_query(query: str) -> str:
    """The form a query is stored in for the zero-hit report: words only, lower case."""
    return " ".join(words(query))[:200]


def plain_text(html: str) -> str:
    """Visible text of a fragment of HTML, with whitespace collapsed."""
    from html import unescape

    return " ".join(unescape(TAG.sub(" ", html)).split())


def stream_text(value) -> str:
    """All the text in a StreamField's raw data (headings, rich text, quotes, …)."""
    parts: list[str] = []

    def walk(node):
        if isinstance(node, str):
            parts.append(plain_text(node))
        elif isinstance(node, dict):
            # StreamField children are {"type": ..., "value": ..., "id": ...}.
            if "value" in node and "type" in node:
                walk(node["value"])
            else:
                for key, item in node.items():
                    if key not in {"id", "type"}:
                        walk(item)
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)

    raw = getattr(value, "raw_data", value)
    walk(list(raw) if raw is not None else [])
    return " ".join(part for part in parts if part)


def highlight(text: str, terms: Iterable[str], *, width: int = 30) -> SafeString | str:
    """A window of about ``width`` words from ``text`` around the first word whose stem is
    one of the terms' stems, each matching word wrapped in <mark>. Returns "" when no word
    matches, so the caller can fall back to another text."""
    return highlight_stems(text, {stem(term) for term in terms if term}, width=width)


def highlight_stems(
    text: str, stems: set[str], *, width: int = 30, splitter=None, matcher: "Matcher | None" = None
):
    """``highlight`` for stems already known; a compound is marked when one of its parts
    matches ("bibliotek" marks "Stadsbiblioteket") if a ``splitter`` is given. A
    ``matcher`` of these stems may be passed to share its work with other texts."""
    if not text or not stems:
        return ""
    if matcher is None:
        matcher = Matcher(stems, splitter)
    tokens = text.split()
    matches = matcher.token
    first = next((i for i, token in enumerate(tokens) if matches(token)), None)
    if first is None:
        return ""
    start = max(0, first - width // 3)
    end = min(len(tokens), start + width)
    start = max(0, end - width)
    out = []
    for token in tokens[start:end]:
        out.append(_mark(token, matcher) if matches(token) else escape(token))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(prefix + " ".join(out) + suffix)  # noqa: S308 - every part escaped


class Matcher:
    """Which words and tokens match a set of stems (a compound by one of its parts, when a
    ``splitter`` is given), each worked out once: the snippets of one result page share
    one, and a page's text repeats its words."""

    def __init__(self, stems: set[str], splitter=None):
        self.stems, self.splitter = stems, splitter
        self._words: dict[str, bool] = {}
        self._tokens: dict[str, bool] = {}

    def word(self, word: str) -> bool:
        """Whether a case-folded word matches."""
        found = self._words.get(word)
        if found is None:
            found = self._words[word] = _word_matches(word, self.stems, self.splitter)
        return found

    def token(self, token: str) -> bool:
        """Whether a whitespace-separated token has a matching word."""
        found = self._tokens.get(token)
        if found is None:
            found = self._tokens[token] = any(
                self.word(word) for word in WORD.findall(token.casefold())
            )
        return found


def _word_matches(word: str, stems: set[str], splitter) -> bool:
    if stem(word) in stems:
        return True
    return splitter is not None and any(stem(part) in stems for part in splitter(word))


def _mark(token: str, matcher: Matcher) -> str:
    """Wrap the matching word inside a token ("kvävedioxid," → "<mark>kvävedioxid</mark>,")."""
    out, last = [], 0
    for match in WORD.finditer(token):
        out.append(escape(token[last : match.start()]))
        word = match.group()
        if matcher.word(word.casefold()):
            out.append(f"<mark>{escape(word)}</mark>")
        else:
            out.append(escape(word))
        last = match.end()
    out.append(escape(token[last:]))
    return "".join(out)


# Where rich text starts a new block: a heading, a paragraph, a list item.
BLOCK_BOUNDARY = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|blockquote|div|table|tr|td|th)\b[^>]*>|<br\s*/?>"
)
NOT_TEXT = re.compile(r"^(?:https?:|mailto:|tel:|/|#)|^[\d\s.,:-]*$")
SENTENCE_END = (".", "!", "?", ":", "…", ";")


def text_blocks(value) -> list[str]:
    """The texts of a StreamField's raw data (or of a piece of rich text) as separate
    blocks: each heading, paragraph and list item on its own, in order. Links' addresses,
    ids and numbers are left out."""
    blocks: list[str] = []

    def add_text(text: str):
        if "<" in text:
            for part in BLOCK_BOUNDARY.split(text):
                plain = plain_text(part)
                if plain:
                    blocks.append(plain)
        else:
            plain = " ".join(text.split())
            if plain and not NOT_TEXT.match(plain):
                blocks.append(plain)

    def walk(node):
        if isinstance(node, str):
            add_text(node)
        elif isinstance(node, dict):
            if "value" in node and "type" in node:
                walk(node["value"])
            else:
                for key, item in node.items():
                    if key not in {"id", "type", "url", "link", "page", "image", "document"}:
                        walk(item)
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)

    if isinstance(value, str):
        add_text(value)
    else:
        raw = getattr(value, "raw_data", value)
        walk(list(raw) if raw is not None else [])
    return blocks


def join_blocks(blocks: list[str]) -> str:
    """Blocks as one text in which a heading does not run into the next sentence: a block
    that does not end a sentence gets a full stop ("Låna och lämna. Med ett lånekort …")."""
    out = []
    for block in blocks:
        out.append(block if block.endswith(SENTENCE_END) else f"{block}.")
    return " ".join(out)


def snippet_from_blocks(
    blocks: list[str],
    stems: set[str],
    *,
    width: int = 30,
    splitter=None,
    matcher: Matcher | None = None,
):
    """The snippet for a result: the first block with a matching word, continued into the
    blocks after it when it is short (a heading), each block ending its sentence; the
    matched words marked. "" when no block matches."""
    if not stems:
        return ""
    if matcher is None:
        matcher = Matcher(stems, splitter)
    for index, block in enumerate(blocks):
        if not any(matcher.token(token) for token in block.split()):
            continue
        text = [block]
        words_so_far = len(block.split())
        for following in blocks[index + 1 :]:
            if words_so_far >= width:
                break
            text.append(following)
            words_so_far += len(following.split())
        return highlight_stems(join_blocks(text), stems, width=width, matcher=matcher)
    return ""


# --- The pipeline shared by the index and the query ---------------------------------------
#
# Both databases get the same terms from here: the database only compares strings and adds
# integers (backends/terms.py), so SQLite and PostgreSQL find and rank alike.

# Snowball's Swedish stop list (as PostgreSQL's 'swedish' configuration has it). They are
# indexed, but in a query they are optional unless the query has nothing else.
STOP_WORDS = frozenset(
    """
    alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din
    dina ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne
    hennes hon honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig
    min mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin
    sina sitta själv skulle som så sådan sådana sådant till under upp ut utan vad var vara
    varför varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt
    över
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# A compound's parts count half as much as the word itself: "Stadsbiblioteket" is about a
# library, but a page that says "biblioteket" is more so.
PART_SHARE = 0.5
# BM25's saturation and length normalisation, per field, with fixed average lengths: the
# weight of a term in a page is computed once, when the page is indexed.
K1 = 1.2
B = 0.75
FIELDS = {"title": (4.0, 8.0), "body": (1.0, 300.0)}  # name: (weight, average length)
WEIGHT_SCALE = 100


def no_split(word: str) -> tuple[str, ...]:
    return ()


def _field_terms(text: str, splitter) -> tuple[dict[str, float], int, list[str]]:
    """Term frequencies of a text, its length in words, and its words as written with
    the parts of its compounds (the vocabulary "Menade du" corrects towards)."""
    frequencies: dict[str, float] = {}
    tokens = words(text)
    written = list(tokens)
    for word in tokens:
        whole = stem(word)
        frequencies[whole] = frequencies.get(whole, 0.0) + 1.0
        for part in splitter(word):
            written.append(part)
            part_stem = stem(part)
            if part_stem != whole:
                frequencies[part_stem] = frequencies.get(part_stem, 0.0) + PART_SHARE
    return frequencies, len(tokens), written


def analyse(title: str, body: str, splitter=no_split) -> tuple[dict[str, int], dict[str, int]]:
    """What the index keeps of one page: each term (a stem, or a stem of a compound's
    part) with its weight, an integer, and the page's words as written with their counts
    (the site's vocabulary, for "Menade du"). Integers, so that both databases add them up
    to exactly the same scores."""
    scores: dict[str, float] = {}
    vocabulary: dict[str, int] = {}
    for name, text in (("title", title), ("body", body)):
        field_weight, average = FIELDS[name]
        frequencies, length, tokens = _field_terms(text or "", splitter)
        norm = K1 * (1 - B + B * length / average)
        for term, frequency in frequencies.items():
            saturated = frequency * (K1 + 1) / (frequency + norm)
            scores[term] = scores.get(term, 0.0) + field_weight * saturated
        for word in tokens:
            if not word.isdigit():
                vocabulary[word] = vocabulary.get(word, 0) + 1
    weights = {
        term: max(1, round(score * WEIGHT_SCALE))
        for term, score in scores.items()
        if len(term) <= MAX_TERM_LENGTH
    }
    vocabulary = {word: n for word, n in vocabulary.items() if len(word) <= MAX_TERM_LENGTH}
    return weights, vocabulary


MAX_TERM_LENGTH = 64
# A query with synonyms and compounds becomes an AND of OR-clauses (below); beyond this many
# clauses only the first alternative of a position is kept.
MAX_CLAUSES = 32


def _word_conjuncts(word: str, splitter) -> list[frozenset[str]]:
    """What a query word asks of a page: its stem; a compound, its parts, each of which
    may also be satisfied by the compound itself ("återvinningscentral" finds "central för
    återvinning" as well as "återvinningscentralen")."""
    whole = stem(word)
    parts = [stem(part) for part in splitter(word)]
    parts = [part for part in parts if part != whole]
    if not parts:
        return [frozenset({whole})]
    return [frozenset({part, whole}) for part in parts]


def stop_words(language: str | None = None) -> frozenset[str]:
    """The stop words of a language (the request's when not given): Swedish has them; in
    the other languages every word of a query counts."""
    return STOP_WORDS if is_swedish(language) else frozenset()


def query_clauses(
    positions: list[list[str]], splitter=no_split
) -> tuple[list[frozenset[str]], frozenset[str]]:
    """A resident's query (positions of alternatives, as ``query.expand`` gives them) as
    clauses a page must each satisfy with one of its terms, and optional terms that only
    rank (stop words, when the query has other words), in the request's language."""
    STOP_WORDS = stop_words()  # noqa: N806 - the module's list, or none
    all_stop = all(
        len(alternatives) == 1 and alternatives[0] in STOP_WORDS for alternatives in positions
    )
    clauses: list[frozenset[str]] = []
    optional: set[str] = set()
    for alternatives in positions:
        if len(alternatives) == 1 and alternatives[0] in STOP_WORDS and not all_stop:
            optional.add(stem(alternatives[0]))
            continue
        per_alternative = []
        for alternative in alternatives:
            phrase = alternative.split()
            content = [word for word in phrase if word not in STOP_WORDS] or phrase
            conjuncts: list[frozenset[str]] = []
            for word in content:
                conjuncts.extend(_word_conjuncts(word, splitter))
            if conjuncts:
                per_alternative.append(conjuncts)
        if not per_alternative:
            continue
        # (a1 AND a2) OR (b1) → (a1 OR b1) AND (a2 OR b1): one clause per choice of one
        # conjunct from each alternative.
        product: list[frozenset[str]] = [frozenset()]
        for conjuncts in per_alternative:
            if len(product) * len(conjuncts) > MAX_CLAUSES:
                break
            product = [chosen | conjunct for chosen in product for conjunct in conjuncts]
        for clause in product:
            if clause not in clauses:
                clauses.append(clause)
    used = set().union(*clauses) if clauses else set()
    return clauses, frozenset(optional - used)
