"""The migration of a topic page's image blocks to Wagtail's ImageBlock."""

import pytest
from wagtail.models import Revision
from wagtail_factories import ImageFactory

from kommunwebb.testing.images import assert_converted, legacy_body
from kommunwebb.testing.migrations import (
    migrated_back,
    tree_root,
    write_raw_stream,
    write_revision_content,
)
from kommunwebb.topics.factories import TopicPageFactory
from kommunwebb.topics.models import TopicPage


@pytest.mark.django_db(transaction=True)
def test_the_migration_converts_live_content_and_revisions():
    root = tree_root()  # first: the image needs the root collection
    image = ImageFactory()
    topic = TopicPageFactory(parent=root)
    revision = topic.save_revision()
    with migrated_back("topics", "0001_initial") as old_apps:
        old_topic = old_apps.get_model("topics", "TopicPage")
        write_raw_stream(old_topic, topic.pk, "body", legacy_body(image.pk))
        write_revision_content(revision, body=legacy_body(image.pk))
    assert_converted(TopicPage.objects.get(pk=topic.pk).body, image.pk)
    assert_converted(Revision.objects.get(pk=revision.pk).as_object().body, image.pk)
