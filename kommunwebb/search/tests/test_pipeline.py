"""What residents get from the Swedish pipeline through the search page: compounds both
ways, typos, pages with most of the words, clean snippets, titles before bodies."""

import json

import pytest
from django.urls import reverse

from kommunwebb.conftest import need
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.news.factories import NewsArticlePageFactory
from kommunwebb.search import compounds

from .conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dictionary():
    need(compounds.dictionary_path() is not None, "hunspell-sv is not installed")


def get(client, **params):
    return client.get(reverse("search"), params)


def found(response):
    return [hit["page"].pk for hit in response.context["hits"]]


def body(*blocks):
    return json.dumps(
        [{"type": kind, "value": value, "id": str(n)} for n, (kind, value) in enumerate(blocks)]
    )


def test_a_part_finds_the_compound_and_is_marked_in_it(client, news):
    page = publish(
        NewsArticlePageFactory(
            parent=news, title="Hållbar jul", lead="En vecka med workshoppar på Stadsbiblioteket."
        )
    )
    response = get(client, q="bibliotek")
    assert found(response) == [page.pk]
    assert "<mark>Stadsbiblioteket</mark>" in str(response.context["hits"][0]["snippet"])


def test_a_compound_finds_its_parts_written_apart(client, news):
    apart = publish(
        NewsArticlePageFactory(parent=news, title="Ny central", lead="En central för återvinning.")
    )
    together = publish(
        NewsArticlePageFactory(
            parent=news, title="Öppettider", lead="Återvinningscentralen är öppen."
        )
    )
    publish(NewsArticlePageFactory(parent=news, title="Bara central", lead="Centralen."))
    assert set(found(get(client, q="återvinningscentralen"))) == {apart.pk, together.pk}


def test_a_word_in_the_title_ranks_above_one_in_the_text(client, news):
    in_text = publish(
        NewsArticlePageFactory(parent=news, title="Nytt i december", lead="Konserten är gratis.")
    )
    in_title = publish(
        NewsArticlePageFactory(parent=news, title="Konsert i kyrkan", lead="Välkommen.")
    )
    assert found(get(client, q="konsert")) == [in_title.pk, in_text.pk]


def test_a_typo_that_finds_nothing_shows_what_was_meant(client, news):
    page = publish(NewsArticlePageFactory(parent=news, title="Julmarknad på torget"))
    response = get(client, q="julmarknd")
    assert response.context["corrected"] is True
    assert found(response) == [page.pk]
    html = response.content.decode()
    assert "Inga träffar på ”julmarknd”. Visar träffar på <strong>julmarknad</strong>" in html


def test_a_query_with_few_hits_offers_menade_du_as_a_link(client, news):
    for n in range(3):
        publish(NewsArticlePageFactory(parent=news, title=f"Konsert {n}", lead="En konsert."))
    publish(NewsArticlePageFactory(parent=news, title="Konsrt", lead="Ett stavfel i en rubrik."))
    response = get(client, q="konsrt")
    assert response.context["corrected"] is False
    assert response.context["correction"] == "konsert"
    assert '<a href="/sok/?q=konsert">konsert</a>' in response.content.decode()


def test_nothing_found_offers_contact_and_the_most_visited_pages(client, home):
    from django.utils import timezone

    from kommunwebb.analytics.models import DailyPageStats
    from kommunwebb.core.models import SiteSettings

    settings = SiteSettings.for_site(home.get_site())
    settings.phone = "040-628 04 00"
    settings.email = "kontaktcenter@sundhamn.example"
    settings.save()
    popular = publish(StandardPageFactory(parent=home, title="Avfall och återvinning"))
    DailyPageStats.objects.create(day=timezone.localdate(), page_id=popular.pk, views=40)
    html = get(client, q="zzzqqq").content.decode()
    assert "Det här söker många efter" in html
    assert f'href="{popular.url}"' in html
    assert 'href="tel:+46406280400"' in html
    assert 'href="mailto:kontaktcenter@sundhamn.example"' in html


def test_a_heading_does_not_run_into_the_next_sentence(client, home):
    page = StandardPageFactory(
        parent=home,
        title="Stadsbiblioteket",
        intro="",
        body=body(
            ("heading", "Låna och lämna"),
            ("paragraph", "<p>Med ett lånekort kan du låna böcker.</p>"),
        ),
    )
    publish(page)
    snippet = str(get(client, q="lånekort").context["hits"][0]["snippet"])
    assert "Låna och lämna Med" not in snippet
    assert "<mark>lånekort</mark>" in snippet


def test_one_word_is_never_relaxed_into_half_a_compound(client, news):
    publish(NewsArticlePageFactory(parent=news, title="Symfoniorkestern spelar"))
    response = get(client, q="xylofonorkester")
    assert response.context["relaxed"] is False
    assert found(response) == []
    # Two words, one of them missing everywhere: the other is enough.
    response = get(client, q="symfoniorkester xylofon")
    assert response.context["relaxed"] is True
    assert len(found(response)) == 1
