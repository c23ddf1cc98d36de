"""Documents and images in a restricted collection are never served from a public path."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def internal():
    """A collection only logged-in users may see."""
    collection = Collection.get_first_root_node().add_child(name="Internt")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def document(title, collection=None):
    doc = Document(title=title, collection=collection or Collection.get_first_root_node())
    doc.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 x"), save=False)
    doc.save()
    return doc


def direct(doc_or_image):
    return "/media/" + doc_or_image.file.name


def test_documents_are_reached_only_through_wagtails_view(client, media_root):
    public = document("budget")
    assert client.get(public.url).status_code == 200
    assert public.url.startswith("/dokument/")
    assert client.get(direct(public)).status_code == 404


def test_a_document_moved_into_a_restricted_collection_is_not_served_anywhere(
    client, media_root, internal
):
    doc = document("rapport")
    assert client.get(doc.url).status_code == 200
    doc.collection = internal
    doc.save()
    response = client.get(doc.url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or "login" in response["Location"]
    assert client.get(direct(doc)).status_code == 404
    assert (
        client.get("/media/./documents/../documents/" + doc.file.name.split("/")[-1]).status_code
        == 404
    )


def test_images_in_a_restricted_collection_only_for_those_who_pass_it(
    client, media_root, internal, django_user_model
):
    public = ImageFactory(title="Torget")
    hidden = ImageFactory(title="Ritning", collection=internal)
    rendition = hidden.get_rendition("width-100")
    assert client.get(direct(public)).status_code == 200
    assert client.get(direct(public))["Cache-Control"].startswith("private")
    assert client.get(direct(hidden)).status_code == 404
    assert client.get("/media/" + rendition.file.name).status_code == 404
    client.force_login(django_user_model.objects.create_user("anna", password="x" * 16))
    assert client.get(direct(hidden)).status_code == 200
    assert client.get("/media/" + rendition.file.name).status_code == 200


def test_the_api_lists_no_image_of_a_restricted_collection(client, media_root, internal):
    ImageFactory(title="Torget")
    ImageFactory(title="Ritning", collection=internal)
    titles = [item["title"] for item in client.get("/api/v2/images/").json()["items"]]
    assert titles == ["Torget"]


def test_a_file_that_does_not_exist_is_a_404(client, media_root):
    assert client.get("/media/original_images/finns-inte.jpg").status_code == 404
