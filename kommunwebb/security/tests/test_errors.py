"""Swedish error pages for every status a resident can meet, rendered without the
database, and the inputs that used to answer 500."""

import logging

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from kommunwebb.security import errors

pytestmark = pytest.mark.django_db

STATUSES = [400, 403, 404, 405, 413, 414, 429, 500, 503]


def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("status", STATUSES)
def test_every_error_page_is_swedish_and_needs_no_database(status):
    with CaptureQueriesContext(connection) as queries:
        response = errors.error_response(status)
    assert len(queries) == 0
    html = response.content.decode()
    assert response.status_code == status
    assert f"Felkod {status}" in html
    assert str(errors.PAGES[status][0]) in html
    assert '<html lang="sv">' in html
    assert "no-cache" in response["Cache-Control"]
    if status in (429, 503):
        assert int(response["Retry-After"]) > 0


@override_settings(ROOT_URLCONF="kommunwebb.security.tests.urls")
def test_a_bug_answers_the_swedish_500_page():
    response = client().get("/test-boom/")
    assert response.status_code == 500
    assert "Något gick fel hos oss" in response.content.decode()
    assert "Server Error" not in response.content.decode()


@override_settings(ROOT_URLCONF="kommunwebb.security.tests.urls")
def test_a_database_that_is_down_answers_503_with_retry_after():
    response = client().get("/test-database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "tillfälligt otillgänglig" in response.content.decode()


def test_the_404_page_falls_back_to_the_plain_one_without_a_database(home, monkeypatch):
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    assert "Du kanske letar efter" in client().get("/finns-inte/").content.decode()
    monkeypatch.setattr("kommunwebb.core.views.render", refuse)
    response = client().get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_a_method_a_page_does_not_take_gets_the_swedish_405_page(home):
    response = client().delete("/samtycke/")
    assert response.status_code == 405
    assert "Det går inte att göra så här" in response.content.decode()
    assert "GET" in response["Allow"]


def test_an_address_over_4_kb_gets_the_swedish_414_page(home):
    response = client().get("/sok/", {"q": "ord " * 1100})
    assert response.status_code == 414
    assert "Adressen är för lång" in response.content.decode()
    assert client().get("/sok/", {"q": "ord " * 40}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?offset=99999999999999999999",
        "/api/v2/pages/?limit=99999999999999999999",
        "/api/v2/pages/?search=luft&search_operator=foo",
        "/api/v2/pages/?search_operator=foo",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/images/?offset=1000000001",
        "/nyheter/?amne=%00",
        "/?q=a%00b",
        "/sok/?q=%00",
        "/finns%00inte/",
    ],
)
def test_inputs_that_answered_500_are_refused_with_a_400(home, url):
    from kommunwebb.news.factories import NewsIndexPageFactory

    NewsIndexPageFactory(parent=home, slug="nyheter")
    response = client().get(url)
    assert response.status_code == 400, (url, response.status_code)


def test_an_id_no_database_can_hold_is_not_found(home):
    assert client().get("/api/v2/pages/find/?id=-99999999999999999999").status_code == 404


def test_a_nul_in_a_posted_field_is_refused_before_any_view(home):
    response = client().post("/samtycke/", {"statistics": "1\x00"})
    assert response.status_code == 400
    assert "Det du skickade kunde inte tas emot" in response.content.decode()


def test_a_media_name_over_255_characters_is_a_404(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    assert client().get("/media/documents/" + "a" * 300 + ".pdf").status_code == 404


def test_bad_host_headers_are_logged_once_per_window_without_a_traceback(home):
    logger = logging.getLogger("django.security.DisallowedHost")
    (bad_host,) = [f for f in logger.filters if hasattr(f, "window")]
    bad_host.reset()
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    keep = Keep()
    logging.getLogger("django").addHandler(keep)
    try:
        with override_settings(ALLOWED_HOSTS=["www.kommun.example"]):
            for _ in range(5):
                response = client().get("/", HTTP_HOST="evil.example")
                assert response.status_code == 400
                assert "Det du skickade kunde inte tas emot" in response.content.decode()
    finally:
        logging.getLogger("django").removeHandler(keep)
        bad_host.reset()
    assert [(r.name, r.levelname) for r in records] == [
        ("django.security.DisallowedHost", "WARNING")
    ]
    assert records[0].exc_info is None
    assert "evil.example" in records[0].getMessage()
