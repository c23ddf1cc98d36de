"""The contact-card block (core.blocks.ContactCardBlock) in a page's text: a chosen card or
one written into the block, with tap-to-call numbers and "Öppet nu" from the hours."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from wagtail.blocks import StructBlockValidationError

from kommunwebb.contacts.factories import ContactCardFactory
from kommunwebb.contacts.models import Days
from kommunwebb.core.blocks import HOURS_DAYS, ContactCardBlock
from kommunwebb.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SOCIAL_JOUR = {
    "name": "Social jour",
    "description": "Akut hjälp när kontoren har stängt.",
    "phone": "040-628 04 20",
    "hours": [{"days": "all", "opens": "16:00", "closes": "03:00"}],
}


def on_a_wednesday(hour, minute=0):
    return datetime(2026, 11, 25, hour, minute, tzinfo=STOCKHOLM)


def block_value(**value):
    block = ContactCardBlock()
    return block.to_python({"card": None, "name": "", "description": "", "phone": "", **value})


def test_the_block_offers_the_days_contact_cards_have():
    assert {value for value, _label in HOURS_DAYS} == {day.value for day in Days}


def test_a_block_needs_a_card_or_a_name_and_a_number():
    block = ContactCardBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block_value())
    assert set(error.value.block_errors) == {"name", "phone"}
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block_value(name="Social jour", phone="ring oss"))
    assert "phone" in error.value.block_errors
    card = ContactCardFactory()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block_value(card=card.pk, name="Social jour"))
    assert set(error.value.block_errors) == {"card"}
    assert block.clean(block_value(card=card.pk))["card"] == card
    assert block.clean(block_value(**SOCIAL_JOUR))["name"] == "Social jour"


def test_an_hours_row_needs_both_times_or_none():
    block = ContactCardBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block_value(**{**SOCIAL_JOUR, "hours": [{"days": "all", "opens": "16:00"}]}))
    closed = {**SOCIAL_JOUR, "hours": [{"days": "holidays", "opens": None, "closes": None}]}
    assert block.clean(block_value(**closed))


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (on_a_wednesday(12), "Stängt – öppnar i dag kl. 16.00"),
        (on_a_wednesday(16), "Öppet nu – stänger kl. 03.00"),
        (on_a_wednesday(23, 30), "Öppet nu – stänger kl. 03.00"),
        (datetime(2026, 11, 26, 2, 59, tzinfo=STOCKHOLM), "Öppet nu – stänger kl. 03.00"),
        (datetime(2026, 11, 26, 3, 0, tzinfo=STOCKHOLM), "Stängt – öppnar i dag kl. 16.00"),
    ],
)
def test_hours_written_in_the_block_say_whether_it_is_open(client, home, moment, status):
    page = StandardPageFactory(parent=home, body=[("contact_card", SOCIAL_JOUR)])
    with time_machine.travel(moment, tick=False):
        html = client.get(page.url).content.decode()
    assert '<h2 class="contact-card__name">Social jour</h2>' in html
    assert '<a href="tel:+46406280420">040-628 04 20</a>' in html
    assert status in html


def test_a_chosen_card_shows_its_own_numbers_and_hours(client, home):
    card = ContactCardFactory(name="Stödcentrum", hours=[(Days.WEEKDAYS, time(8), time(16))])
    page = StandardPageFactory(parent=home, body=[("contact_card", {"card": card})])
    with time_machine.travel(on_a_wednesday(9), tick=False):
        html = client.get(page.url).content.decode()
    assert "Stödcentrum" in html
    assert 'href="tel:+4640341000"' in html
    assert "Öppet nu – stänger kl. 16.00" in html


def test_an_unpublished_card_is_not_shown(client, home):
    card = ContactCardFactory(name="Stödcentrum")
    page = StandardPageFactory(parent=home, body=[("contact_card", {"card": card})])
    card.live = False
    card.save()
    assert "Stödcentrum" not in client.get(page.url).content.decode()


def test_a_cached_page_with_written_hours_is_kept_only_until_they_change(
    client, home, pagecache, commit
):
    with commit():
        page = StandardPageFactory(parent=home, body=[("contact_card", SOCIAL_JOUR)])
    with time_machine.travel(on_a_wednesday(15, 50), tick=False):
        response = client.get(page.url)
        assert "Stängt – öppnar i dag kl. 16.00" in response.content.decode()
        assert "s-maxage=600" in response["Cache-Control"]  # ten minutes to opening
    with time_machine.travel(on_a_wednesday(15, 59), tick=False):
        assert client.get(page.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(on_a_wednesday(16, 0), tick=False):
        response = client.get(page.url)
        assert response["X-Page-Cache"] == "miss"
        assert "Öppet nu – stänger kl. 03.00" in response.content.decode()


def test_written_hours_bound_every_page_that_shows_them(client, home, pagecache, commit):
    # A saved card's markup is shared by the pages showing it (contact_card.html); a card
    # written into a page is not: each page must learn when its hours change.
    with commit():
        pages = [
            StandardPageFactory(parent=home, body=[("contact_card", SOCIAL_JOUR)]) for _ in range(2)
        ]
    with time_machine.travel(on_a_wednesday(15, 50), tick=False):
        for page in pages:
            response = client.get(page.url)
            assert "Stängt – öppnar i dag kl. 16.00" in response.content.decode()
            assert "s-maxage=600" in response["Cache-Control"]


def test_both_kinds_of_block_can_be_translated(home):
    # wagtail-localize reads every block of a page it translates (kommunwebb/languages).
    from wagtail_localize.segments.extract import extract_segments

    card = ContactCardFactory(name="Stödcentrum")
    page = StandardPageFactory(
        parent=home, body=[("contact_card", SOCIAL_JOUR), ("contact_card", {"card": card})]
    )
    texts = {getattr(segment, "string", None) for segment in extract_segments(page)}
    texts = {text.data for text in texts if text is not None}
    assert {"Social jour", "Akut hjälp när kontoren har stängt.", "040-628 04 20"} <= texts
