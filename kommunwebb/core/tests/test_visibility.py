"""One rule for what a visitor may see (``core/visibility.py``), and a page past its
expiry time answering 404 before the task worker has unpublished it."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Page

from kommunwebb.alerts.factories import AlertFactory
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.core.visibility import is_visible, next_page_expiry, visible
from kommunwebb.testing.hidden import KINDS, hidden_pages

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_the_queryset_and_the_single_object_agree(home):
    shown = publish(StandardPageFactory(parent=home, title="Synlig"))
    hidden = hidden_pages(StandardPageFactory, home)
    assert set(hidden) == set(KINDS)
    assert list(visible(Page.objects.child_of(home))) == [shown.page_ptr]
    assert is_visible(shown)
    assert [kind for kind, page in hidden.items() if is_visible(page)] == []


def test_below_a_private_page_everything_is_private(home):
    hidden = hidden_pages(StandardPageFactory, home)
    below = publish(StandardPageFactory(parent=hidden["privat"], title="Under"))
    assert not is_visible(below)
    assert not visible(Page.objects.filter(pk=below.pk)).exists()


def test_a_snippet_is_visible_while_live_and_not_expired():
    now = timezone.now()
    assert is_visible(AlertFactory())
    assert not is_visible(AlertFactory(live=False))
    assert not is_visible(AlertFactory(expire_at=now), now=now)
    assert is_visible(AlertFactory(expire_at=now + timedelta(seconds=1)), now=now)
    assert not is_visible(None)


def test_a_page_answers_404_from_its_expiry_time(client, home):
    now = timezone.now()
    page = StandardPageFactory(parent=home, title="Tillfällig")
    page.expire_at = now + timedelta(hours=1)
    publish(page)
    assert client.get(page.url).status_code == 200
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        assert client.get(page.url).status_code == 404


def test_the_next_page_expiry_is_a_page_cache_deadline(home):
    now = timezone.now()
    page = StandardPageFactory(parent=home)
    page.expire_at = now + timedelta(hours=2)
    publish(page)
    draft = StandardPageFactory(parent=home, live=False)
    draft.expire_at = now + timedelta(hours=1)
    draft.save()
    assert next_page_expiry(now) == now + timedelta(hours=2)


def test_an_open_site_serves_pages_without_asking_for_restrictions(client, pagecache, commit, home):
    """Restrictions are read once per content generation; a new one applies at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    section = publish(StandardPageFactory(parent=home, title="Avdelning"))
    page = publish(StandardPageFactory(parent=section, title="Under"))
    client.get(page.url + "?forst=1")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url + "?sedan=1").status_code == 200
    assert not [q for q in queries.captured_queries if "pageviewrestriction" in q["sql"]]
    with commit():
        PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert client.get(page.url + "?till-sist=1").status_code == 302
