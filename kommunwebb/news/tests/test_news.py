from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page

from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.news.models import NewsArticlePage
from kommunwebb.taxonomy.factories import topics

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home, per_page=2)


def publish(page, days_ago):
    page.save_revision().publish()
    when = timezone.now() - timedelta(days=days_ago)
    NewsArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when
    )
    return page


def test_lead_longer_than_200_characters_is_refused(news_index):
    page = NewsArticlePage(title="Lång", slug="lang", lead="x" * 201)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "lead" in error.value.message_dict


def test_lead_must_be_one_paragraph(news_index):
    page = NewsArticlePage(title="Två", slug="tva", lead="Första stycket.\n\nAndra stycket.")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "ett enda stycke" in " ".join(error.value.message_dict["lead"])


def test_lead_of_exactly_200_characters_is_accepted(news_index):
    NewsArticlePage(title="Exakt", slug="exakt", lead="å" * 200).full_clean(
        exclude=["path", "depth"]
    )


def test_listing_image_needs_alt_text(news_index):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Park", file=get_test_image_file())
    page = NewsArticlePage(title="Bild", slug="bild", lead="Ingress.", listing_image=image)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "listing_image_alt" in error.value.message_dict


def test_listing_is_newest_first_and_paginated(client, news_index):
    old = publish(NewsArticlePageFactory(parent=news_index, title="Gammal"), days_ago=10)
    middle = publish(NewsArticlePageFactory(parent=news_index, title="Mellan"), days_ago=5)
    new = publish(NewsArticlePageFactory(parent=news_index, title="Färsk"), days_ago=1)

    first = client.get(news_index.url)
    assert list(first.context["articles"]) == [new.page_ptr.specific, middle.page_ptr.specific]
    second = client.get(news_index.url, {"sida": 2})
    assert [a.pk for a in second.context["articles"]] == [old.pk]


@pytest.mark.parametrize("bad_page", ["abc", "-1", "9999", "1e9"])
def test_bad_page_numbers_fall_back_to_the_first_page(client, news_index, bad_page):
    publish(NewsArticlePageFactory(parent=news_index), days_ago=1)
    response = client.get(news_index.url, {"sida": bad_page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_topic_filter(client, news_index):
    environment = NewsArticlePageFactory(parent=news_index, title="Renare luft")
    environment.topics.add(*topics("Miljö"))
    environment.save()
    publish(environment, days_ago=1)
    publish(NewsArticlePageFactory(parent=news_index, title="Nytt bibliotek"), days_ago=2)

    slug = environment.topics.get().slug
    response = client.get(news_index.url, {"amne": slug})
    assert [a.title for a in response.context["articles"]] == ["Renare luft"]
    assert [t.name for t in response.context["topics"]] == ["Miljö"]
    unknown = client.get(news_index.url, {"amne": "finns-inte"})
    assert list(unknown.context["articles"]) == []


def test_unpublished_articles_stay_out_of_listings(client, news_index):
    draft = NewsArticlePageFactory(parent=news_index, title="Utkast", live=False)
    response = client.get(news_index.url)
    assert draft.title not in response.content.decode()


def test_article_page_shows_dates_lead_and_document_size(client, news_index):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Rapport om luftkvalitet")
    document.file.save("rapport.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2_600_000), save=False)
    document.save()
    article = NewsArticlePageFactory(
        parent=news_index,
        title="Renare luft i innerstaden",
        lead="Färre invånare andas in höga halter av kvävedioxid.",
        body=[
            ("paragraph", "<p>Halterna har sjunkit.</p>"),
            ("document", {"document": document, "title": ""}),
            ("fact_box", {"heading": "Fakta", "body": "<p>Mätt sedan 1990.</p>"}),
            ("quote", {"text": "Det är en fin utveckling.", "attribution": "Miljöchefen"}),
        ],
    )
    publish(article, days_ago=3)
    html = client.get(article.url).content.decode()
    assert "Färre invånare andas in höga halter av kvävedioxid." in html
    assert "(pdf, 2,6 MB)" in html
    assert "Publicerad" in html
    assert "<time" in html
    assert "Fakta" in html
    assert "Miljöchefen" in html


def test_removed_article_answers_404(client, news_index):
    article = publish(NewsArticlePageFactory(parent=news_index), days_ago=1)
    url = article.url
    Page.objects.get(pk=article.pk).unpublish()
    response = client.get(url)
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
