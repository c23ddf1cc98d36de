"""The site's own vocabulary: every word its indexed pages use, with the number of pages
using it. "Menade du …?" picks its corrections from it, and compounds split along it when
the Swedish dictionary is not installed (``compounds.SiteVocabularyLexicon``).

It comes from the term index (``IndexTerm.WORD`` rows, written with each page), is read
once per content generation in each process (``pagecache.memo``), and holds nothing but
words the site itself publishes.
"""

from django.db.models import Count

from kommunwebb.pagecache import memo
from kommunwebb.search import compounds
from kommunwebb.search.models import IndexTerm
from kommunwebb.search.text import is_swedish, no_split, stem


def _read() -> dict[str, int]:
    rows = (
        IndexTerm.objects.filter(kind=IndexTerm.WORD)
        .values_list("term")
        .annotate(pages=Count("object_id"))
        .order_by()
    )
    return dict(rows)


def vocabulary(request=None) -> dict[str, int]:
    """word → number of indexed objects that use it."""
    return memo.shared("search_vocabulary", _read, request)


def site_words(request=None) -> list[str]:
    return list(vocabulary(request))


def splitter(request=None):
    """The function that splits compounds now: the dictionary's (``compounds.split``), or
    without it one over the site's vocabulary as it is at this moment (read once per call,
    so callers ask once per batch of pages or per query). Only Swedish (the request's
    content language, ``text.is_swedish``) has compounds; other languages' words stay whole."""
    if not is_swedish():
        return no_split
    if compounds.dictionary_lexicon() is not None:
        return compounds.split
    lexicon = compounds.SiteVocabularyLexicon(site_words(request), stem)
    return lambda word: compounds.split_with(lexicon, word)
