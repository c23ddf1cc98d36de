"""The article's main image: alternative text, or an explicit decorative flag (which used
to be "-" as the alternative text), and the migration of stored articles."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Revision
from wagtail_factories import ImageFactory

from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.news.models import NewsArticlePage
from kommunwebb.testing.images import assert_converted, legacy_body
from kommunwebb.testing.migrations import (
    migrated_back,
    tree_root,
    write_raw_stream,
    write_revision_content,
)


@pytest.mark.django_db
def test_a_main_image_needs_alt_text_or_the_decorative_flag():
    page = NewsArticlePage(title="Bild", slug="bild", lead="Ingress.", listing_image=ImageFactory())
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert "dekorativ" in " ".join(error.value.message_dict["listing_image_alt"])
    page.listing_image_decorative = True
    page.listing_image_alt = "skrivet före kryssrutan"
    page.full_clean(exclude=["path", "depth"])
    assert page.listing_image_alt == ""  # a decorative image has no alternative text


@pytest.mark.django_db
def test_decorative_main_image_has_empty_alt_in_the_article_and_the_listing(client, home):
    news = NewsIndexPageFactory(parent=home)
    article = NewsArticlePageFactory(
        parent=news, listing_image=ImageFactory(), listing_image_decorative=True
    )
    article.save_revision().publish()
    for url in (article.url, news.url):
        html = BeautifulSoup(client.get(url).content, "html.parser")
        (img,) = html.select("main img")
        assert img["alt"] == ""
    head = BeautifulSoup(client.get(article.url).content, "html.parser").head
    assert head.select_one('meta[property="og:image"]')
    assert head.select_one('meta[property="og:image:alt"]') is None


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_a_dash_into_the_flag_in_pages_and_revisions():
    root = tree_root()  # first: the image needs the root collection
    image = ImageFactory()
    index = NewsIndexPageFactory(parent=root)
    article = NewsArticlePageFactory(
        parent=index, listing_image=image, listing_image_alt="Lövträd i höstfärger"
    )
    described = NewsArticlePageFactory(
        parent=index, listing_image=image, listing_image_alt="Kajen i solnedgången"
    )
    revision = article.save_revision()
    with migrated_back("news", "0001_initial") as old_apps:
        old_article = old_apps.get_model("news", "NewsArticlePage")
        old_article.objects.filter(pk=article.pk).update(listing_image_alt=" - ")
        write_raw_stream(old_article, article.pk, "body", legacy_body(image.pk))
        write_revision_content(revision, listing_image_alt="-", body=legacy_body(image.pk))

    article = NewsArticlePage.objects.get(pk=article.pk)
    assert (article.listing_image_alt, article.listing_image_decorative) == ("", True)
    assert_converted(article.body, image.pk)
    described = NewsArticlePage.objects.get(pk=described.pk)
    assert (described.listing_image_alt, described.listing_image_decorative) == (
        "Kajen i solnedgången",
        False,
    )
    stored = Revision.objects.get(pk=revision.pk).as_object()
    assert (stored.listing_image_alt, stored.listing_image_decorative) == ("", True)
    assert_converted(stored.body, image.pk)
