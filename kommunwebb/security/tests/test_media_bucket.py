"""Media in an S3-compatible bucket (core/storage.py), against moto's S3 server started on
loopback by the test (never the internet): images, renditions and documents land in the
bucket, every object private; the site serves them itself, with the same checks of a
restricted collection as on local disk; ``manage.py copy_media_to_bucket`` is idempotent."""

import logging
import secrets
from io import StringIO

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from moto.server import ThreadedMotoServer
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import ImageFactory

from kommunwebb.testing.services import free_port

pytestmark = pytest.mark.django_db
KEYS = {"aws_access_key_id": "kommunwebb", "aws_secret_access_key": "kommunwebb-test-only"}
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.fixture(scope="module")
def s3_endpoint():
    # moto's server logs every request it answers.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    # Loopback only, whatever proxy the environment names.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    name = f"kommunwebb-{secrets.token_hex(4)}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-north-1", **KEYS)
    client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "kommunwebb.core.storage.PrivateMediaStorage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": "eu-north-1",
                "access_key": KEYS["aws_access_key_id"],
                "secret_key": KEYS["aws_secret_access_key"],
            },
        },
    }
    client.bucket = name
    return client


def keys(bucket) -> list[str]:
    listing = bucket.list_objects_v2(Bucket=bucket.bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def public(bucket, key) -> bool:
    grants = bucket.get_object_acl(Bucket=bucket.bucket, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI") == ALL_USERS for grant in grants)


def test_images_and_renditions_are_in_the_bucket_private_and_served_by_the_site(client, bucket):
    image = ImageFactory(title="Torget")
    rendition = image.get_rendition("fill-80x60")
    stored = keys(bucket)
    assert image.file.name in stored
    assert rendition.file.name in stored
    assert image.file.name.startswith("original_images/")
    assert rendition.file.name.startswith("images/")
    assert not any(public(bucket, key) for key in stored)
    # Addresses on this site, never the bucket's.
    assert rendition.url == "/media/" + rendition.file.name
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png" or response["Content-Type"].startswith("image/")
    body = bucket.get_object(Bucket=bucket.bucket, Key=rendition.file.name)["Body"].read()
    assert b"".join(response.streaming_content) == body
    assert client.get("/media/images/saknas.png").status_code == 404


def test_a_private_document_is_served_only_through_wagtails_view(client, bucket, django_user_model):
    internal = Collection.get_first_root_node().add_child(name="Internt")
    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.LOGIN
    )
    doc = Document(title="Rapport", collection=internal)
    doc.file.save("rapport.pdf", ContentFile(b"%PDF-1.4 internt"), save=False)
    doc.save()
    assert doc.file.name in keys(bucket)
    assert not public(bucket, doc.file.name)
    response = client.get(doc.url)
    assert response.status_code == 302  # to the login page
    assert client.get("/media/" + doc.file.name).status_code == 404
    client.force_login(django_user_model.objects.create_user("anna", password="x" * 16))
    response = client.get(doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 internt"


def test_an_image_in_a_restricted_collection_is_not_served_to_visitors(client, bucket):
    internal = Collection.get_first_root_node().add_child(name="Ritningar")
    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.LOGIN
    )
    hidden = ImageFactory(title="Ritning", collection=internal)
    assert hidden.file.name in keys(bucket)
    assert client.get("/media/" + hidden.file.name).status_code == 404


def test_copying_local_media_into_the_bucket_is_idempotent(bucket, tmp_path):
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "torget.jpg").write_bytes(b"jpeg" * 10)
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "budget.pdf").write_bytes(b"%PDF-1.4 budget")
    out = StringIO()
    call_command("copy_media_to_bucket", source=tmp_path, stdout=out)
    assert out.getvalue().strip() == "2 filer kopierade, 0 fanns redan i lagringen."
    assert keys(bucket) == ["documents/budget.pdf", "original_images/torget.jpg"]
    assert not any(public(bucket, key) for key in keys(bucket))
    # Again, after one file changed on disk: only that one is copied.
    (tmp_path / "documents" / "budget.pdf").write_bytes(b"%PDF-1.4 budget, reviderad")
    out = StringIO()
    call_command("copy_media_to_bucket", source=tmp_path, stdout=out)
    assert out.getvalue().strip() == "1 fil kopierad, 1 fanns redan i lagringen."
    body = bucket.get_object(Bucket=bucket.bucket, Key="documents/budget.pdf")["Body"].read()
    assert body == b"%PDF-1.4 budget, reviderad"


def test_copying_needs_a_bucket(settings, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="KOMMUNWEBB_MEDIA_S3_BUCKET"):
        call_command("copy_media_to_bucket", source=tmp_path, stdout=StringIO())
