"""The event's image: alternative text, or an explicit decorative flag (which used to be
"-" as the alternative text), and the migration of stored events."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Revision
from wagtail_factories import ImageFactory

from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.events.models import EventPage
from kommunwebb.testing.images import assert_converted, legacy_body
from kommunwebb.testing.migrations import (
    migrated_back,
    tree_root,
    write_raw_stream,
    write_revision_content,
)


@pytest.mark.django_db
def test_an_image_needs_alt_text_or_the_decorative_flag():
    event = EventPage(
        title="Konsert", slug="konsert", lead="Musik.", venue="Torget", organiser="Kommunen"
    )
    event.image = ImageFactory()
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["path", "depth"])
    assert "dekorativ" in " ".join(error.value.message_dict["image_alt"])
    event.image_decorative = True
    event.image_alt = "-"
    event.full_clean(exclude=["path", "depth"])
    assert event.image_alt == ""


@pytest.mark.django_db
def test_a_decorative_image_has_empty_alt_and_a_described_one_its_text(client, home):
    calendar = EventIndexPageFactory(parent=home)
    shown = {}
    for slug, changes in {
        "dekor": {"image_decorative": True},
        "beskriven": {"image_alt": "Lyktor på Rådhustorget"},
    }.items():
        event = EventPageFactory(parent=calendar, slug=slug, image=ImageFactory(), **changes)
        EventOccurrenceFactory(event=event)
        event.save_revision().publish()
        html = BeautifulSoup(client.get(event.url).content, "html.parser")
        shown[slug] = [img["alt"] for img in html.select("main img")]
    assert shown == {"dekor": [""], "beskriven": ["Lyktor på Rådhustorget"]}


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_a_dash_into_the_flag_in_pages_and_revisions():
    root = tree_root()  # first: the image needs the root collection
    image = ImageFactory()
    calendar = EventIndexPageFactory(parent=root)
    event = EventPageFactory(parent=calendar, image=image, image_alt="Lyktor")
    revision = event.save_revision()
    with migrated_back("events", "0001_initial") as old_apps:
        old_event = old_apps.get_model("events", "EventPage")
        old_event.objects.filter(pk=event.pk).update(image_alt="-")
        write_raw_stream(old_event, event.pk, "body", legacy_body(image.pk))
        write_revision_content(revision, image_alt="-", body=legacy_body(image.pk))

    for stored in (
        EventPage.objects.get(pk=event.pk),
        Revision.objects.get(pk=revision.pk).as_object(),
    ):
        assert (stored.image_alt, stored.image_decorative) == ("", True)
        assert_converted(stored.body, image.pk)
