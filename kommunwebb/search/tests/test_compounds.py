"""Compound words split by Debian's Swedish Hunspell dictionary (hunspell-sv), and by the
site's own vocabulary when the dictionary is not installed."""

import pytest

from kommunwebb.conftest import need
from kommunwebb.search import compounds
from kommunwebb.search.text import stem


@pytest.fixture
def dictionary():
    """The compiled dictionary (CI installs hunspell-sv; a skip there is a failure)."""
    need(compounds.dictionary_path() is not None, "hunspell-sv is not installed")
    return compounds.dictionary_lexicon()


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("stadsbiblioteket", ("stad", "bibliotek")),
        ("återvinningscentralen", ("återvinning", "central")),
        ("julmarknad", ("jul", "marknad")),
        ("rådhustorget", ("rådhus", "torg")),
        ("kvävedioxid", ("kväve", "dioxid")),
        ("socialjouren", ("social", "jour")),
        ("kulturskolans", ("kultur", "skola")),
        # Not in the dictionary as a head, but a linking "s" marks the boundary.
        ("tusenårsskogen", ("tusenår", "skog")),
    ],
)
def test_compounds_split_into_their_base_words(dictionary, word, parts):
    assert compounds.split(word) == parts


@pytest.mark.parametrize("word", ["kommunen", "bibliotek", "parkering", "hållbarhet", "skola"])
def test_words_that_are_not_compounds_stay_whole(dictionary, word):
    # "kommun" is not "kom" + "mun": the dictionary's flags say which words may join.
    assert compounds.split(word) == ()


def test_inflected_nouns_share_a_stem_through_their_base_form(dictionary):
    # Snowball alone leaves these apart from their base forms.
    assert stem("skolan") == stem("skola") == stem("skolorna")
    assert stem("barnet") == stem("barn")
    assert stem("kulturskolans") == stem("kulturskola")


def test_the_lexicon_is_compiled_once_into_a_shared_file(dictionary, settings, tmp_path):
    settings.SEARCH_LEXICON_DIR = str(tmp_path)
    target = compounds._lexicon_file(compounds.dictionary_path())
    assert target.parent == tmp_path
    compounds.compile_lexicon(compounds.dictionary_path(), target)
    lexicon = compounds.DictionaryLexicon(target)
    assert lexicon.head_base("stads") == "stad"
    assert lexicon.tail_base("skogen") == "skog"
    assert lexicon.head_base("xyzzy") is None
    # Nothing half-written is left beside it.
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_without_the_dictionary_the_sites_words_split_compounds():
    lexicon = compounds.SiteVocabularyLexicon(["stad", "bibliotek", "och", "skog"], stem)
    assert compounds.split_with(lexicon, "stadsbiblioteket") == ("stad", "bibliotek")
    # Words under four letters are not used: too many false splits.
    assert compounds.split_with(lexicon, "ochskog") == ()


def test_without_the_dictionary_nothing_is_read_from_disk(settings):
    settings.SEARCH_DICTIONARY = ""
    assert compounds.dictionary_path() is None
    assert compounds.dictionary_lexicon() is None
    assert compounds.base_form("skolans") == "skolans"


@pytest.mark.django_db
def test_search_works_without_the_dictionary_splitting_by_the_sites_words(client, settings, news):
    from django.urls import reverse

    from kommunwebb.news.factories import NewsArticlePageFactory

    from .conftest import publish

    settings.SEARCH_DICTIONARY = ""
    publish(NewsArticlePageFactory(parent=news, title="Ett bibliotek i varje stad"))
    library = publish(NewsArticlePageFactory(parent=news, title="Stadsbiblioteket öppnar"))
    response = client.get(reverse("search"), {"q": "bibliotek"})
    assert response.status_code == 200
    assert library.pk in [hit["page"].pk for hit in response.context["hits"]]
