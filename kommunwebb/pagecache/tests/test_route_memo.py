"""An address's route kept per content generation (memo.route): a later miss reads the one
page, and every change that moves, hides or protects a page is seen by the next request."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from kommunwebb.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

_asked = itertools.count()


def ask(client, url):
    """A miss every time: a query string the page cache has not seen."""
    return client.get(f"{url}?fraga={next(_asked)}")


@pytest.fixture
def section(home, commit):
    with commit():
        section = StandardPageFactory(parent=home, title="Bygga och bo", slug="bygga-och-bo")
        section.save_revision().publish()
    return section


@pytest.fixture
def page(section, commit):
    with commit():
        page = StandardPageFactory(parent=section, title="Bygglov", slug="bygglov")
        page.save_revision().publish()
    return page


def test_a_later_miss_reads_the_page_without_walking_the_tree(client, pagecache, page):
    assert ask(client, "/bygga-och-bo/bygglov/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = ask(client, "/bygga-och-bo/bygglov/")
    assert response.status_code == 200 and "Bygglov" in response.content.decode()
    sql = [query["sql"] for query in queries.captured_queries]
    # Wagtail's routing: the active locale, then each level's child by its slug.
    assert not any('FROM "wagtailcore_locale"' in q for q in sql)
    assert not any('"slug" = ' in q for q in sql)


def test_an_unpublished_page_is_gone_at_once(client, pagecache, commit, page):
    assert ask(client, "/bygga-och-bo/bygglov/").status_code == 200
    with commit():
        page.unpublish()
    assert ask(client, "/bygga-och-bo/bygglov/").status_code == 404


def test_a_moved_page_answers_at_its_new_address_only(client, pagecache, commit, home, page):
    ask(client, "/bygga-och-bo/bygglov/")
    with commit():
        other = StandardPageFactory(parent=home, title="Trafik", slug="trafik")
        other.save_revision().publish()
        page.move(other, pos="last-child")
    old = ask(client, "/bygga-och-bo/bygglov/")  # Wagtail's redirect from the old address
    assert old.status_code == 301 and old["Location"] == "/trafik/bygglov/"
    assert ask(client, "/trafik/bygglov/").status_code == 200


def test_a_renamed_parent_moves_the_address(client, pagecache, commit, section, page):
    ask(client, "/bygga-och-bo/bygglov/")
    with commit():
        section.slug = "bygga"
        section.save_revision().publish()
    old = ask(client, "/bygga-och-bo/bygglov/")
    assert old.status_code == 301 and old["Location"] == "/bygga/bygglov/"
    assert ask(client, "/bygga/bygglov/").status_code == 200


def test_a_page_made_private_asks_for_a_login(client, pagecache, commit, section, page):
    assert ask(client, "/bygga-och-bo/bygglov/").status_code == 200
    with commit():
        PageViewRestriction.objects.create(page=section, restriction_type="login")
    response = ask(client, "/bygga-och-bo/bygglov/")
    assert response.status_code == 302
    assert "Bygglov" not in response.content.decode()


def test_an_expired_page_is_gone_before_the_worker_unpublishes_it(client, pagecache, page):
    ask(client, "/bygga-och-bo/bygglov/")
    # The clock passes the expiry time; nothing is saved through Wagtail, nothing bumps.
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert ask(client, "/bygga-och-bo/bygglov/").status_code == 404


def test_a_draft_is_never_served(client, pagecache, commit, page):
    ask(client, "/bygga-och-bo/bygglov/")
    with commit():
        page.title = "Utkast om bygglov"
        page.save_revision()
    html = ask(client, "/bygga-och-bo/bygglov/").content.decode()
    assert "Utkast om bygglov" not in html and "Bygglov" in html


def test_a_page_published_at_an_unknown_address_is_found(client, pagecache, commit, section):
    assert ask(client, "/bygga-och-bo/strandskydd/").status_code == 404
    with commit():
        StandardPageFactory(parent=section, title="Strandskydd", slug="strandskydd")
    assert ask(client, "/bygga-och-bo/strandskydd/").status_code == 200
