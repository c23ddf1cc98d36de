"""Topics as a managed vocabulary (issue 11, part 12): the list the web editor curates under
"Ämnen", used by articles, topic pages, the news listing, the feeds and the search filter,
and the migration of the free-text tags that came before it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Revision

from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.news.models import NewsArticlePage
from kommunwebb.taxonomy.factories import TopicFactory
from kommunwebb.taxonomy.models import Topic
from kommunwebb.testing.migrations import migrated_back, tree_root
from kommunwebb.topics.factories import TopicPageFactory
from kommunwebb.topics.models import TopicPage


@pytest.mark.django_db
def test_a_topic_gets_an_ascii_slug_that_no_other_topic_has():
    first = Topic.objects.create(name="Miljö och hälsa")
    second = Topic.objects.create(name="Miljö & hälsa")
    assert first.slug == "miljo-och-halsa"
    assert second.slug == "miljo-halsa"
    third = Topic.objects.create(name="Miljö  och hälsa!")
    assert third.slug == "miljo-och-halsa-2"


@pytest.mark.django_db
def test_the_web_editor_curates_the_list_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_taxonomy_topic:add"),
        {"name": "Äldreomsorg", "slug": "", "description": ""},
    )
    assert response.status_code == 302
    assert Topic.objects.get(name="Äldreomsorg").slug == "aldreomsorg"
    listing = admin_client.get(reverse("wagtailsnippets_taxonomy_topic:list"))
    html = BeautifulSoup(listing.content, "html.parser")
    assert "Äldreomsorg" in html.select_one("main").get_text()
    assert html.select_one("title").get_text().startswith("Ämnen")
    # A second topic with the same name is refused with a Swedish message.
    again = admin_client.post(
        reverse("wagtailsnippets_taxonomy_topic:add"),
        {"name": "Äldreomsorg", "slug": "", "description": ""},
    )
    assert again.status_code == 200
    assert "finns redan" in again.content.decode()


@pytest.mark.django_db
def test_editors_choose_topics_from_the_list_not_free_text(admin_client, home):
    index = NewsIndexPageFactory(parent=home)
    environment = TopicFactory(name="Miljö")
    TopicFactory(name="Kultur")
    response = admin_client.get(f"/admin/pages/add/news/newsarticlepage/{index.pk}/")
    html = BeautifulSoup(response.content, "html.parser")
    boxes = html.select('input[type="checkbox"][name="topics"]')
    assert sorted(box.find_parent("label").get_text(strip=True) for box in boxes) == [
        "Kultur",
        "Miljö",
    ]
    assert html.select_one('input[name="tags"]') is None
    response = admin_client.post(
        f"/admin/pages/add/news/newsarticlepage/{index.pk}/",
        {
            "title": "Renare luft",
            "slug": "renare-luft",
            "lead": "Luften blev renare.",
            "listing_image_alt": "",
            "body-count": "0",
            "topics": [str(environment.pk)],
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="renare-luft")
    assert [topic.name for topic in article.topics.all()] == ["Miljö"]


@pytest.mark.django_db
def test_listings_feeds_and_search_use_the_vocabulary(client, home):
    index = NewsIndexPageFactory(parent=home)
    environment = TopicFactory(name="Miljö")
    article = NewsArticlePageFactory(parent=index, title="Renare luft i centrum")
    article.topics.add(environment)
    article.save_revision().publish()
    other = NewsArticlePageFactory(parent=index, title="Nytt bibliotek öppnar")
    other.save_revision().publish()
    TopicPageFactory(parent=home, title="Miljö och klimat", topic=environment)

    listing = client.get(index.url, {"amne": environment.slug})
    assert [a.title for a in listing.context["articles"]] == ["Renare luft i centrum"]
    feed = client.get(reverse("topic_rss", args=[environment.slug])).content.decode()
    assert "Renare luft i centrum" in feed and "Nytt bibliotek" not in feed
    search = client.get("/sok/", {"amne": environment.slug})
    assert search.context["topic"] == environment
    assert environment in search.context["topics"]


@pytest.mark.django_db
def test_renaming_a_topic_renames_it_everywhere(client, home):
    index = NewsIndexPageFactory(parent=home)
    topic = TopicFactory(name="Miljo")  # misspelt once, corrected once, for every article
    article = NewsArticlePageFactory(parent=index, title="Renare luft")
    article.topics.add(topic)
    article.save_revision().publish()
    topic.name = "Miljö"
    topic.save()
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    chips = [chip.contents[0].strip() for chip in html.select(".article__tags .chip")]
    assert chips == ["Miljö"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_article_tags_into_topics_in_pages_and_revisions():
    root = tree_root()
    index = NewsIndexPageFactory(parent=root)
    article = NewsArticlePageFactory(parent=index, title="Renare luft")
    untagged = NewsArticlePageFactory(parent=index, title="Ny simhall")
    revision = article.save_revision()
    with migrated_back("news", "0002_image_block_decorative") as old_apps:
        old_tag = old_apps.get_model("taggit", "Tag")
        old_link = old_apps.get_model("news", "NewsTag")
        environment = old_tag.objects.create(name="Miljö", slug="miljo")
        health = old_tag.objects.create(name="Hälsa", slug="hälsa")  # a Unicode slug
        for tag in (environment, health):
            old_link.objects.create(content_object_id=article.pk, tag_id=tag.pk)
        content = dict(revision.content)
        content.pop("topics", None)
        content["tagged_items"] = [
            {"pk": None, "tag": environment.pk, "content_object": article.pk}
        ]
        Revision.objects.filter(pk=revision.pk).update(content=content)

    topics = {topic.name: topic.slug for topic in Topic.objects.all()}
    assert topics == {"Miljö": "miljo", "Hälsa": "halsa"}
    article = NewsArticlePage.objects.get(pk=article.pk)
    assert sorted(topic.name for topic in article.topics.all()) == ["Hälsa", "Miljö"]
    assert not NewsArticlePage.objects.get(pk=untagged.pk).topics.exists()
    stored = Revision.objects.get(pk=revision.pk)
    assert "tagged_items" not in stored.content
    assert [topic.name for topic in stored.as_object().topics.all()] == ["Miljö"]
    # The tags themselves are left alone: images and documents use taggit too.
    assert Tag.objects.filter(name="Miljö").exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_points_topic_pages_at_the_topic_of_their_tag():
    root = tree_root()
    page = TopicPageFactory(parent=root, title="Trygghet")
    without = TopicPageFactory(parent=root, title="Kultur")
    revision = page.save_revision()
    with migrated_back("topics", "0002_image_block_decorative") as old_apps:
        tag = old_apps.get_model("taggit", "Tag").objects.create(name="Trygghet", slug="trygghet")
        old_apps.get_model("topics", "TopicPage").objects.filter(pk=page.pk).update(topic=tag.pk)
        Revision.objects.filter(pk=revision.pk).update(
            content={**revision.content, "topic": tag.pk}
        )
    page = TopicPage.objects.get(pk=page.pk)
    assert page.topic.name == "Trygghet"
    assert TopicPage.objects.get(pk=without.pk).topic is None
    assert Revision.objects.get(pk=revision.pk).as_object().topic == page.topic
