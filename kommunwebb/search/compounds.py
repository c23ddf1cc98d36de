"""Swedish compound words split into their parts, for the index and for queries.

Swedish writes compounds as one word: "Stadsbiblioteket" is "stad" + "bibliotek", with a
linking "s" and an inflection. A resident who types "bibliotek" means it, so the index
holds each compound's parts beside the whole word (``text.analyse``), and a compound in a
query also finds texts that write its parts apart (``text.query_clauses``).

Which strings are words, and which may begin or end a compound, comes from Debian's
Swedish Hunspell dictionary (package ``hunspell-sv``: ``/usr/share/hunspell/sv_SE.dic`` and
``.aff``), whose flags say exactly that (``COMPOUNDBEGIN``, ``COMPOUNDMIDDLE``,
``COMPOUNDEND``) and whose suffix rules give the linking forms ("stad" → "stads-",
"skola" → "skol-", "hälsa" → "hälso-"). Nothing is fetched at run time.

Memory: the dictionary is 150,000 lines; as Python sets it would cost every gunicorn worker
about 20 MB and a second of start-up. It is compiled once into a small SQLite file under
``var/search/`` (rebuilt when the dictionary or this module's rules change), which every
process opens read-only: the operating system's page cache shares it between workers, and
each lookup is a primary-key probe of a few microseconds. Results are cached per word.

Without the dictionary (a fresh machine without the package), splitting falls back to the
site's own vocabulary (``SiteVocabularyLexicon``, chosen by ``vocabulary.splitter``): a
compound splits into words that the site's pages use on their own. Search keeps working
either way.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_DICTIONARY = "/usr/share/hunspell/sv_SE.dic"
# Raise when the compiled lexicon's content changes, so old files are rebuilt.
LEXICON_VERSION = 3
# The shortest word worth splitting and the shortest part ("jul" + "marknad").
MIN_WORD = 6
MIN_PART = 3
MAX_PARTS = 4
# The last-resort split at a linking "s" wants longer parts on both sides.
LINKED_HEAD = 4
LINKED_TAIL = 4


def dictionary_path() -> Path | None:
    """The Hunspell dictionary to use, or None (setting ``SEARCH_DICTIONARY``, "" for none)."""
    value = getattr(settings, "SEARCH_DICTIONARY", DEFAULT_DICTIONARY)
    if not value:
        return None
    path = Path(value)
    return path if path.is_file() and path.with_suffix(".aff").is_file() else None


# --- Reading Hunspell's files ------------------------------------------------------------


def _affix_flags(aff_text: str) -> dict[str, str]:
    flags = {}
    for line in aff_text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in {
            "COMPOUNDBEGIN",
            "COMPOUNDMIDDLE",
            "COMPOUNDEND",
            "ONLYINCOMPOUND",
            "NEEDAFFIX",
            "FORBIDDENWORD",
        }:
            flags[parts[0]] = parts[1]
    return flags


def _suffix_rules(aff_text: str) -> dict[str, list[tuple[str, str, str, re.Pattern]]]:
    """Hunspell's SFX rules: flag → [(strip, add, continuation flags, condition)]."""
    rules: dict[str, list] = {}
    for line in aff_text.splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, condition = parts[1], parts[2], parts[3], parts[4]
        add, _, continuation = add.partition("/")
        strip = "" if strip == "0" else strip
        add = "" if add == "0" else add
        try:
            pattern = re.compile(f"(?:{condition})$")
        except re.error:
            continue
        rules.setdefault(flag, []).append((strip, add, continuation, pattern))
    return rules


