import pytest
from django.test import override_settings
from django.utils import translation

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_standard_page_renders_with_chrome(client, home):
    page = StandardPageFactory(parent=home, title="Om webbplatsen", slug="om-webbplatsen")
    html = client.get(page.url).content.decode()
    assert '<html lang="sv"' in html
    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert 'action="/sok/"' in html
    assert "Om webbplatsen" in html


def test_footer_links_the_four_required_pages(client, home):
    pages = {
        name: StandardPageFactory(parent=home, title=title)
        for name, title in [
            ("about_page", "Om webbplatsen"),
            ("cookies_page", "Om webbkakor (cookies)"),
            ("privacy_page", "Personuppgifter"),
            ("accessibility_page", "Tillgänglighetsredogörelse"),
        ]
    }
    settings = SiteSettings.for_site(home.get_site())
    for name, page in pages.items():
        setattr(settings, name, page)
    settings.save()
    html = client.get(home.url).content.decode()
    footer = html[html.index("<footer") :]
    for page in pages.values():
        assert f'href="{page.url}"' in footer


@pytest.mark.parametrize(
    ("phone", "link"),
    [
        ("+46 (0)40 34 10 00", 'href="tel:+4640341000"'),
        ("040-34 10 00", 'href="tel:+4640341000"'),
        ("växeln", None),  # not a number a phone can dial: shown, not linked
    ],
)
def test_footer_phone_link_dials_the_number(client, home, phone, link):
    settings = SiteSettings.for_site(home.get_site())
    settings.phone = phone
    settings.save()
    html = client.get(home.url).content.decode()
    footer = html[html.index("<footer") :]
    assert phone in footer
    if link is None:
        assert "tel:" not in footer
    else:
        assert link in footer


def test_breadcrumbs_mark_the_current_page(client, home):
    parent = StandardPageFactory(parent=home, title="Kommun och politik")
    child = StandardPageFactory(parent=parent, title="Nämnder")
    html = client.get(child.url).content.decode()
    assert 'aria-label="Brödsmulor"' in html
    assert 'aria-current="page"' in html
    assert "Kommun och politik" in html


def test_404_is_swedish(client, home):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan finns inte" in html
    assert '<html lang="sv"' in html


@override_settings(LANGUAGE_CODE="en")
def test_interface_has_an_english_translation(client, home):
    with translation.override("en"):
        html = client.get(home.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Skip to main content" in html


def test_phone_numbers_in_rich_text_can_be_called(client, home):
    page = StandardPageFactory(
        parent=home,
        body=[
            (
                "paragraph",
                "<p>Ring <b>112</b> eller växeln 040-628\u00a004\u00a000 vardagar 8–16.</p>",
            ),
            ("fact_box", {"heading": "Fakta", "body": "<p>Tips till polisen: 114 14.</p>"}),
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<b><a class="tel" href="tel:112">112</a></b>' in html
    assert 'href="tel:+46406280400">040-628\u00a004\u00a000</a> vardagar 8–16' in html
    assert '<a class="tel" href="tel:11414">114 14</a>' in html
