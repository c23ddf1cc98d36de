import pytest
from django.urls import reverse

from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home):
    news = NewsIndexPageFactory(parent=home)
    page = NewsArticlePageFactory(
        parent=news, title="Renare luft", lead="Halterna av kvävedioxid sjunker i innerstaden."
    )
    page.save_revision().publish()
    return page


def test_finds_published_pages(client, article):
    response = client.get(reverse("search"), {"q": "luft"})
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")


def test_empty_query_shows_the_form(client, home):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_nothing_found_gives_help(client, home):
    html = client.get(reverse("search"), {"q": "zzzzqqq"}).content.decode()
    assert "Inga träffar" in html


@pytest.mark.parametrize(
    "query",
    ['"obalanserat', "luft AND OR NOT", "kväve*", "(((", "😀 luft", "a\x01b", "' OR 1=1 --"],
)
def test_odd_queries_never_fail(client, article, query):
    response = client.get(reverse("search"), {"q": query, "sida": "abc"})
    assert response.status_code == 200


def test_too_long_query_is_a_clear_400(client, home):
    response = client.get(reverse("search"), {"q": "a" * 10_000})
    assert response.status_code == 400
    assert "för lång" in response.content.decode()
