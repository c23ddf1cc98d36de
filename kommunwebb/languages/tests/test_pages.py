"""Pages in several languages as visitors get them: addresses, lang and dir, the language
list and hreflang, the hubs, a missing translation, Lättläst, and listings that keep to
their own language."""

import pytest
from bs4 import BeautifulSoup

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.languages.factories import translate
from kommunwebb.languages.models import (
    EasyReadIndexPage,
    EasyReadPage,
    LanguagesPage,
)
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_in_three(home):
    """A Swedish contact page in English and Arabic; the home page in both as their hubs."""
    contact = StandardPageFactory(parent=home, title="Kontakta kommunen", slug="kontakta-oss")
    translate(home, "en", title="Sundhamn in English", slug="en-home")
    translate(home, "ar", title="سوندهامن", slug="ar-home")
    english = translate(contact, "en", title="Contact us", slug="contact-us")
    arabic = translate(contact, "ar", title="اتصل بنا", slug="contact-ar")
    return {"home": home, "sv": contact, "en": english, "ar": arabic}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_swedish_keeps_its_addresses_and_other_languages_get_a_prefix(site_in_three):
    assert site_in_three["sv"].url == "/kontakta-oss/"
    assert site_in_three["en"].url == "/en/contact-us/"
    assert site_in_three["ar"].url == "/ar/contact-ar/"


@pytest.mark.parametrize(("code", "direction"), [("sv", "ltr"), ("en", "ltr"), ("ar", "rtl")])
def test_a_page_has_its_language_and_direction(client, site_in_three, code, direction):
    html = get(client, site_in_three[code].url).html
    assert html["lang"] == code
    assert html["dir"] == direction


def test_the_interface_follows_the_page_language(client, site_in_three):
    skip = get(client, site_in_three["ar"].url).select_one("a.skip-link").get_text(strip=True)
    assert skip == "انتقل إلى المحتوى الرئيسي"
    skip = get(client, site_in_three["sv"].url).select_one("a.skip-link").get_text(strip=True)
    assert skip == "Till huvudinnehållet"


def test_every_version_lists_the_languages_it_exists_in_named_in_themselves(client, site_in_three):
    page = get(client, site_in_three["en"].url)
    links = page.select(".language-list a")
    assert [(a["lang"], a.get_text(strip=True), a["href"]) for a in links] == [
        ("sv", "Svenska", "/kontakta-oss/"),
        ("en", "English", "/en/contact-us/"),
        ("ar", "العربية", "/ar/contact-ar/"),
    ]
    assert [a.get("aria-current") for a in links] == [None, "page", None]
    assert links[2]["dir"] == "rtl"


def test_hreflang_alternates_name_every_version(client, site_in_three):
    page = get(client, site_in_three["sv"].url)
    alternates = {
        link["hreflang"]: link["href"]
        for link in page.select('head link[rel="alternate"][hreflang]')
    }
    assert set(alternates) == {"sv", "en", "ar", "x-default"}
    assert alternates["en"].endswith("/en/contact-us/")
    assert alternates["x-default"] == alternates["sv"]


def test_a_page_in_one_language_only_has_no_language_list(client, home):
    page = StandardPageFactory(parent=home, slug="bara-svenska")
    assert get(client, page.url).select(".language-list") == []


def test_a_draft_translation_is_not_listed(client, site_in_three):
    site_in_three["ar"].unpublish()
    page = get(client, site_in_three["sv"].url)
    assert [a["lang"] for a in page.select(".language-list a")] == ["sv", "en"]
    assert "ar" not in {link["hreflang"] for link in page.select("link[hreflang]")}


def test_the_home_page_of_a_language_lists_what_exists_in_it(client, site_in_three):
    page = get(client, "/en/")
    assert page.html["lang"] == "en"
    titles = [t.get_text(strip=True) for t in page.select("main .link-card__title")]
    assert titles == ["Contact us"]