def read_dictionary(dic: Path) -> tuple[dict[str, str], dict[str, str]]:
    """From a Hunspell dictionary: the forms that may begin or sit inside a compound, each
    with the word it comes from ("stads" → "stad"), and every inflected form of the words
    that may end one, with its base form ("skogen" → "skog")."""
    aff_text = dic.with_suffix(".aff").read_text(encoding="utf-8", errors="replace")
    flags = _affix_flags(aff_text)
    begin = {flags.get("COMPOUNDBEGIN", "\0"), flags.get("COMPOUNDMIDDLE", "\0")}
    end = flags.get("COMPOUNDEND", "\0")
    unusable = {flags.get("FORBIDDENWORD", "\0"), flags.get("NEEDAFFIX", "\0")}
    rules = _suffix_rules(aff_text)
    heads: dict[str, str] = {}
    tails: dict[str, str] = {}
    with dic.open(encoding="utf-8", errors="replace") as lines:
        next(lines, None)  # the first line is the number of entries
        for line in lines:
            entry = line.strip()
            if not entry or " " in entry or "\t" in entry:
                continue
            word, _, word_flags = entry.partition("/")
            word = word.casefold()
            flag_set = set(word_flags)
            if not word.isalpha() or len(word) < 2 or unusable & flag_set:
                continue
            if begin & flag_set:
                heads.setdefault(word, word)
            is_end = end in flag_set
            if is_end:
                tails.setdefault(word, word)
            for flag in word_flags:
                for strip, add, continuation, condition in rules.get(flag, ()):
                    if not condition.search(word) or (strip and not word.endswith(strip)):
                        continue
                    form = word[: len(word) - len(strip)] + add
                    if not form.isalpha():
                        continue
                    if begin & set(continuation):
                        # A linking form: "stad" → "stads", "skola" → "skol".
                        heads.setdefault(form, word)
                    elif is_end:
                        # An inflection of a word that may end a compound: "skogen".
                        tails.setdefault(form, word)
    return heads, tails


# --- The compiled lexicon ----------------------------------------------------------------


def _lexicon_file(dic: Path) -> Path:
    stat = dic.stat()
    key = f"{dic.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{LEXICON_VERSION}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    directory = Path(getattr(settings, "SEARCH_LEXICON_DIR", "") or settings.VAR_DIR / "search")
    return directory / f"lexicon-{digest}.sqlite3"


def compile_lexicon(dic: Path, target: Path) -> None:
    """Write the lexicon file (atomically: a half-written file is never opened)."""
    heads, tails = read_dictionary(dic)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        with connection:
            connection.execute("CREATE TABLE head (form TEXT PRIMARY KEY, base TEXT) WITHOUT ROWID")
            connection.execute("CREATE TABLE tail (form TEXT PRIMARY KEY, base TEXT) WITHOUT ROWID")
            connection.executemany("INSERT INTO head VALUES (?, ?)", sorted(heads.items()))
            connection.executemany("INSERT INTO tail VALUES (?, ?)", sorted(tails.items()))
        connection.close()
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


