import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

pytestmark = pytest.mark.django_db


def test_pages_api_lists_live_public_pages(client, news):
    news[2].unpublish()
    PageViewRestriction.objects.create(
        page=news[1], restriction_type=PageViewRestriction.PASSWORD, password="hemligt1234"
    )
    response = client.get("/api/v2/pages/", {"type": "news.NewsArticlePage", "fields": "lead"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"]
    data = response.json()
    assert [item["title"] for item in data["items"]] == [news[0].title]
    assert data["items"][0]["lead"] == news[0].lead


def test_page_detail(client, news):
    response = client.get(f"/api/v2/pages/{news[0].pk}/")
    assert response.status_code == 200
    assert response.json()["meta"]["html_url"].endswith(news[0].url)
    assert client.get("/api/v2/pages/999999/").status_code == 404
    assert client.get(f"/api/v2/pages/{10**30}/").status_code == 404


def test_api_is_read_only(client, news):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v2/pages/{news[0].pk}/").status_code == 405


def test_bad_api_input_is_a_400(client, news):
    assert client.get("/api/v2/pages/", {"type": "finns.Inte"}).status_code == 400
    assert client.get("/api/v2/pages/", {"limit": "abc"}).status_code == 400
    response = client.get("/api/v2/pages/", {"search": '"luft AND ((('})
    assert response.status_code == 200
    for params in ({"slug": "a\x00b"}, {"search": "luft\x00"}, {"x\x00": "1"}):
        assert client.get("/api/v2/pages/", params).status_code == 400


def test_images_and_documents(client, home):
    from wagtail.documents.models import Document
    from wagtail_factories import DocumentFactory, ImageFactory

    ImageFactory(title="Torget")
    DocumentFactory(title="Rapport om luften")
    root = Collection.get_first_root_node()
    private = root.add_child(name="Internt")
    restricted = Document.objects.create(title="Intern rapport", collection=private)
    restricted.file.save("intern.txt", __import__("io").BytesIO(b"x"))
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x" * 12
    )
    images = client.get("/api/v2/images/").json()
    assert [item["title"] for item in images["items"]] == ["Torget"]
    documents = client.get("/api/v2/documents/").json()
    assert [item["title"] for item in documents["items"]] == ["Rapport om luften"]


def test_each_page_type_publishes_what_its_page_shows(client, home, news, event, topic_page):
    """The fields each model declares in ``api_fields``, in a page's detail."""
    from kommunwebb.core.factories import StandardPageFactory

    standard = StandardPageFactory(parent=home, title="Om webbplatsen")
    standard.save_revision().publish()
    expected = {
        home: ["intro"],
        standard: ["intro", "body"],
        topic_page: ["intro", "services", "body"],
        news[0]: ["lead", "body", "tags", "listing_image", "listing_image_alt"],
        event: [
            "lead",
            "body",
            "occurrences",
            "venue",
            "address",
            "price",
            "price_note",
            "audience",
            "organiser",
            "registration_url",
            "categories",
            "audiences",
            "wheelchair_accessible",
            "hearing_loop",
            "image",
            "image_alt",
        ],
    }
    for page, fields in expected.items():
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert list(data)[3:] == fields, page.title
    occurrence = client.get(f"/api/v2/pages/{event.pk}/").json()["occurrences"][0]
    assert list(occurrence)[2:] == ["title", "all_day", "start", "end"]
    assert news[0].topics.get().name in client.get(f"/api/v2/pages/{news[0].pk}/").json()["tags"]
