"""Service areas, service pages and the A–Ö index: what they show, and that a visitor only
ever sees live, public pages in them."""

import pytest
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from kommunwebb.contacts.factories import ContactCardFactory
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.core.models import StandardPage
from kommunwebb.home.models import HomePage
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.politics.models import CommitteePage
from kommunwebb.services.factories import (
    EServiceFactory,
    ServiceAreaPageFactory,
    ServicePageFactory,
)
from kommunwebb.services.models import (
    AreaContact,
    AreaPopularService,
    EServiceIndexPage,
    ServiceAreaPage,
    ServiceContact,
    ServiceIndexPage,
    ServicePage,
    ServiceRelatedPage,
)
from kommunwebb.taxonomy.models import Topic
from kommunwebb.topics.models import TopicPage


def html(client, url):
    return client.get(url).content.decode()


class ServiceTreeTests(WagtailPageTestCase):
    def test_areas_hang_under_the_home_page_and_services_under_areas(self):
        self.assertAllowedParentPageTypes(ServiceAreaPage, {HomePage})
        self.assertAllowedSubpageTypes(
            ServiceAreaPage, {ServicePage, TopicPage, StandardPage, CommitteePage}
        )
        self.assertAllowedParentPageTypes(ServicePage, {ServiceAreaPage, ServicePage})
        self.assertAllowedSubpageTypes(ServicePage, {ServicePage})
        self.assertCanNotCreateAt(HomePage, ServicePage)
        self.assertAllowedParentPageTypes(CommitteePage, {ServiceAreaPage})

    def test_the_index_pages_go_once_under_the_home_page(self):
        for page_type in (ServiceIndexPage, EServiceIndexPage):
            self.assertAllowedParentPageTypes(page_type, {HomePage})
            self.assertAllowedSubpageTypes(page_type, set())
            assert page_type.max_count_per_parent == 1


pytestmark = pytest.mark.django_db


def test_service_page_shows_each_part_under_its_heading(client, home):
    area = ServiceAreaPageFactory(parent=home)
    card = ContactCardFactory(name="Placeringsenheten")
    page = ServicePageFactory(
        parent=area,
        title="Ansök om plats i förskola",
        who="<p>Vårdnadshavare i kommunen.</p>",
        how="<ol><li>Logga in.</li><li>Välj förskolor.</li></ol>",
        cost="<p>Enligt maxtaxan.</p>",
        processing_time="Högst fyra månader.",
    )
    ServiceContact.objects.create(page=page, card=card, sort_order=0)
    body = html(client, page.url)
    for text in (
        "Vem kan ansöka?",
        "Vårdnadshavare i kommunen.",
        "Så ansöker du",
        "<li>Välj förskolor.</li>",
        "Kostnad",
        "Enligt maxtaxan.",
        "Handläggningstid",
        "Högst fyra månader.",
        "Placeringsenheten",
    ):
        assert text in body


def test_empty_parts_leave_no_empty_headings(client, home):
    area = ServiceAreaPageFactory(parent=home)
    page = ServicePageFactory(parent=area)
    body = html(client, page.url)
    for heading in ("Vem kan ansöka?", "Så ansöker du", "Handläggningstid", "Relaterat"):
        assert heading not in body


def test_related_pages_leave_out_drafts_and_restricted_pages(client, home):
    area = ServiceAreaPageFactory(parent=home)
    page = ServicePageFactory(parent=area)
    shown = StandardPageFactory(parent=home, title="Avgifter")
    draft = StandardPageFactory(parent=home, title="Utkastet", live=False)
    private = StandardPageFactory(parent=home, title="Internt")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for order, related in enumerate((draft, shown, private)):
        ServiceRelatedPage.objects.create(page=page, related_page=related, sort_order=order)
    assert [p.title for p in page.related_pages()] == ["Avgifter"]
    body = html(client, page.url)
    assert "Avgifter" in body
    assert "Utkastet" not in body and "Internt" not in body


