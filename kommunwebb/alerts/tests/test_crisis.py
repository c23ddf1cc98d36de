"""Crisis mode: publishing a crisis puts its overview in place of the home page's top, its
banner on every page and fills the lightweight crisis page; unpublishing restores the home
page. A draft (a prepared scenario) switches nothing on."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from kommunwebb.alerts.factories import AlertFactory, CrisisFactory
from kommunwebb.alerts.models import AlertLevel
from kommunwebb.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def switch_on(**fields):
    crisis = CrisisFactory(live=False, **fields)
    crisis.save_revision().publish()
    crisis.refresh_from_db()
    return crisis


def test_crisis_mode_replaces_the_top_of_the_home_page_and_off_restores_it(client, home):
    assert soup(client, home.url).select_one(".hero") is not None
    crisis = switch_on()

    page = soup(client, home.url)
    assert page.select_one(".hero") is None
    overview = page.select_one("section.crisis")
    assert overview.h1.get_text() == "Vattnet i centrala staden är otjänligt"
    headings = [h.get_text() for h in overview.select("h2")]
    assert headings == ["Vad har hänt?", "Vad ska jag göra?", "Här får du hjälp"]
    assert overview.select_one(".crisis__updated").get_text().startswith("Uppdaterad ")

    crisis.unpublish()
    page = soup(client, home.url)
    assert page.select_one(".hero") is not None
    assert page.select_one("section.crisis") is None
    assert page.select_one(".crisis-banner") is None


def test_a_prepared_scenario_switches_nothing_on(client, home):
    CrisisFactory(live=False)
    assert soup(client, home.url).select_one(".crisis-banner") is None
    assert "Just nu pågår ingen kris" in soup(client, "/kris/").get_text()


def test_the_crisis_banner_is_on_every_page(client, home):
    switch_on(title="Strömavbrott i hela kommunen")
    other = StandardPageFactory(parent=home, title="Avfall")
    banner = soup(client, other.url).select_one(".crisis-banner")
    link = banner.find("a")
    assert link.get_text() == "Strömavbrott i hela kommunen"
    assert link["href"] == "/kris/"


def test_phone_numbers_in_the_crisis_text_can_be_called(client, home):
    switch_on(help="Kundtjänst: 018-727 00 00, vardagar 8–16\nVårdguiden: 1177")
    links = {a.get_text(): a["href"] for a in soup(client, "/kris/").select("a.tel")}
    assert links["018-727 00 00"] == "tel:+46187270000"
    assert links["1177"] == "tel:1177"
    assert links["112"] == "tel:112"
    assert "8–16" not in links


def test_the_crisis_page_is_light(client, home):
    switch_on()
    AlertFactory(title="VMA: Gasutsläpp", level=AlertLevel.VMA)
    AlertFactory(title="Kris: vattnet", level=AlertLevel.CRISIS)
    response = client.get("/kris/")
    html = response.content.decode()
    assert "VMA: Gasutsläpp" in html
    stylesheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assert stylesheets == ["css/crisis.css"]
    css = sum(Path(finders.find(path)).stat().st_size for path in stylesheets)
    assert "<script" not in html and "<img" not in html
    assert len(response.content) + css <= 50 * 1024


def test_publishing_the_crisis_reaches_cached_pages(client, pagecache, home, commit):
    client.get(home.url)
    assert client.get(home.url)["X-Page-Cache"] == "hit"
    with commit():
        switch_on(title="Storm")
    assert "Storm" in soup(client, home.url).select_one("section.crisis").h1.get_text()


def test_the_cookie_question_waits_while_crisis_information_fills_the_top(client, home):
    assert soup(client, home.url).select_one("[data-consent-banner]") is not None
    AlertFactory(title="Information", level=AlertLevel.INFORMATION)
    assert soup(client, home.url).select_one("[data-consent-banner]") is not None
    alert = AlertFactory(title="Gasutsläpp", level=AlertLevel.VMA)
    assert soup(client, home.url).select_one("[data-consent-banner]") is None
    alert.delete()
    switch_on()
    assert soup(client, home.url).select_one("[data-consent-banner]") is None
