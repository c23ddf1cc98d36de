"""Search per language (issue 16 part 7): a page is stemmed by its own language's rules, a
query by the visitor's, on the demo's English and Finnish pages."""

import pytest
from bs4 import BeautifulSoup

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.core.locales import for_content_language
from kommunwebb.demo.languages_content import PAGES
from kommunwebb.languages.factories import translate
from kommunwebb.search import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(home):
    """The demo's crisis support and contact pages in Swedish, English and Finnish."""
    pages = {
        "akut": StandardPageFactory(parent=home, title="Stöd efter en allvarlig händelse"),
        "kontakt": StandardPageFactory(parent=home, title="Kontakta kommunen"),
    }
    for code in ("en", "fi"):
        translate(home, code, title=f"Sundhamn {code}", slug=f"home-{code}")
        for key, page in pages.items():
            content = PAGES[key][code]
            translate(
                page, code, title=content["title"], slug=content["slug"], intro=content["intro"]
            )


def titles(client, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(" ", strip=True) for link in soup.select(".search-result h2 a")], soup


# Inflected forms the pages do not use; each failed before pages and queries were stemmed
# in their own language (one test, so the pages are built once).
CASES = [
    ("/en/sok/", "contacting", "Contact the municipality"),
    ("/en/sok/", "supporting", "Support after a serious event"),
    ("/en/sok/", "municipalities", "Contact the municipality"),
    ("/fi/sok/", "kunta", "Ota yhteyttä kuntaan"),
    ("/fi/sok/", "kunnalle", "Ota yhteyttä kuntaan"),
    ("/fi/sok/", "asiakaspalveluun", "Ota yhteyttä kuntaan"),
    ("/fi/sok/", "vakavasta tapahtumasta", "Tukea vakavan tapahtuman jälkeen"),
]


def test_inflected_forms_meet_in_the_visitors_language(client, translated):
    missed = [case for case in CASES if case[2] not in titles(client, case[0], case[1])[0]]
    assert missed == []


def test_the_snippet_marks_the_words_by_the_visitors_stems(client, translated):
    _, soup = titles(client, "/en/sok/", "contacting")
    marked = {mark.get_text().casefold() for mark in soup.select(".search-result mark")}
    assert "contact" in marked


def test_results_stay_in_the_visitors_language(client, translated):
    found, _ = titles(client, "/en/sok/", "kontakta")
    assert found == []
    found, _ = titles(client, "/sok/", "kontakta")
    assert "Kontakta kommunen" in found
    assert "Contact the municipality" not in found


def test_stems_follow_the_language():
    assert text.stem("contacting", "en") == text.stem("contact", "en")
    assert text.stem("kuntaan", "fi") == text.stem("kunnan", "fi")
    assert text.stem("skolorna", "sv") == text.stem("skola", "sv")
    # No Snowball stemmer: the word as written, case-folded.
    assert text.stem("Guovllu", "se") == "guovllu"
    with for_content_language("en"):
        assert text.stem("libraries") == text.stem("Library", "en")
        assert text.stop_words() == frozenset()
    with for_content_language("sv"):
        assert "och" in text.stop_words()


def test_suggestions_are_kept_per_language(client, translated, pagecache):
    """The suggestion index is built once per content generation: once per language too,
    so the first language asked does not answer for the others."""
    swedish = client.get("/sok/forslag/", {"q": "kontakt"}).json()["results"]
    assert [item["title"] for item in swedish] == ["Kontakta kommunen"]
    english = client.get("/en/sok/forslag/", {"q": "contact"}).json()["results"]
    assert [item["title"] for item in english] == ["Contact the municipality"]
