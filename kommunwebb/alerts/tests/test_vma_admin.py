""" "VMA-källor" in the admin (alerts/admin_views.py): the configured sources, the area
codes, how each source's last poll went in plain Swedish, how many VMA are current, and
the test and exercise messages the public never sees. The state comes from real polls
(vma.poll, the worker's job) against the local server of test_vma.py."""

import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from kommunwebb.alerts import vma
from kommunwebb.roles import names
from kommunwebb.testing.services import free_port

from .test_vma import AT, Server

pytestmark = pytest.mark.django_db

URL = "/admin/vma/"


@pytest.fixture
def vma_server():
    import threading

    server = Server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def logged_in(django_user_model, group):
    user = django_user_model.objects.create_user(username=group.lower(), password="x" * 16)
    user.groups.set([Group.objects.get(name=group)])
    client = Client()
    client.force_login(user)
    return client


def configure(settings, sources, municipality="0380", county="03"):
    settings.KOMMUNWEBB_VMA = {
        "MUNICIPALITY_CODE": municipality,
        "COUNTY_CODE": county,
        "AREA_NAME": "Uppsala kommun" if municipality else "",
        "SOURCES": sources,
        "TIMEOUT": 0.5,
        "MAX_BYTES": 200_000,
    }


def text_of(response) -> str:
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return re.sub(r"\s+", " ", main.get_text(" "))


def test_the_crisis_communicator_sees_each_source_and_its_last_poll(
    django_user_model, settings, vma_server, home
):
    working = vma_server.serve("/api/v2/alerts", "sr_vma.json")
    exercise = vma_server.serve("/ovning", "cap_exercise.xml", content_type="text/xml")
    failing = vma_server.url("/fel")  # answers 503
    unreachable = f"http://127.0.0.1:{free_port()}/vma"
    configure(settings, [working, exercise, failing, unreachable])
    with time_machine.travel(AT, tick=False):
        vma.poll()
        # Only the first poll of each source: the failing ones wait their back-off.
        configure(settings, [working, exercise, failing, unreachable, vma_server.url("/ny")])
        response = logged_in(django_user_model, names.KRISINFORMATOR).get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = text_of(response)

    assert "Kommunkod (SCB) 0380 (Uppsala kommun)" in text
    assert "Länskod (SCB) 03" in text
    assert "1 VMA visas på webbplatsen just nu." in text
    sources = BeautifulSoup(response.content, "html.parser").select(".kw-vma-source")
    by_url = {
        source.h3.get_text(strip=True): re.sub(r"\s+", " ", source.get_text(" "))
        for source in sources
    }
    assert list(by_url) == [working, exercise, failing, unreachable, vma_server.url("/ny")]
    assert "Senast hämtad utan fel 30 november 2026 kl. 9.20" in by_url[working]
    assert "Senaste fel Inget" in by_url[working]
    assert "Källan svarade med felkod 503 i stället för meddelanden." in by_url[failing]
    assert "Senast hämtad utan fel Aldrig" in by_url[failing]
    assert "Nästa försök 30 november 2026 kl. 9.21" in by_url[failing]
    assert "Det gick inte att nå källan" in by_url[unreachable]
    assert "Inte hämtad ännu" in by_url[vma_server.url("/ny")]

    # The exercise is listed, by its Swedish name, with a link to the draft.
    hidden = BeautifulSoup(response.content, "html.parser").select(".kw-vma-hidden li")
    assert len(hidden) == 1
    assert "Övning" in hidden[0].get_text()
    assert "[Exercise]" not in hidden[0].get_text()
    assert hidden[0].a["href"].startswith("/admin/snippets/alerts/alert/edit/")

    # Nothing English, no raw values, no exception names.
    for word in ("None", "Exercise", "SourceError", "ConnectionError", "HTTP 503", "last_"):
        assert word not in text, word


def test_without_sources_or_codes_it_says_why_nothing_comes(django_user_model, settings, home):
    configure(settings, [], municipality="", county="")
    text = text_of(logged_in(django_user_model, names.WEBBREDAKTOR).get(URL))
    assert "Ingen källa är inställd, så inga VMA hämtas." in text
    assert "Ingen kommun- eller länskod är angiven" in text
    assert "Kommunkod (SCB) Inte angiven" in text
    assert "0 VMA visas på webbplatsen just nu." in text
    assert "Inga test- eller övningsmeddelanden." in text
    assert "None" not in text


def test_only_those_who_publish_alerts_or_crisis_mode_see_it(django_user_model, settings, home):
    configure(settings, [])
    editor = logged_in(django_user_model, names.REDAKTOR)
    response = editor.get(URL)
    assert response.status_code == 302  # Wagtail's "no permission", back to the dashboard
    assert reverse("alerts_vma_sources") not in editor.get("/admin/").content.decode()
    crisis = logged_in(django_user_model, names.KRISINFORMATOR)
    assert reverse("alerts_vma_sources") in crisis.get("/admin/").content.decode()


@pytest.mark.parametrize(
    "stored, swedish",
    [
        ("SourceError: HTTP 404", "Källan svarade med felkod 404 i stället för meddelanden."),
        ("SourceError: too large", "Svaret var större än 2 MB och lästes inte."),
        ("SourceError: not CAP XML: ParseError", "varken CAP 1.2 (XML) eller Sveriges Radios"),
        ("ReadTimeout: HTTPSConnectionPool(host='vmaapi.sr.se')", "svarade inte inom 10 sekunder"),
        ("SSLError: certificate verify failed", "certifikat kunde inte kontrolleras"),
        ("ConnectionError: Max retries exceeded", "Det gick inte att nå källan"),
        ("ChunkedEncodingError: broken", "Hämtningen misslyckades."),
    ],
)
def test_each_stored_error_reads_in_swedish(settings, stored, swedish):
    configure(settings, [])
    settings.KOMMUNWEBB_VMA = {**settings.KOMMUNWEBB_VMA, "TIMEOUT": 10, "MAX_BYTES": 2_000_000}
    assert swedish in vma.describe_error(stored)
