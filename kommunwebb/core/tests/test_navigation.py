"""The main menu and the breadcrumbs on every page: two levels of menu that work without
JavaScript, only live and public pages in it, and a first crumb that says where it goes."""

import re

import pytest
from wagtail.models import PageViewRestriction

from kommunwebb.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def html(client, url):
    return client.get(url).content.decode()


def menu(body):
    start = body.index('<nav class="primary-nav"')
    return body[start : body.index("</nav>", start)]


@pytest.fixture
def tree(home):
    area = StandardPageFactory(parent=home, title="Barn och utbildning", show_in_menus=True)
    service = StandardPageFactory(parent=area, title="Förskola", show_in_menus=True)
    StandardPageFactory(parent=area, title="Inte i menyn", show_in_menus=False)
    StandardPageFactory(parent=area, title="Utkast", show_in_menus=True, live=False)
    private = StandardPageFactory(parent=area, title="Intranät", show_in_menus=True)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    outside = StandardPageFactory(parent=home, title="Utanför menyn", show_in_menus=False)
    StandardPageFactory(parent=outside, title="Föräldralös", show_in_menus=True)
    StandardPageFactory(parent=home, title="Kontakt", show_in_menus=True)
    return {"area": area, "service": service}


def test_the_menu_opens_each_area_as_a_details_element(client, home, tree):
    nav = menu(html(client, home.url))
    # Without JavaScript the area opens with Enter or Space on its <summary>.
    assert re.search(r'<details class="primary-nav__group" name="huvudmeny">\s*<summary', nav)
    assert "Allt om Barn och utbildning" in nav
    assert f'href="{tree["service"].url}"' in nav
    # An item without sub-pages is a plain link.
    assert ">Kontakt</a>" in nav


def test_only_live_public_pages_in_the_menu_show(client, home, tree):
    nav = menu(html(client, home.url))
    for hidden in ("Inte i menyn", "Utkast", "Intranät", "Utanför menyn", "Föräldralös"):
        assert hidden not in nav


def test_the_menu_marks_where_the_visitor_is(client, tree):
    nav = menu(html(client, tree["service"].url))
    assert 'aria-current="true">Barn och utbildning</summary>' in nav
    assert f'href="{tree["service"].url}" aria-current="page">Förskola</a>' in nav


def test_the_phone_menu_button_is_hidden_until_javascript_runs(client, home, tree):
    nav = menu(html(client, home.url))
    button = re.search(r"<button[^>]*data-menu-toggle[^>]*>", nav).group(0)
    assert "hidden" in button
    assert 'aria-expanded="false"' in button and 'aria-controls="primary-nav-list"' in button
    assert 'id="primary-nav-list"' in nav


def test_the_first_breadcrumb_says_startsida(client, tree):
    body = html(client, tree["service"].url)
    crumbs = body[body.index('aria-label="Brödsmulor"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert '<a href="/">Startsida</a>' in crumbs
    assert ">Start<" not in crumbs
    assert "Barn och utbildning" in crumbs


def test_the_search_page_has_breadcrumbs_too(client, home):
    body = html(client, "/sok/?q=bygglov")
    crumbs = body[body.index('aria-label="Brödsmulor"') :]
    assert '<a href="/">Startsida</a>' in crumbs
    assert 'aria-current="page">Sök</a>' in crumbs


def test_the_home_page_has_no_breadcrumbs(client, home):
    assert 'aria-label="Brödsmulor"' not in html(client, home.url)


def test_each_language_has_its_own_menu_whichever_is_asked_first(client, home, tree, pagecache):
    # The menu is worked out once per content generation: an English page asked for first
    # after a publish must not leave the Swedish pages with the English menu (or none).
    from kommunwebb.languages.factories import translate

    translate(home, "en", title="Sundhamn", slug="en-home")
    english_area = translate(tree["area"], "en", title="Children and education", slug="children")
    english = html(client, english_area.url)
    swedish = html(client, tree["service"].url)
    assert "Children and education" in menu(english) and "Barn och utbildning" not in menu(english)
    assert "Barn och utbildning" in menu(swedish) and "Children" not in menu(swedish)
    assert f'href="{english_area.url}"' in menu(english)
