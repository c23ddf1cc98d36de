"""How consent shows on public pages, and that pages stay shareable by a cache: the HTML
may differ only by the three consent states of contract C1."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from kommunwebb.consent import state
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.core.models import SiteSettings

pytestmark = pytest.mark.django_db

ID_A = "a" * 22
ID_B = "B" * 21 + "-"


def get(client, url, cookie=None, **headers):
    client.cookies.clear()
    if cookie is not None:
        client.cookies[state.COOKIE_NAME] = cookie
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def banner(html):
    return BeautifulSoup(html, "html.parser").select_one("[data-consent-banner]")


def test_first_visit_shows_the_banner_with_purposes_and_two_equal_choices(client, home):
    html = get(client, home.url)
    section = banner(html)
    assert section is not None
    assert section.name == "section"
    heading = section.find(id=section["aria-labelledby"])
    assert heading is not None and heading.get_text(strip=True)
    text = section.get_text(" ", strip=True)
    assert "vilka sidor som besöks" in text and "hur snabbt" in text
    assert "IP-adress" in text
    form = section.find("form")
    assert form["method"] == "post" and form["action"] == "/samtycke/"
    assert form.find("input", attrs={"name": "next"})["value"] == home.url
    accept, decline = form.find_all("button")
    assert accept.get_text(strip=True) == "Godkänn statistik"
    assert decline.get_text(strip=True) == "Endast nödvändiga"
    # Equal weight: the same element, the same classes, nothing to tell them apart.
    assert accept["class"] == decline["class"]
    assert accept["type"] == decline["type"] == "submit"
    settings_link = form.find("a")
    assert settings_link.get_text(strip=True) == "Inställningar"
    assert settings_link["href"].startswith("/samtycke/?next=")
    assert "csrfmiddlewaretoken" not in html
    assert "js/consent.js" in html


def test_the_skip_link_stays_the_first_focusable_element(client, home):
    soup = BeautifulSoup(get(client, home.url), "html.parser")
    first = soup.body.find(["a", "button", "input", "select", "textarea"])
    assert first["href"] == "#main"
    body = str(soup.body)
    assert body.index('href="#main"') < body.index("data-consent-banner")


@pytest.mark.parametrize(
    ("cookie", "headers"),
    [(f"s.1.{ID_A}", {}), (f"n.1.{ID_A}", {}), (None, {"HTTP_SEC_GPC": "1"})],
)
def test_no_banner_once_chosen_or_when_the_browser_declines(client, home, cookie, headers):
    html = get(client, home.url, cookie, **headers)
    assert banner(html) is None
    assert "js/consent.js" not in html


def test_a_new_policy_version_asks_again(client, home):
    with override_settings(CONSENT_POLICY_VERSION=2):
        assert banner(get(client, home.url, f"s.1.{ID_A}")) is not None
        assert banner(get(client, home.url, f"s.2.{ID_A}")) is None


def test_statistics_script_only_with_consent(client, home):
    """The analytics app's script (templates/analytics/script.html) runs only in the
    "statistics" state."""
    probe = "js/stats.js"
    accepted = get(client, home.url, f"s.1.{ID_A}")
    head = accepted[: accepted.index("</head>")]
    assert probe in head
    declined = get(client, home.url, f"n.1.{ID_A}")
    assert probe not in declined
    gpc = get(client, home.url, HTTP_SEC_GPC="1")
    assert probe not in gpc
    # Before a choice the script is only held inert, for consent.js to start on "yes".
    unset = BeautifulSoup(get(client, home.url), "html.parser")
    holder = unset.select_one("template[data-consent-statistics]")
    assert probe in str(holder)
    live_scripts = [s for s in unset.find_all("script") if s.find_parent("template") is None]
    assert all(probe not in (s.get("src") or "") for s in live_scripts)


def test_html_differs_only_by_consent_state(client, home):
    """Two visitors in the same state get the same bytes, so a shared cache may serve one
    the other's copy; the three states give three variants."""
    page = StandardPageFactory(parent=home, title="Om webbplatsen")
    variants = {
        "unset": [(None, {}), ("garbage", {}), (f"s.0.{ID_A}", {}), ("n.1.short", {})],
        "necessary": [(f"n.1.{ID_A}", {}), (f"n.1.{ID_B}", {}), (None, {"HTTP_DNT": "1"})],
        "statistics": [(f"s.1.{ID_A}", {}), (f"s.1.{ID_B}", {"HTTP_SEC_GPC": "1"})],
    }
    rendered = {}
    for url in (home.url, page.url):
        for name, visitors in variants.items():
            copies = {get(client, url, cookie, **headers) for cookie, headers in visitors}
            assert len(copies) == 1, f"{name} differs between visitors on {url}"
            copy = copies.pop()
            assert ID_A not in copy and ID_B not in copy
            rendered[(url, name)] = copy
        assert len({rendered[(url, name)] for name in variants}) >= 2


def test_cookie_table_on_the_cookies_page_is_made_from_the_registry(client, home):
    from kommunwebb.consent import registry

    cookies_page = StandardPageFactory(parent=home, title="Om webbkakor (cookies)")
    other = StandardPageFactory(parent=home, title="Om webbplatsen")
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.cookies_page = cookies_page
    site_settings.save()

    soup = BeautifulSoup(get(client, cookies_page.url), "html.parser")
    tables = soup.select(".cookie-table table")
    assert len(tables) == 2
    rows = {
        row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.find_all("td")]
        for table in tables
        for row in table.tbody.find_all("tr")
    }
    assert set(rows) == registry.names()
    assert rows["kw_vid"][1] == "12 månader"
    for table in tables:
        assert table.caption.get_text(strip=True)
        assert [th["scope"] for th in table.thead.find_all("th")] == ["col"] * 4
    assert soup.select_one(".cookie-list a[href^='/samtycke/']") is not None
    assert "cookie-table" not in get(client, other.url)


def test_cookie_table_tag_renders_anywhere():
    from django.template import Context, Template

    html = Template("{% load consent_tags %}{% cookie_table %}").render(Context())
    assert "kw_<wbr>consent" in html and "csrftoken" in html


def test_consent_state_tag_without_a_request():
    from django.template import Context, Template

    html = Template("{% load consent_tags %}{% consent_state as s %}{{ s }}").render(Context())
    assert html == "unset"


@pytest.mark.parametrize("state_cookie", [None, f"s.1.{ID_A}", f"n.1.{ID_A}"])
def test_every_page_links_to_the_settings_from_its_footer(client, home, state_cookie):
    page = StandardPageFactory(parent=home, title="Om webbplatsen")
    for url, status in ((home.url, 200), (page.url, 200), ("/sok/?q=luft", 200), ("/x/", 404)):
        client.cookies.clear()
        if state_cookie:
            client.cookies[state.COOKIE_NAME] = state_cookie
        response = client.get(url)
        assert response.status_code == status
        footer = BeautifulSoup(response.content, "html.parser").find("footer")
        link = footer.find("a", string="Cookieinställningar")
        assert link is not None, url
        assert link["href"].startswith("/samtycke/?next=/")
