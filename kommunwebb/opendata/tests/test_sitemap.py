from pathlib import Path

import pytest
from django.urls import reverse
from lxml import etree

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "fixtures" / "sitemap.xsd")))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_validates_and_lists_live_pages_with_lastmod(client, news, event):
    from wagtail.models import Page

    # Factories create the home and index pages without publishing them (no dates).
    for page in Page.objects.filter(depth__gt=1, last_published_at__isnull=True):
        page.specific.save_revision().publish()
    news[2].unpublish()
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    document = etree.fromstring(response.content)
    SCHEMA.assertValid(document)
    locations = document.xpath("//s:url/s:loc/text()", namespaces=NS)
    assert any(loc.endswith(news[0].url) for loc in locations)
    assert any(loc.endswith(event.url) for loc in locations)
    assert not any(loc.endswith(news[2].url) for loc in locations)
    lastmods = document.xpath("//s:url/s:lastmod/text()", namespaces=NS)
    assert len(lastmods) == len(locations)
    assert "public" in response["Cache-Control"]


def test_schema_rejects_a_broken_sitemap():
    bad = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><lastmod>yesterday</lastmod></url></urlset>"
    )
    assert not SCHEMA.validate(bad)


def test_robots_txt(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /sok/" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