class DictionaryLexicon:
    """Lookups in the compiled dictionary, one read-only connection per thread."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            uri = f"file:{self.path}?mode=ro&immutable=1"
            connection = self._local.connection = sqlite3.connect(
                uri, uri=True, check_same_thread=False
            )
        return connection

    def _lookup(self, table: str, form: str) -> str | None:
        row = (
            self._connection()
            .execute(
                f"SELECT base FROM {table} WHERE form = ?",  # noqa: S608 - two fixed names
                (form,),
            )
            .fetchone()
        )
        return row[0] if row else None

    def head_base(self, form: str) -> str | None:
        base = self._lookup("head", form)
        if base is None and len(form) > 4 and form.endswith("s"):
            # Most nouns can begin a compound with a linking "s" even where the dictionary
            # does not say so: "tusenår" → "tusenårsskogen".
            whole = form[:-1]
            if self._lookup("tail", whole) == whole:
                base = whole
        return base

    def tail_base(self, form: str) -> str | None:
        return self._lookup("tail", form)


class SiteVocabularyLexicon:
    """The fallback: words of four letters or more that the site's pages use on their own.
    A head may carry a linking "s" ("sundhamns"); a last part is matched by its stem."""

    def __init__(self, words: Iterable[str], stem):
        self.stem = stem
        self.words = {word for word in words if len(word) >= 4 and word.isalpha()}
        self.stems = {stem(word): word for word in sorted(self.words)}

    def head_base(self, form: str) -> str | None:
        if form in self.words:
            return form
        if form.endswith("s") and form[:-1] in self.words:
            return form[:-1]
        return None

    def tail_base(self, form: str) -> str | None:
        if form in self.words:
            return form
        return self.stems.get(self.stem(form))


_lexicon_lock = threading.Lock()
_lexicon: DictionaryLexicon | None = None
_lexicon_source: Path | None = None


def dictionary_lexicon() -> DictionaryLexicon | None:
    """The compiled dictionary, built on first use; None without a dictionary."""
    global _lexicon, _lexicon_source
    dic = dictionary_path()
    if dic is None:
        return None
    if _lexicon is not None and _lexicon_source == dic:
        return _lexicon
    with _lexicon_lock:
        target = _lexicon_file(dic)
        if not target.exists():
            logger.info("compiling the Swedish compound lexicon from %s", dic)
            compile_lexicon(dic, target)
        _lexicon, _lexicon_source = DictionaryLexicon(target), dic
        split.cache_clear()
    return _lexicon


# --- Splitting ---------------------------------------------------------------------------


def split_with(lexicon, word: str) -> tuple[str, ...]:
    """The parts of a compound as base words ("stadsbiblioteket" → ("stad",
    "bibliotek")), or () when the word is not one. The fewest parts win; among splits
    with as many parts, the one whose shortest part is longest."""
    if len(word) < MIN_WORD or not word.isalpha():
        return ()
    best: tuple[str, ...] = ()

    def better(candidate):
        if not best:
            return True
        if len(candidate) != len(best):
            return len(candidate) < len(best)
        return min(map(len, candidate)) > min(map(len, best))

    @cache
    def tails(rest: str, depth: int) -> tuple[tuple[str, ...], ...]:
        """Every way to read ``rest`` as middle parts followed by a last part."""
        found = []
        last = lexicon.tail_base(rest) if len(rest) >= MIN_PART else None
        if last is not None:
            found.append((last,))
        if depth < MAX_PARTS - 1:
            for i in range(MIN_PART, len(rest) - MIN_PART + 1):
                base = lexicon.head_base(rest[:i])
                if base is None:
                    continue
                for more in tails(rest[i:], depth + 1):
                    found.append((base, *more))
        return tuple(found)

    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        base = lexicon.head_base(word[:i])
        if base is None:
            continue
        for more in tails(word[i:], 1):
            candidate = (base, *more)
            if better(candidate):
                best = candidate
    if not best:
        # Last resort: a linking "s" before a word that may end a compound marks the
        # boundary even when the dictionary does not know the first part
        # ("tusenårs|skogen", "sundhamns|bor").
        for i in range(LINKED_HEAD + 1, len(word) - LINKED_TAIL + 1):
            if word[i - 1] == "s" and word[i - 2] != "s":
                last = lexicon.tail_base(word[i:])
                if last is not None and len(word) - i >= LINKED_TAIL:
                    return (word[: i - 1], last)
    return best


@lru_cache(maxsize=65536)
def split(word: str) -> tuple[str, ...]:
    """``split_with`` the current lexicon (the dictionary when there is one). Cached: a
    site's text repeats its words."""
    lexicon = dictionary_lexicon()
    if lexicon is None:
        return ()
    return split_with(lexicon, word)


def base_form(word: str) -> str:
    """The dictionary's base form of an inflected word ("skolans" → "skola"), or the
    word itself when the dictionary does not know it (or is not installed). Only words
    that may end a compound are listed (nouns and adjectives, which is where Snowball
    stumbles); a genitive "s" on a known form is taken off first."""
    lexicon = dictionary_lexicon()
    if lexicon is None or not word.isalpha():
        return word
    base = lexicon.tail_base(word)
    if base is None and len(word) > 4 and word.endswith("s"):
        base = lexicon.tail_base(word[:-1])
    return base or word
