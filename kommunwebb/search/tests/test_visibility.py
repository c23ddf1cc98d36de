"""Search, its suggestions and its promoted results find only what a visitor may see."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.testing.hidden import assert_none_shown, hidden_pages

from .conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home):
    publish(StandardPageFactory(parent=home, title="Dold synlig"))
    return hidden_pages(StandardPageFactory, home, word="Dold")


def test_search_results(client, pages):
    html = client.get(reverse("search"), {"q": "dold"}).content.decode()
    assert "Dold synlig" in html
    assert_none_shown(html, pages)


def test_suggestions_while_typing(client, pages):
    titles = str(client.get(reverse("search_autocomplete"), {"q": "dol"}).json())
    assert "Dold synlig" in titles
    assert_none_shown(titles, pages)


def test_promoted_results(client, pages):
    query = Query.get("sophämtning")
    for order, page in enumerate(pages.values()):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order)
    html = client.get(reverse("search"), {"q": "sophämtning"}).content.decode()
    assert_none_shown(html, pages)
