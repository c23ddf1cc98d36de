"""E-services: named once as a snippet, shown only while published and reachable, marked
when they leave the site, and known to the page cache."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from kommunwebb.contacts.factories import ContactCardFactory
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.services.factories import (
    EServiceFactory,
    ServiceAreaPageFactory,
    ServicePageFactory,
)
from kommunwebb.services.models import EService

pytestmark = pytest.mark.django_db


def html(client, url):
    return client.get(url).content.decode()


@pytest.mark.parametrize(
    ("url", "with_page"),
    [("", False), ("https://e-tjanster.kommun.example/a/", True)],
)
def test_an_eservice_needs_either_an_address_or_a_page(home, url, with_page):
    eservice = EService(name="Ansök om bygglov", url=url, page=home if with_page else None)
    with pytest.raises(ValidationError) as error:
        eservice.full_clean()
    assert "antingen e-tjänstens adress eller en sida" in str(error.value)


def test_an_address_leaves_the_site_and_a_page_does_not(home):
    outside = EServiceFactory(url="https://e-tjanster.kommun.example/bygglov/")
    assert outside.is_external
    assert outside.host == "e-tjanster.kommun.example"
    assert outside.href == "https://e-tjanster.kommun.example/bygglov/"
    form = StandardPageFactory(parent=home, slug="felanmalan")
    inside = EServiceFactory(url="", page=form)
    assert not inside.is_external
    assert inside.host == ""
    assert inside.href == "/felanmalan/"


def test_only_published_eservices_with_a_reachable_target_are_available(home):
    published = EServiceFactory(name="Publicerad")
    EServiceFactory(name="Utkast", live=False)
    live_page = StandardPageFactory(parent=home)
    on_live_page = EServiceFactory(name="Formulär", url="", page=live_page)
    draft_page = StandardPageFactory(parent=home, live=False)
    EServiceFactory(name="Opublicerad sida", url="", page=draft_page)
    private_parent = StandardPageFactory(parent=home)
    PageViewRestriction.objects.create(page=private_parent, restriction_type="login")
    private_page = StandardPageFactory(parent=private_parent)
    EServiceFactory(name="Skyddad sida", url="", page=private_page)
    assert set(EService.objects.available()) == {published, on_live_page}


def test_service_page_shows_the_start_button_marked_as_leaving_the_site(client, home):
    area = ServiceAreaPageFactory(parent=home, slug="bygga")
    support = ContactCardFactory(name="Bygglovsenheten")
    eservice = EServiceFactory(
        name="E-bygglov", url="https://e-tjanster.kommun.example/bygglov/", support=support
    )
    page = ServicePageFactory(parent=area, title="Bygglov", eservice=eservice)
    body = html(client, page.url)
    assert "Starta e-tjänsten" in body
    assert 'href="https://e-tjanster.kommun.example/bygglov/"' in body
    assert "(till en annan webbplats)" in body
    assert "E-tjänsten öppnas på e-tjanster.kommun.example." in body
    assert "Du loggar in med e-legitimation" in body
    assert "Frågor om e-tjänsten: Bygglovsenheten" in body


def test_an_eservice_on_the_site_is_not_marked_as_leaving_it(client, home):
    area = ServiceAreaPageFactory(parent=home)
    form = StandardPageFactory(parent=home, slug="felanmalan")
    eservice = EServiceFactory(url="", page=form, requires_eid=False)
    page = ServicePageFactory(parent=area, eservice=eservice)
    body = html(client, page.url)
    assert 'href="/felanmalan/"' in body
    assert "(till en annan webbplats)" not in body
    assert "Du behöver inte logga in." in body


def test_a_draft_eservice_shows_no_button(client, home):
    area = ServiceAreaPageFactory(parent=home)
    eservice = EServiceFactory(live=False)
    page = ServicePageFactory(parent=area, eservice=eservice)
    body = html(client, page.url)
    assert "Starta e-tjänsten" not in body
    assert eservice.url not in body


def test_the_eservices_page_lists_available_eservices_a_to_o(client, home):
    from kommunwebb.services.models import EServiceIndexPage

    EServiceFactory(name="Ändra abonnemang")
    EServiceFactory(name="Ansök om bygglov", requires_eid=False)
    EServiceFactory(name="Boka lokal")
    EServiceFactory(name="Hemlig", live=False)
    index = home.add_child(instance=EServiceIndexPage(title="E-tjänster", slug="e-tjanster"))
    assert [e.name for e in index.eservices()] == [
        "Ansök om bygglov",
        "Boka lokal",
        "Ändra abonnemang",
    ]
    body = html(client, index.url)
    assert "3 e-tjänster" in body
    assert "Hemlig" not in body
    assert "Ingen inloggning" in body and "Kräver e-legitimation" in body


def test_a_changed_eservice_shows_on_cached_pages(client, home, pagecache, commit):
    with commit():
        area = ServiceAreaPageFactory(parent=home)
        eservice = EServiceFactory(name="Ansök om plats i förskola")
        page = ServicePageFactory(parent=area, eservice=eservice)
        page.save_revision().publish()
    assert "Ansök om plats i förskola" in html(client, page.url)
    with commit():
        eservice.name = "Ansök om förskoleplats"
        eservice.save()
    assert "Ansök om förskoleplats" in html(client, page.url)
    with commit():
        # As an editor unpublishes it: Wagtail's signal makes cached pages stale.
        eservice.unpublish()
    assert "Starta e-tjänsten" not in html(client, page.url)
