import json

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from kommunwebb.opendata.structured import to_json

pytestmark = pytest.mark.django_db


def head(page=None, path="/", **context):
    request = RequestFactory().get(path)
    html = render_to_string("opendata/head.html", {"page": page, **context}, request=request)
    return BeautifulSoup(html, "html.parser")


def json_ld(soup):
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def og(soup):
    return {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}


def test_to_json_cannot_close_the_script_element():
    text = to_json({"headline": "</script><script>alert(1)</script> & co"})
    assert "</script>" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["headline"].startswith("</script>")


def test_every_page_advertises_the_feeds_and_calendar(home):
    links = head(home).find_all("link", rel="alternate")
    types = [link["type"] for link in links]
    assert types == ["application/rss+xml", "application/atom+xml", "text/calendar"]
    assert [link["href"] for link in links] == [
        "/flode/nyheter.rss",
        "/flode/nyheter.atom",
        "/kalender/evenemang.ics",
    ]
    assert all(link["title"] for link in links)


def test_home_page_describes_the_organisation(home):
    from wagtail.models import Site

    from kommunwebb.core.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Sundhamns kommun"
    site_settings.phone = "0123-45 67 00"
    site_settings.visiting_address = "Stortorget 1, Sundhamn"
    site_settings.save()
    (org,) = json_ld(head(home))
    assert org["@context"] == "https://schema.org"
    assert org["@type"] == "GovernmentOrganization"
    assert org["name"] == "Sundhamns kommun"
    assert org["url"] == "http://testserver/"
    assert org["telephone"] == "0123-45 67 00"
    assert org["address"]["streetAddress"] == "Stortorget 1, Sundhamn"


def test_news_article_json_ld_and_open_graph(news):
    article = news[0]
    soup = head(article, path=article.url)
    (data,) = json_ld(soup)
    assert data["@type"] == "NewsArticle"
    for required in ("headline", "datePublished", "dateModified", "author", "publisher", "url"):
        assert data[required], required
    assert data["headline"] == article.title
    assert data["author"]["@type"] == "GovernmentOrganization"
    assert data["keywords"] == ["Miljö"]
    properties = og(soup)
    assert properties["og:type"] == "article"
    assert properties["og:title"] == article.title
    assert properties["og:url"] == f"http://testserver{article.url}"
    assert properties["og:locale"] == "sv_SE"
    assert properties["og:description"] == article.lead
    assert "article:published_time" in properties


def test_news_article_image_in_open_graph(news):
    from wagtail_factories import ImageFactory

    article = news[0]
    article.listing_image = ImageFactory()
    article.listing_image_alt = "Stadens siluett"
    publish_revision = article.save_revision()
    publish_revision.publish()
    article.refresh_from_db()
    soup = head(article, path=article.url)
    properties = og(soup)
    assert properties["og:image"].startswith("http://testserver/")
    assert properties["og:image:alt"] == "Stadens siluett"
    (data,) = json_ld(soup)
    assert data["image"] == [properties["og:image"]]


def test_event_json_ld_has_one_event_per_upcoming_occurrence(event):
    soup = head(event, path=event.url)
    events = json_ld(soup)
    assert len(events) == 3
    for data in events:
        assert data["@type"] == "Event"
        for required in ("name", "startDate", "location"):
            assert data[required], required
        assert data["location"]["@type"] == "Place"
        assert data["location"]["name"] == "Rådhustorget"
        assert data["location"]["address"]["streetAddress"] == "Stortorget 1, Sundhamn"
        assert data["organizer"]["name"] == "Sundhamns kommun"
        assert data["isAccessibleForFree"] is True
    starts = [data["startDate"] for data in events]
    assert "2030-07-01T18:00:00+02:00" in starts
    assert "2030-12-13" in starts  # all-day: a date
    calendar_link = soup.find_all("link", type="text/calendar")[-1]
    assert calendar_link["href"] == f"/kalender/evenemang/{event.pk}.ics"


def test_topic_page_advertises_its_topic_feed(topic_page):
    links = head(topic_page, path=topic_page.url).find_all("link", rel="alternate")
    hrefs = [link["href"] for link in links]
    slug = topic_page.topic.slug
    assert reverse("topic_rss", args=[slug]) in hrefs
    assert reverse("topic_atom", args=[slug]) in hrefs


def test_views_without_a_page_get_only_the_links(home):
    soup = head(None, path="/sok/")
    assert json_ld(soup) == []
    assert og(soup) == {}
    assert len(soup.find_all("link", rel="alternate")) == 3


def test_the_feeds_and_organisation_are_worked_out_once_per_generation(
    pagecache, monkeypatch, news, event
):
    from kommunwebb.opendata.templatetags import opendata_tags

    calls = []
    feed_links = opendata_tags.feed_links
    monkeypatch.setattr(
        opendata_tags, "feed_links", lambda *args: calls.append(args) or feed_links(*args)
    )
    own_calendar = f"/kalender/evenemang/{event.pk}.ics"
    for page in (event, news[0], event, news[1]):
        hrefs = [link["href"] for link in head(page, path=page.url).find_all("link")]
        # The event's own calendar is its own: never added to the list the pages share.
        assert hrefs.count(own_calendar) == (1 if page == event else 0)
        assert json_ld(head(page, path=page.url))
    assert len(calls) == 1