def test_a_missing_translation_leads_to_the_languages_home_not_an_error(client, site_in_three):
    response = client.get("/en/not-translated/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    # Swedish keeps its ordinary "not found".
    assert client.get("/finns-inte/").status_code == 404


def test_a_language_without_a_home_page_still_answers_not_found(client, site_in_three):
    assert client.get("/fi/jotain/").status_code == 404


def test_the_other_languages_hub_lists_each_language_and_its_pages(client, site_in_three):
    hub = LanguagesPage(title="Andra språk", slug="andra-sprak")
    site_in_three["home"].add_child(instance=hub)
    page = get(client, hub.url)
    languages = page.select(".language-hub__language")
    assert [item["lang"] for item in languages] == ["en", "ar"]
    assert languages[1]["dir"] == "rtl"
    assert [a.get_text(strip=True) for a in languages[0].select("a")] == [
        "English",
        "Contact us",
    ]
    # Every page links to it.
    links = get(client, site_in_three["sv"].url).select(".language-bar__tools a")
    assert "/andra-sprak/" in {a["href"] for a in links}


def test_listings_keep_to_their_own_language(client, home):
    news = NewsIndexPageFactory(parent=home, slug="nyheter")
    swedish = NewsArticlePageFactory(parent=news, title="Snöröjningen börjar", slug="snorojning")
    translate(home, "en", slug="en-home")
    translate(swedish, "en", title="Snow clearing starts", slug="snow-clearing")
    page = get(client, news.url)
    titles = page.get_text()
    assert "Snöröjningen börjar" in titles
    assert "Snow clearing starts" not in titles
    feed = client.get("/flode/nyheter.rss").content.decode()
    assert "Snöröjningen börjar" in feed
    assert "Snow clearing starts" not in feed
    english_feed = client.get("/en/flode/nyheter.rss").content.decode()
    assert "Snow clearing starts" in english_feed
    assert "Snöröjningen börjar" not in english_feed
    assert "<language>en</language>" in english_feed


def test_the_sitemap_has_every_language_with_alternates(client, site_in_three):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/contact-us/</loc>" in sitemap
    assert "/ar/contact-ar/</loc>" in sitemap
    assert 'hreflang="ar"' in sitemap


def test_an_easy_read_version_is_linked_both_ways_and_listed(client, home):
    original = StandardPageFactory(parent=home, title="Luften i Sundhamn", slug="luften")
    index = EasyReadIndexPage(title="Lättläst", slug="lattlast")
    home.add_child(instance=index)
    easy = EasyReadPage(title="Luften blir renare", slug="luften-lattlast", original=original)
    index.add_child(instance=easy)

    links = get(client, original.url).select(".language-bar__easy-read")
    assert [a["href"] for a in links] == [easy.url]
    back = get(client, easy.url).select(".language-bar__tools a")
    assert original.url in {a["href"] for a in back}
    assert "Luften blir renare" in get(client, index.url).get_text()

    easy.unpublish()
    assert get(client, original.url).select(".language-bar__easy-read") == []
    assert "Luften blir renare" not in get(client, index.url).get_text()


def test_search_finds_the_pages_of_its_own_language(client, site_in_three):
    swedish = client.get("/sok/", {"q": "kontakta"})
    assert swedish.status_code == 200
    assert "Kontakta kommunen" in swedish.content.decode()
    assert "Contact us" not in client.get("/sok/", {"q": "contact"}).content.decode()
    english = client.get("/en/sok/", {"q": "contact"})
    assert english.status_code == 200
    html = english.content.decode()
    assert "Contact us" in html
    assert "Kontakta kommunen" not in html
    assert BeautifulSoup(html, "html.parser").html["lang"] == "en"


def test_robots_keeps_every_languages_search_out_of_indexes(client, home):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /sok/" in robots
    assert "Disallow: /en/sok/" in robots
    assert "Disallow: /ar/sok/" in robots


def test_the_language_list_is_kept_until_a_translation_is_published_or_withdrawn(
    client, site_in_three, pagecache, commit
):
    """The language bar is worked out once per content generation (a later cache miss does
    not ask again), and a publish or unpublish of any version changes it at once."""
    sv_url = site_in_three["sv"].url
    with commit():
        site_in_three["ar"].unpublish()
    assert [a["lang"] for a in get(client, sv_url + "?a=1").select(".language-list a")] == [
        "sv",
        "en",
    ]
    with commit():
        site_in_three["ar"].save_revision().publish()
    langs = [a["lang"] for a in get(client, sv_url + "?a=2").select(".language-list a")]
    assert langs == ["sv", "en", "ar"]
