"""A political body's page: coming meetings, minutes of past ones as documents, and the
moment a meeting moves from one list to the other."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from kommunwebb.politics.factories import CommitteePageFactory
from kommunwebb.politics.models import Meeting, next_meeting_start
from kommunwebb.services.factories import ServiceAreaPageFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=STOCKHOLM)


def document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n" + b"x" * 2000, name="protokoll.pdf")
    )


@pytest.fixture
def committee(home):
    area = ServiceAreaPageFactory(parent=home, slug="kommun-och-politik")
    return CommitteePageFactory(parent=area, title="Kommunfullmäktige", slug="kf")


def meeting(committee, start, **fields):
    return Meeting.objects.create(page=committee, start=start, place="Rådhussalen", **fields)


@time_machine.travel(NOW, tick=False)
def test_meetings_split_into_coming_and_past_at_their_start(client, committee):
    earlier = meeting(committee, NOW - timedelta(days=30), minutes=document("Protokoll okt"))
    later = meeting(committee, NOW - timedelta(days=2))
    coming = meeting(committee, NOW + timedelta(days=21), note="Öppet för allmänheten")
    assert committee.upcoming_meetings() == [coming]
    assert committee.past_meetings() == [later, earlier]

    body = client.get(committee.url).content.decode()
    assert "Kommande sammanträden" in body
    assert "Öppet för allmänheten" in body
    assert "Protokoll 26 oktober 2026" in body
    assert "(pdf, 2,0 kB)" in body
    assert "Protokollet publiceras när det är justerat." in body


@time_machine.travel(NOW, tick=False)
def test_a_meeting_that_has_not_been_held_cannot_have_minutes(committee):
    future = Meeting(
        page=committee,
        start=NOW + timedelta(days=7),
        place="Rådhussalen",
        minutes=document("För tidigt"),
    )
    with pytest.raises(ValidationError) as error:
        future.full_clean()
    assert "inte har hållits" in str(error.value)


def test_the_next_meeting_start_is_a_deadline_of_published_bodies_only(committee, home):
    meeting(committee, NOW + timedelta(days=3))
    meeting(committee, NOW + timedelta(days=1))
    draft = CommitteePageFactory(parent=committee.get_parent(), live=False)
    meeting(draft, NOW + timedelta(hours=2))
    assert next_meeting_start(NOW) == NOW + timedelta(days=1)
    assert next_meeting_start(NOW + timedelta(days=5)) is None


def test_the_deadline_is_registered_with_the_page_cache():
    from kommunwebb.pagecache import invalidation

    assert next_meeting_start in invalidation._deadlines