def test_area_page_lists_its_services_eservices_news_and_contacts(client, home):
    tag = Topic.objects.create(name="Barn och utbildning", slug="barn-och-utbildning")
    area = ServiceAreaPageFactory(parent=home, title="Barn och utbildning", topic=tag)
    shared = EServiceFactory(name="Ansök om plats")
    preschool = ServicePageFactory(
        parent=area, title="Ansök om plats i förskola", index_name="Förskola", eservice=shared
    )
    ServicePageFactory(parent=area, title="Fritidshem", eservice=shared)
    ServicePageFactory(parent=area, title="Skolval", eservice=EServiceFactory(name="Välj skola"))
    ServicePageFactory(
        parent=area, title="Hemlig tjänst", eservice=EServiceFactory(name="Dold"), live=False
    )
    AreaPopularService.objects.create(page=area, service=preschool, sort_order=0)
    AreaContact.objects.create(page=area, card=ContactCardFactory(name="Skolkontoret"))
    news = NewsIndexPageFactory(parent=home)
    article = NewsArticlePageFactory(parent=news, title="Ny förskola i Ekbacka")
    article.topics.add(tag)
    article.save_revision().publish()

    assert [s.index_label for s in area.all_services()] == ["Fritidshem", "Förskola", "Skolval"]
    assert [e.name for e in area.eservices()] == ["Ansök om plats", "Välj skola"]
    body = html(client, area.url)
    assert "Mest använda tjänster" in body
    assert "Alla tjänster inom Barn och utbildning" in body
    # Two services start the same e-service: the area lists it once.
    assert body.count(f'href="{shared.url}"') == 1
    assert "Välj skola" in body
    assert "Hemlig tjänst" not in body and "Dold" not in body
    assert "Ny förskola i Ekbacka" in body
    assert "Skolkontoret" in body


def test_popular_services_leave_out_unpublished_ones(home):
    area = ServiceAreaPageFactory(parent=home)
    shown = ServicePageFactory(parent=area, title="Bygglov")
    hidden = ServicePageFactory(parent=area, title="Strandskydd", live=False)
    AreaPopularService.objects.create(page=area, service=hidden, sort_order=0)
    AreaPopularService.objects.create(page=area, service=shown, sort_order=1)
    assert area.popular_services() == [Page.objects.get(pk=shown.pk).specific]


def test_other_pages_of_an_area_are_its_live_non_service_children(home):
    area = ServiceAreaPageFactory(parent=home)
    ServicePageFactory(parent=area)
    info = StandardPageFactory(parent=area, title="Så styrs kommunen")
    StandardPageFactory(parent=area, title="Ej publicerad", live=False)
    assert [p.title for p in area.other_pages()] == [info.title]


def test_a_to_o_index_files_live_services_under_their_word(client, home):
    area = ServiceAreaPageFactory(parent=home)
    other_area = ServiceAreaPageFactory(parent=home)
    ServicePageFactory(parent=area, title="Ansök om plats i förskola", index_name="Förskola")
    ServicePageFactory(parent=other_area, title="Äldreboende")
    ServicePageFactory(parent=other_area, title="Avfall")
    ServicePageFactory(parent=other_area, title="Bostadsanpassning", live=False)
    index = home.add_child(instance=ServiceIndexPage(title="A–Ö", slug="a-o"))
    filed = {letter.letter: [p.index_label for p in letter.entries] for letter in index.letters()}
    assert filed["A"] == ["Avfall"]
    assert filed["F"] == ["Förskola"]
    assert filed["Ä"] == ["Äldreboende"]
    assert filed["B"] == []
    body = html(client, index.url)
    assert 'href="#bokstav-f"' in body and 'id="bokstav-f"' in body
    assert "Ansök om plats i förskola" in body  # the page's own title, beside its A–Ö word
    assert "Bostadsanpassning" not in body
