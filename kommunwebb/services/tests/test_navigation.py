""" "Hitta snabbt" and "Populära tjänster": chosen by editors in the site settings, shown on
the home page with the service areas, and moved there from the home page once."""

import importlib

import pytest
from django.apps import apps as django_apps

from kommunwebb.services.factories import ServiceAreaPageFactory, ServicePageFactory
from kommunwebb.services.models import ServiceNavigation

pytestmark = pytest.mark.django_db


def html(client, url):
    return client.get(url).content.decode()


def shortcut(title, url):
    return ("service", {"title": title, "description": "", "page": None, "url": url})


def test_home_page_shows_quick_links_popular_services_and_areas(client, home):
    area = ServiceAreaPageFactory(parent=home, title="Bygga, bo och miljö")
    building = ServicePageFactory(parent=area, title="Bygglov")
    unpublished = ServicePageFactory(parent=area, title="Strandskydd", live=False)
    ServiceAreaPageFactory(parent=home, title="Gammalt område", live=False)
    navigation = ServiceNavigation.for_site(home.get_site())
    navigation.quick_links = [shortcut("Lediga jobb", "https://jobb.kommun.example/")]
    navigation.popular_services = [("service", unpublished), ("service", building)]
    navigation.save()

    body = html(client, home.url)
    assert "Hitta snabbt" in body and "Lediga jobb" in body
    assert "Populära tjänster" in body
    assert f'href="{building.url}"' in body
    assert "Strandskydd" not in body
    assert "Kommunens service" in body and "Bygga, bo och miljö" in body
    assert "Gammalt område" not in body


def test_without_settings_the_home_page_leaves_the_sections_out(client, home):
    body = html(client, home.url)
    assert "Hitta snabbt" not in body
    assert "Populära tjänster" not in body
    assert "Kommunens service" not in body


def test_changed_quick_links_show_on_cached_pages(client, home, pagecache, commit):
    navigation = ServiceNavigation.for_site(home.get_site())
    with commit():
        navigation.quick_links = [shortcut("Lediga jobb", "https://jobb.kommun.example/")]
        navigation.save()
    assert "Lediga jobb" in html(client, home.url)
    with commit():
        navigation.quick_links = [shortcut("Sommarjobb", "https://jobb.kommun.example/")]
        navigation.save()
    assert "Sommarjobb" in html(client, home.url)


def test_the_home_page_shortcuts_move_to_the_setting_once(home):
    migration = importlib.import_module(
        "kommunwebb.services.migrations.0002_quick_links_from_home_page"
    )
    home.services = [shortcut("Felanmälan", "https://kommun.example/fel/")]
    home.save()
    migration.copy_home_shortcuts(django_apps, None)
    navigation = ServiceNavigation.for_site(home.get_site())
    assert [block.value["title"] for block in navigation.quick_links] == ["Felanmälan"]

    # A setting that already has links is left as the editors made it.
    navigation.quick_links = [shortcut("Egna genvägar", "https://kommun.example/")]
    navigation.save()
    migration.copy_home_shortcuts(django_apps, None)
    navigation.refresh_from_db()
    assert [block.value["title"] for block in navigation.quick_links] == ["Egna genvägar"]
