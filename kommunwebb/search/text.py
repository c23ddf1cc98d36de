"""Words, Swedish stems and highlighted snippets: plain functions, no database.

Residents type inflected Swedish ("skolorna", "kvävedioxiden"); pages say "skola" and
"kvävedioxid". Both sides are reduced to their Snowball stems, so the forms find each
other. PostgreSQL does this itself with its 'swedish' text search configuration (which is
the same Snowball algorithm); on SQLite the backend in ``backends/swedish.py`` stores
stems in the full-text index and stems the query with :func:`stem`.
"""

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Letters and digits of any script. Everything else (quotes, operators, wildcards, emoji,
# control characters) separates words, so no search syntax reaches the database.
WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]*>")
MAX_TERMS = 12

# Snowball stemmers keep state between calls: one per thread.
_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("swedish")
    return stemmer


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, in order. Composed first, so that an "ä" typed as
    "a" plus a combining diaeresis stays one letter."""
    return WORD.findall(unicodedata.normalize("NFC", text).casefold())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    # Cached: a page's text repeats words, and highlighting stems every word it reads.
    return _stemmer().stemWord(word.casefold())


def stem_text(text: str) -> str:
    """The text as a sequence of stems, for the full-text index."""
    stemmer = _stemmer()
    return " ".join(stemmer.stemWords(words(text)))


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
    stems = {stem(term) for term in terms if term}
    if not text or not stems:
        return ""
    tokens = text.split()
    first = next((i for i, token in enumerate(tokens) if _token_matches(token, stems)), None)
    if first is None:
        return ""
    start = max(0, first - width // 3)
    end = min(len(tokens), start + width)
    start = max(0, end - width)
    out = []
    for token in tokens[start:end]:
        out.append(_mark(token, stems) if _token_matches(token, stems) else escape(token))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(prefix + " ".join(out) + suffix)  # noqa: S308 - every part escaped


def _token_matches(token: str, stems: set[str]) -> bool:
    return any(stem(word) in stems for word in WORD.findall(token.casefold()))


def _mark(token: str, stems: set[str]) -> str:
    """Wrap the matching word inside a token ("kvävedioxid," → "<mark>kvävedioxid</mark>,")."""
    out, last = [], 0
    for match in WORD.finditer(token):
        out.append(escape(token[last : match.start()]))
        word = match.group()
        if stem(word) in stems:
            out.append(f"<mark>{escape(word)}</mark>")
        else:
            out.append(escape(word))
        last = match.end()
    out.append(escape(token[last:]))
    return "".join(out)
